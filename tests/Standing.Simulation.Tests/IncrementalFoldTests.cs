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

    /// <summary>
    /// The fold remembers which order each review and case is about from one day's build to the next. Worked by hand:
    /// orders o-a and o-b are placed on day 1; review rv-2 (o-b, 1 star) arrives first in the log but happened on day 5,
    /// review rv-1 (o-a, 5 stars) arrives second and happened on day 3; review rv-3 and case c-1 name o-c, which is only
    /// placed on day 7 (arriving last). As of day 4 only rv-1 is folded: o-a's lowest review is rv-1 (5 stars). As of
    /// day 6 rv-2 comes in and, first in the log, takes the first place among the reviews: o-a keeps rv-1 (5), o-b gets
    /// rv-2 (1), o-c is not known yet. As of day 8 o-c is placed: its lowest review is rv-3 (2) and it has one case.
    /// Each as-of must also equal a fresh fold. An order remembered as not found (day 6) would leave o-c bare on day 8.
    /// </summary>
    [Fact]
    public void A_review_or_case_keeps_its_own_order_when_the_reviews_are_put_back_in_log_order_and_when_its_order_comes_later()
    {
        var day1 = Instant.FromUtc(2026, 3, 1, 0, 0);
        Instant Day(int d, int hour = 10) => day1 + Duration.FromDays(d - 1) + Duration.FromHours(hour);
        StandingEvent E(string id, EventType type, Instant at) => new() { Id = id, Type = type, At = at, Seller = "shop-1" };
        List<StandingEvent> events =
        [
            E("e1", EventType.OrderPlaced, Day(1)) with { Order = "o-a" },
            E("e2", EventType.OrderPlaced, Day(1, 11)) with { Order = "o-b" },
            E("e3", EventType.ReviewPosted, Day(5)) with { Review = "rv-2", Order = "o-b", Stars = 1 },
            E("e4", EventType.ReviewPosted, Day(3)) with { Review = "rv-1", Order = "o-a", Stars = 5 },
            E("e5", EventType.ReviewPosted, Day(5, 12)) with { Review = "rv-3", Order = "o-c", Stars = 2 },
            E("e6", EventType.CaseOpened, Day(5, 13)) with { Case = "c-1", Order = "o-c" },
            E("e7", EventType.OrderPlaced, Day(7)) with { Order = "o-c" },
        ];
        var incremental = new IncrementalFold(events);

        var day4 = incremental.AdvanceTo(Day(4, 0));
        AssertSame(FactFolder.Fold(events, Day(4, 0)), day4, Day(4, 0));
        Assert.Equal([("o-a", (int?)5), ("o-b", null)], day4[0].Orders.Select(o => (o.Order, o.LowestReviewStars)));

        var day6 = incremental.AdvanceTo(Day(6, 0));
        AssertSame(FactFolder.Fold(events, Day(6, 0)), day6, Day(6, 0));
        Assert.Equal([("o-a", (int?)5, "rv-1"), ("o-b", 1, "rv-2")], day6[0].Orders.Select(o => (o.Order, o.LowestReviewStars, o.LowestReview)));

        var day8 = incremental.AdvanceTo(Day(8, 0));
        AssertSame(FactFolder.Fold(events, Day(8, 0)), day8, Day(8, 0));
        Assert.Equal([("o-a", (int?)5, 0), ("o-b", 1, 0), ("o-c", 2, 1)], day8[0].Orders.Select(o => (o.Order, o.LowestReviewStars, o.CaseCount)));
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
