using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

/// <summary>
/// Events at the same instant: the data-bearing fields go by event id (the first event keeps the lowest
/// id, the latest the highest), whatever the arrival order; fields that only say when something first
/// happened keep the earliest instant.
/// </summary>
public sealed class FactFolderTieBreakTests
{
    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");
    private static readonly Instant Noon = EventScript.At("2026-05-01T12:00:00Z");

    private static StandingEvent Event(string id, EventType type, Instant at, Func<StandingEvent, StandingEvent> with) =>
        with(new StandingEvent { Id = id, Type = type, At = at, Seller = "s" });

    /// <summary>Folds the events in the given order and in reverse; both must give the same facts.</summary>
    private static SellerFacts FoldBothWays(params StandingEvent[] events)
    {
        var forward = FactFolder.Fold(events, AsOf).Single();
        var backward = FactFolder.Fold(events.Reverse().ToArray(), AsOf).Single();
        Assert.Equal(Describe(forward), Describe(backward));
        return forward;
    }

    private static string Describe(SellerFacts facts) => string.Join("\n",
        facts.Orders.OrderBy(o => o.Order, StringComparer.Ordinal).Select(o => string.Join("|", o.Order, o.Buyer, o.PlacedAt, o.ShipBy,
            o.Amount, o.Status, o.CancelledAt, o.CancelledBy, o.Tracking, o.TrackingUrl, o.LowestReviewStars, o.LowestReview,
            o.FirstCaseAt, o.FirstCase, o.CaseCount))
        .Concat(facts.Reviews.OrderBy(r => r.Review, StringComparer.Ordinal).Select(r => string.Join("|", r.Review, r.Order, r.Stars, r.Text, r.PostedAt)))
        .Concat(facts.Cases.OrderBy(c => c.Case, StringComparer.Ordinal).Select(c => string.Join("|", c.Case, c.Order, c.Kind, c.ClosedAt, c.Outcome))));

    [Fact]
    public void Two_placements_at_one_instant_keep_the_data_of_the_lower_id()
    {
        var order = FoldBothWays(
            Event("e2", EventType.OrderPlaced, Noon, e => e with { Order = "o", Buyer = "b-late", Amount = 2m }),
            Event("e1", EventType.OrderPlaced, Noon, e => e with { Order = "o", Buyer = "b-first", Amount = 1.50m, ShipBy = Noon + Duration.FromDays(2) }))
            .Orders.Single();

        Assert.Equal("b-first", order.Buyer);
        Assert.Equal(1.50m, order.Amount);
        Assert.Equal("1.50", order.Amount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Noon + Duration.FromDays(2), order.ShipBy);
        Assert.Equal(Noon, order.PlacedAt);
    }

    [Fact]
    public void An_earlier_placement_wins_whatever_its_id_and_takes_all_its_fields()
    {
        var order = FoldBothWays(
            Event("a", EventType.OrderPlaced, Noon, e => e with { Order = "o", Buyer = "b-late", ShipBy = Noon }),
            Event("z", EventType.OrderPlaced, Noon - Duration.FromHours(1), e => e with { Order = "o", Buyer = "b-first" }))
            .Orders.Single();

        Assert.Equal("b-first", order.Buyer);
        Assert.Null(order.ShipBy); // the winning placement said nothing about it
        Assert.Null(order.Amount);
    }

    [Fact]
    public void Two_cancellations_at_one_instant_keep_who_cancelled_from_the_lower_id()
    {
        var order = FoldBothWays(
            Event("c2", EventType.OrderStatus, Noon, e => e with { Order = "o", Status = OrderStatus.Cancelled, By = "buyer" }),
            Event("c1", EventType.OrderStatus, Noon, e => e with { Order = "o", Status = OrderStatus.Cancelled, By = "seller" }))
            .Orders.Single();

        Assert.Equal("seller", order.CancelledBy);
        Assert.Equal(Noon, order.CancelledAt);
    }

    [Fact]
    public void A_status_and_a_correction_at_one_instant_leave_the_higher_id_current()
    {
        var order = FoldBothWays(
            Event("s1", EventType.OrderStatus, Noon, e => e with { Order = "o", Status = OrderStatus.Delivered }),
            Event("s2", EventType.OrderStatusCorrected, Noon, e => e with { Order = "o", StatusFrom = OrderStatus.Delivered, StatusTo = OrderStatus.Shipped }))
            .Orders.Single();

        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.True(order.StatusCorrected);
        Assert.Equal(Noon, order.DeliveryConfirmedAt);
    }

