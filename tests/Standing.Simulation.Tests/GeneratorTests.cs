using NodaTime;
using Standing.Core.Events;

namespace Standing.Simulation.Tests;

public sealed class GeneratorTests(SimulatedMarketplace market) : IClassFixture<SimulatedMarketplace>
{
    private static readonly Instant End = SimulatedMarketplace.End;

    private static SimulationOptions Small(int seed = 42, bool ordersOnly = false) =>
        new() { End = End, Seed = seed, Sellers = 20, Days = 60, OrdersOnly = ordersOnly };

    [Fact]
    public void The_same_seed_gives_the_same_events_in_the_same_order()
    {
        var first = new MarketplaceSimulator(Small()).Generate().ToList();
        var second = new MarketplaceSimulator(Small()).Generate().ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Enumerating_twice_gives_the_same_events()
    {
        var simulator = new MarketplaceSimulator(Small());

        Assert.Equal(simulator.Generate().ToList(), simulator.Generate().ToList());
    }

    [Fact]
    public void A_different_seed_gives_different_events()
    {
        var first = new MarketplaceSimulator(Small(seed: 1)).Generate().ToList();
        var second = new MarketplaceSimulator(Small(seed: 2)).Generate().ToList();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Every_event_is_before_the_end_of_the_history()
    {
        Assert.All(market.Events, e => Assert.True(e.At < End, $"{e.Id} at {e.At}"));
    }

    [Fact]
    public void Every_event_is_before_an_end_that_is_not_a_whole_second()
    {
        var end = End - Duration.FromMilliseconds(300);
        var events = new MarketplaceSimulator(Small() with { End = end }).Generate();

        Assert.All(events, e => Assert.True(e.At < end));
    }

    [Fact]
    public void Every_event_is_inside_the_history_and_not_before_its_sellers_registration()
    {
        var start = End - Duration.FromDays(SimulatedMarketplace.Options.Days);
        var registered = market.Simulator.Profiles.ToDictionary(p => p.Seller, p => p.Registered);

        Assert.All(market.Events, e => Assert.True(e.At >= start && e.At >= registered[e.Seller], e.Id));
    }

    [Fact]
    public void Event_ids_are_unique()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);

        Assert.All(market.Events, e => Assert.True(ids.Add(e.Id), $"duplicate {e.Id}"));
    }

