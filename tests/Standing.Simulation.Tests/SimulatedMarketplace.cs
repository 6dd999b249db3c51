using NodaTime;
using Standing.Core.Events;
using Standing.Simulation;

namespace Standing.Simulation.Tests;

/// <summary>One full-mode history shared by the tests that only read it (about 250,000 events).</summary>
public sealed class SimulatedMarketplace
{
    public static readonly Instant End = Instant.FromUtc(2026, 3, 1, 0, 0);

    public SimulatedMarketplace()
        : this(Options)
    {
    }

    /// <summary>Another history, for checking an invariant under other seeds and sizes.</summary>
    internal SimulatedMarketplace(SimulationOptions options)
    {
        Simulator = new MarketplaceSimulator(options);
        Events = Simulator.Generate().ToList();
    }

    public static SimulationOptions Options { get; } = new() { End = End, Sellers = 120, Days = 120 };

    public MarketplaceSimulator Simulator { get; }

    public IReadOnlyList<StandingEvent> Events { get; }
}