    [Fact]
    public void Tracking_number_and_link_each_keep_their_latest_event()
    {
        var order = FoldBothWays(
            Event("t1", EventType.ShipmentShipped, Noon, e => e with { Order = "o", Tracking = "T1", TrackingUrl = "https://t/1" }),
            Event("t2", EventType.ShipmentTrackingAdded, Noon, e => e with { Order = "o", Tracking = "T2" }),
            Event("t0", EventType.ShipmentTrackingAdded, Noon + Duration.FromHours(1), e => e with { Order = "o", TrackingUrl = "https://t/0" }))
            .Orders.Single();

        Assert.Equal("T2", order.Tracking);
        Assert.Equal("https://t/0", order.TrackingUrl);
        Assert.Equal(Noon, order.ShippedAt);
    }

    [Fact]
    public void Two_reviews_with_the_same_lowest_stars_name_the_lower_review_id()
    {
        var order = FoldBothWays(
            Event("p", EventType.OrderPlaced, Noon, e => e with { Order = "o" }),
            Event("r-b", EventType.ReviewPosted, Noon, e => e with { Review = "rb", Order = "o", Stars = 2 }),
            Event("r-a", EventType.ReviewPosted, Noon + Duration.FromHours(1), e => e with { Review = "ra", Order = "o", Stars = 2 }),
            Event("r-c", EventType.ReviewPosted, Noon, e => e with { Review = "rc", Order = "o", Stars = 3 }))
            .Orders.Single();

        Assert.Equal(2, order.LowestReviewStars);
        Assert.Equal("ra", order.LowestReview);
    }

    [Fact]
    public void A_posting_and_an_update_at_one_instant_leave_the_stars_of_the_higher_id()
    {
        var review = FoldBothWays(
            Event("r2", EventType.ReviewUpdated, Noon, e => e with { Review = "r", Stars = 5 }),
            Event("r1", EventType.ReviewPosted, Noon, e => e with { Review = "r", Order = "o", Stars = 1, Text = "bad" }))
            .Reviews.Single();

        Assert.Equal(5, review.Stars);
        Assert.Equal("bad", review.Text);
        Assert.Equal("o", review.Order);
    }

    [Fact]
    public void Two_cases_opened_at_one_instant_count_twice_and_the_lower_case_id_is_the_first()
    {
        var facts = FoldBothWays(
            Event("p", EventType.OrderPlaced, Noon, e => e with { Order = "o" }),
            Event("k2", EventType.CaseOpened, Noon, e => e with { Case = "cb", Order = "o", Kind = "other" }),
            Event("k1", EventType.CaseOpened, Noon, e => e with { Case = "ca", Order = "o", Kind = "not_received" }),
            Event("k3", EventType.CaseClosed, Noon + Duration.FromDays(1), e => e with { Case = "ca", Outcome = "buyer" }),
            Event("k4", EventType.CaseClosed, Noon + Duration.FromDays(1), e => e with { Case = "ca", Outcome = "seller_liable" }));
        var order = facts.Orders.Single();

        Assert.Equal(2, order.CaseCount);
        Assert.Equal("ca", order.FirstCase);
        Assert.Equal(Noon, order.FirstCaseAt);
        var closed = facts.Cases.Single(c => c.Case == "ca");
        Assert.Equal("seller_liable", closed.Outcome);
        Assert.Equal("not_received", closed.Kind);
    }

    [Fact]
    public void Far_and_sub_tick_instants_fold_exactly()
    {
        var far = EventScript.At("9999-12-31T23:59:59.999999999Z");
        var old = EventScript.At("1500-01-01T00:00:00Z");
        var precise = EventScript.At("2026-05-01T12:00:00.000000007Z");
        var facts = FoldBothWays(
            Event("p", EventType.OrderPlaced, old, e => e with { Order = "o", ShipBy = precise, DeliverBy = far }),
            Event("s1", EventType.OrderStatus, precise, e => e with { Order = "o", Status = OrderStatus.Shipped }),
            Event("s0", EventType.OrderStatus, old + Duration.FromDays(1), e => e with { Order = "o", Status = OrderStatus.Shipping }),
            Event("d", EventType.ShipmentDelivered, precise + Duration.FromNanoseconds(1), e => e with { Order = "o" }),
            Event("r", EventType.ReviewPosted, old, e => e with { Review = "r", Order = "o", Stars = 1 }),
            Event("k", EventType.CaseOpened, old, e => e with { Case = "k", Order = "o" }));
        var order = facts.Orders.Single();

        Assert.Equal(old, order.PlacedAt);
        Assert.Equal(old, order.OpenAt);
        Assert.Equal(precise, order.ShipBy);
        Assert.Equal(far, order.DeliverBy);
        Assert.Equal(old + Duration.FromDays(1), order.ConfirmedAt);
        Assert.Equal(precise, order.ShippedAt);
        Assert.Equal(precise + Duration.FromNanoseconds(1), order.DeliveredAt);
        Assert.Equal(precise + Duration.FromNanoseconds(1), order.DeliveredOrConfirmedAt);
        Assert.Equal(precise + Duration.FromNanoseconds(1), order.HandedOverAt);
        Assert.Equal(old, order.FirstCaseAt);
        Assert.Equal(old, facts.Reviews.Single().PostedAt);
        Assert.Equal(old, facts.Cases.Single().OpenedAt);
    }