    [Fact]
    public void Event_ids_name_their_seller()
    {
        Assert.All(market.Events, e => Assert.StartsWith("e-" + e.Seller + "-", e.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Orders_reviews_cases_refunds_complaints_and_conversations_have_unique_ids()
    {
        AssertUnique(EventType.OrderPlaced, e => e.Order);
        AssertUnique(EventType.ReviewPosted, e => e.Review);
        AssertUnique(EventType.CaseOpened, e => e.Case);
        AssertUnique(EventType.ComplaintFiled, e => e.Complaint);
        var refunds = market.Events
            .Where(e => e.Type is EventType.RefundRequested or EventType.RefundSpontaneous)
            .Select(e => e.Refund!).ToList();
        Assert.Equal(refunds.Count, refunds.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_event_type_appears_in_full_mode()
    {
        var seen = market.Events.Select(e => e.Type).ToHashSet();

        Assert.All(Enum.GetValues<EventType>(), t => Assert.Contains(t, seen));
    }

    [Fact]
    public void Every_event_has_the_fields_its_type_requires_with_allowed_values()
    {
        Assert.All(market.Events, e =>
        {
            foreach (var field in EventSchema.Spec(e.Type).Required)
            {
                Assert.True(Field(e, field) is not null, $"{e.Id} ({EventSchema.Name(e.Type)}) lacks {field}");
            }
            foreach (var field in new[] { "by", "kind", "outcome", "action", "phase", "reason", "from", "rating" })
            {
                if (EventSchema.AllowedValues(e.Type, field) is { } allowed && Field(e, field) is string value)
                {
                    Assert.Contains(value, allowed);
                }
            }
            if (e.Stars is { } stars)
            {
                Assert.InRange(stars, 1, 5);
            }
        });
    }

    [Fact]
    public void Chat_ratings_carry_either_stars_or_a_rating()
    {
        var ratings = market.Events.Where(e => e.Type == EventType.ChatRated).ToList();

        Assert.All(ratings, e => Assert.True(e.Stars.HasValue ^ e.Rating is not null, e.Id));
        Assert.Contains(ratings, e => e.Stars.HasValue);
        Assert.Contains(ratings, e => e.Rating is not null);
        Assert.Contains(ratings, e => e.Reason == "bad_attitude");
    }

    [Fact]
    public void Placed_orders_promise_shipping_in_1_to_3_days_and_delivery_in_3_to_8()
    {
        var orders = market.Events.Where(e => e.Type == EventType.OrderPlaced).ToList();

        Assert.All(orders, e =>
        {
            Assert.InRange((e.ShipBy!.Value - e.At).TotalDays, 0.9, 4.0);
            Assert.InRange((e.DeliverBy!.Value - e.At).TotalDays, 2.9, 9.0);
            Assert.True(e.Amount > 0);
            Assert.Equal("EUR", e.Currency);
            Assert.NotNull(e.Buyer);
        });
    }

    [Fact]
    public void Orders_only_mode_emits_only_orders_reviews_and_cases()
    {
        var events = new MarketplaceSimulator(Small(ordersOnly: true) with { Sellers = 200 }).Generate().ToList();
        var orders = events.Count(e => e.Type == EventType.OrderPlaced);
        var reviews = events.Count(e => e.Type == EventType.ReviewPosted);
        var cases = events.Count(e => e.Type == EventType.CaseOpened);

        Assert.All(events, e => Assert.Contains(e.Type, new[] { EventType.OrderPlaced, EventType.ReviewPosted, EventType.CaseOpened }));
        Assert.Equal(events.Count, orders + reviews + cases);
        // Reviews and cases of the last days fall after the end, hence the lower bounds.
        Assert.InRange((double)reviews / orders, 0.20, 0.35);
        Assert.InRange((double)cases / orders, 0.008, 0.025);
        Assert.All(events.Where(e => e.Type == EventType.ReviewPosted), e => Assert.InRange(e.Stars!.Value, 1, 5));
    }

    [Fact]
    public void Generating_a_range_of_sellers_gives_the_same_events_as_the_whole_run()
    {
        var simulator = new MarketplaceSimulator(Small());
        var whole = simulator.Generate().ToList();
        var profiles = simulator.Profiles;
        var middle = new HashSet<string>(profiles.Skip(5).Take(7).Select(p => p.Seller), StringComparer.Ordinal);

        var range = simulator.Generate(5, 7).ToList();

        Assert.Equal(whole.Where(e => middle.Contains(e.Seller)).ToList(), range);
    }

    [Fact]
    public void Events_are_grouped_by_seller_and_sorted_by_time_within_each()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < market.Events.Count; i++)
        {
            var (previous, current) = (market.Events[i - 1], market.Events[i]);
            if (previous.Seller == current.Seller)
            {
                Assert.True(previous.At <= current.At, current.Id);
            }
            else
            {
                Assert.True(done.Add(previous.Seller), $"{previous.Seller} appears twice");
            }
        }
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MarketplaceSimulator(Small() with { Sellers = 0 }));
        Assert.Throws<ArgumentException>(() => new MarketplaceSimulator(Small() with { Days = 0 }));
        Assert.Throws<ArgumentException>(() => new MarketplaceSimulator(Small() with { GoodShare = 0.9, BorderlineShare = 0.2 }));
        Assert.Throws<ArgumentException>(() => new MarketplaceSimulator(Small() with { OrdersPerSellerPerDay = -1 }));
    }

    private void AssertUnique(EventType type, Func<StandingEvent, string?> id)
    {
        var ids = market.Events.Where(e => e.Type == type).Select(id).ToList();
        Assert.All(ids, Assert.NotNull);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static object? Field(StandingEvent e, string name) => name switch
    {
        "order" => e.Order,
        "review" => e.Review,
        "case" => e.Case,
        "refund" => e.Refund,
        "complaint" => e.Complaint,
        "conversation" => e.Conversation,
        "status" => e.Status,
        "from" => e.Type == EventType.OrderStatusCorrected ? e.StatusFrom : e.From,
        "to" => e.StatusTo,
        "stars" => e.Stars,
        "outcome" => e.Outcome,
        "kind" => e.Kind,
        "action" => e.Action,
        "phase" => e.Phase,
        "by" => e.By,
        "reason" => e.Reason,
        "rating" => e.Rating,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown field"),
    };
}
