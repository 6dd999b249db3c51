using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Simulation.Tests;

/// <summary>
/// The incremental fold of a replay gives, at every as-of, byte for byte the facts a fresh fold of the same
/// events gives (the facts depend only on the set of events before as-of): on generated histories with
/// refunds, chats, cases, complaints, corrections, risk flags and removed reviews, delivered late, out of
/// order and repeated.
/// </summary>
public sealed class IncrementalFoldTests
{
    public static TheoryData<int, int, int, string> Histories => new()
    {
        { 11, 30, 120, "in order" },
        { 12, 25, 100, "late" },       // a share of events arrives at the end of the log, long after its instant
        { 13, 20, 90, "shuffled" },    // arrival order has nothing to do with time
        { 14, 20, 90, "repeated" },    // some events are delivered twice, the copy later
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Every_as_of_of_a_replay_equals_a_fresh_fold(int seed, int sellers, int days, string arrival)
    {
        var options = SimulatedMarketplace.Options with { Seed = seed, Sellers = sellers, Days = days };
        var events = Arrive(new MarketplaceSimulator(options).Generate().ToList(), arrival, seed);
        // The kinds of fact that accumulate across days are all in the history, so the test can fail on each.
        foreach (var type in new[] { EventType.RefundRequested, EventType.ChatMessage, EventType.CaseOpened, EventType.ComplaintFiled, EventType.OrderStatusCorrected, EventType.ReviewRemoved, EventType.OrderRiskFlagged })
            Assert.Contains(events, e => e.Type == type);

        var incremental = new IncrementalFold(events);
        foreach (var asOf in AsOfs(options, events))
        {
            AssertSame(FactFolder.Fold(events, asOf), incremental.AdvanceTo(asOf), asOf);
        }
    }

    [Fact]
    public void An_earlier_as_of_after_a_later_one_starts_again_and_stays_exact()
    {
        var options = SimulatedMarketplace.Options with { Seed = 15, Sellers = 10, Days = 60 };
        var events = new MarketplaceSimulator(options).Generate().ToList();
        var incremental = new IncrementalFold(events);
        var late = options.End - Duration.FromDays(5);
        var early = options.End - Duration.FromDays(40);
        incremental.AdvanceTo(late);
        AssertSame(FactFolder.Fold(events, early), incremental.AdvanceTo(early), early);
        AssertSame(FactFolder.Fold(events, late), incremental.AdvanceTo(late), late);
        // Asking again for the same instant gives the same facts without folding anything.
        var folded = incremental.Folded;
        AssertSame(FactFolder.Fold(events, late), incremental.AdvanceTo(late), late);
        Assert.Equal(folded, incremental.Folded);
    }

    [Fact]
    public void A_seller_without_new_events_keeps_its_facts_and_each_event_is_folded_once()
    {
        var options = SimulatedMarketplace.Options with { Seed = 16, Sellers = 8, Days = 40 };
        var events = new MarketplaceSimulator(options).Generate().ToList();
        var incremental = new IncrementalFold(events);
        var start = options.End - Duration.FromDays(options.Days);
        for (var day = 1; day <= options.Days + 1; day++) incremental.AdvanceTo(start + Duration.FromDays(day));
        // Every event of the history is before the last as-of (the end plus a day): each folded once, no more.
        Assert.Equal(events.Count, incremental.Folded);
        var before = incremental.AdvanceTo(options.End + Duration.FromDays(2));
        var after = incremental.AdvanceTo(options.End + Duration.FromDays(3));
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++) Assert.Same(before[i], after[i]);
    }

    /// <summary>Midnights through the history and past its end, and instants that fall on events (the bound is exclusive).</summary>
    private static List<Instant> AsOfs(SimulationOptions options, List<StandingEvent> events)
    {
        var start = options.End - Duration.FromDays(options.Days);
        var asOfs = new List<Instant>();
        for (var day = 0; day <= options.Days + 1; day += 3) asOfs.Add(start + Duration.FromDays(day) + Duration.FromHours(day % 2 == 0 ? 0 : 13));
        var times = events.Select(e => e.At).Order().ToList();
        foreach (var share in new[] { 0.35, 0.6, 0.85 }) asOfs.Add(times[(int)(share * (times.Count - 1))]);
        return [.. asOfs.Distinct().Order()];
    }

    private static List<StandingEvent> Arrive(List<StandingEvent> events, string arrival, int seed)
    {
        var random = new Random(seed);
        switch (arrival)
        {
            case "late":
                var late = events.Where(_ => random.NextDouble() < 0.15).ToHashSet();
                return [.. events.Where(e => !late.Contains(e)), .. late];
            case "shuffled":
                var shuffled = events.ToArray();
                random.Shuffle(shuffled);
                return [.. shuffled];
            case "repeated":
                var repeated = new List<StandingEvent>(events);
                foreach (var e in events.Where(_ => random.NextDouble() < 0.1)) repeated.Insert(random.Next(repeated.Count + 1), e);
                return repeated;
            default:
                return events;
        }
    }

    private static void AssertSame(IReadOnlyList<SellerFacts> fresh, IReadOnlyList<SellerFacts> incremental, Instant asOf)
    {
        Assert.Equal(fresh.Select(f => f.Seller), incremental.Select(f => f.Seller));
        for (var i = 0; i < fresh.Count; i++)
        {
            var expected = FactSnapshot.Write(fresh[i]);
            var actual = FactSnapshot.Write(incremental[i]);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{fresh[i].Seller} as of {asOf}: the incremental facts differ from a fresh fold's");
        }
    }
}