    [Fact]
    public void Fields_compare_far_and_near_instants_like_the_instants()
    {
        var far = EventScript.At("9999-12-31T00:00:00Z");
        var order = FoldBothWays(
            Event("p", EventType.OrderPlaced, Noon, e => e with { Order = "o", ShipBy = far }),
            Event("s", EventType.OrderStatus, Noon + Duration.FromDays(1), e => e with { Order = "o", Status = OrderStatus.Shipped }))
            .Orders.Single();
        var shippedBeforeShipBy = CompiledFilter.Compile<OrderFact>(new Condition(FactFields.Orders["shipped_at"], CompareOp.Lt) { OtherField = FactFields.Orders["ship_by"] });
        var shippedAfterPlaced = CompiledFilter.Compile<OrderFact>(new Condition(FactFields.Orders["shipped_at"], CompareOp.Gt) { OtherField = FactFields.Orders["placed_at"] });
        var deliveredAfterPlaced = CompiledFilter.Compile<OrderFact>(new Condition(FactFields.Orders["delivered_at"], CompareOp.Gt) { OtherField = FactFields.Orders["placed_at"] });

        Assert.True(shippedBeforeShipBy(order));
        Assert.True(shippedAfterPlaced(order));
        Assert.False(deliveredAfterPlaced(order)); // not delivered: an unset field fails every comparison
    }

    [Fact]
    public void Every_fact_is_listed_once_in_the_order_its_id_was_first_seen()
    {
        var facts = FactFolder.Fold(
        [
            Event("1", EventType.OrderPlaced, Noon, e => e with { Order = "o-b" }),
            Event("2", EventType.OrderPlaced, Noon, e => e with { Order = "o-a" }),
            Event("3", EventType.OrderStatus, Noon, e => e with { Order = "o-b", Status = OrderStatus.Shipped }),
            Event("4", EventType.OrderPlaced, Noon, e => e with { Order = "o-c" }),
            Event("5", EventType.RefundRequested, Noon, e => e with { Refund = "f", Kind = "refund_only", Seller = "only-refunds" }),
        ], AsOf);

        Assert.Equal(["only-refunds", "s"], facts.Select(f => f.Seller));
        Assert.Empty(facts[0].Orders);
        Assert.Equal(["o-b", "o-a", "o-c"], facts[1].Orders.Select(o => o.Order));
    }

    [Fact]
    public void Explained_items_are_listed_by_id_whatever_the_order_of_the_facts()
    {
        var events = Enumerable.Range(1, 30)
            .Select(i => Event($"e{i}", EventType.OrderPlaced, Noon + Duration.FromMinutes(i), e => e with { Order = $"o{(i * 7) % 30:00}" }))
            .Append(Event("far", EventType.OrderPlaced, EventScript.At("0001-01-01T00:00:00Z"), e => e with { Order = "o-far" }))
            .Reverse()
            .ToArray();
        var facts = FactFolder.Fold(events, AsOf).Single();
        var calendar = new BusinessCalendar(DateTimeZone.Utc, WorkingHours.AllDay, NoHolidays.Instance);
        MetricDefinition Count(WindowSpec window) => new()
        {
            Id = "placed",
            Kind = MetricKind.Count,
            Subject = Subject.Orders,
            Window = window,
            AttributeBy = FactFields.Orders["placed_at"],
        };

        var lifetime = MetricCalculator.For(Count(new LifetimeWindow())).Compute(facts, AsOf, calendar, explain: true);
        var rolling = MetricCalculator.For(Count(new RollingWindow(60))).Compute(facts, AsOf, calendar, explain: false);
        var rollingExplained = MetricCalculator.For(Count(new RollingWindow(60))).Compute(facts, AsOf, calendar, explain: true);

        Assert.Equal(31, lifetime.Numerator);
        Assert.Equal(facts.Orders.Select(o => o.Order).Order(StringComparer.Ordinal), lifetime.Items.Select(i => i.Id));
        Assert.Equal(30, rolling.Numerator); // the far placement is outside the rolling window
        Assert.Equal(30, rollingExplained.Numerator);
        Assert.DoesNotContain(rollingExplained.Items, i => i.Id == "o-far");
    }
}
