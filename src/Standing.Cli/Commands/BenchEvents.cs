using NodaTime;
using Standing.Core.Events;
using Standing.Simulation;

namespace Standing.Cli.Commands;

/// <summary>The events <c>standing bench</c> generates: a year of a marketplace in orders-only mode.</summary>
internal static class BenchEvents
{
    public const int Days = 365;

    /// <summary>The year ends here; a store built from these events is current up to this instant.</summary>
    public static readonly Instant End = Instant.FromUtc(2026, 6, 1, 0, 0);

    public static SimulationOptions Options(int sellers, long orders) => new()
    {
        Sellers = sellers, Days = Days, End = End, OrdersOnly = true, NewSellerShare = 0,
        OrdersPerSellerPerDay = (double)orders / sellers / Days,
    };

    /// <summary>
    /// Every event sorted by its instant (a stable sort, so ties keep the generator's order), as a
    /// marketplace's daily exports arrive: a store loaded from them holds each seller's events scattered
    /// through the log, as a real one does. Holds all the events at once (about 300 bytes each).
    /// </summary>
    public static StandingEvent[] InTimeOrder(SimulationOptions options)
    {
        var events = new MarketplaceSimulator(options).Generate().ToArray();
        var keys = new long[events.Length];
        for (var i = 0; i < events.Length; i++) keys[i] = events[i].At.ToUnixTimeTicks();
        var order = new int[events.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Sorting (instant, generated position) pairs makes the order independent of the sort's stability.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var sorted = new StandingEvent[events.Length];
        for (var i = 0; i < order.Length; i++) sorted[i] = events[order[i]];
        return sorted;
    }
}
