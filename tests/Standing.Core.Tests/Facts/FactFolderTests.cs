using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

public sealed class FactFolderTests
{
    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");

    /// <summary>A history touching every field the folder keeps, with ties in time to exercise the id order.</summary>
    private static List<StandingEvent> History()
    {
        var events = new List<StandingEvent>();
        for (var s = 0; s < 3; s++)
        {
            var shop = new EventScript($"shop-{s}");
            for (var o = 0; o < 12; o++)
            {
                var order = $"o{o}";
                shop.Placed(order, $"2026-05-{1 + o:00}T10:00:00Z", deliverBy: $"2026-05-{8 + o:00}T10:00:00Z")
                    .Status(order, OrderStatus.Open, $"2026-05-{1 + o:00}T10:00:00Z")
                    .Status(order, OrderStatus.Shipping, $"2026-05-{2 + o:00}T10:00:00Z", "seller")
                    .Shipped(order, $"2026-05-{2 + o:00}T11:00:00Z")
                    .Status(order, o % 4 == 0 ? OrderStatus.Cancelled : OrderStatus.Delivered, $"2026-05-{3 + o:00}T10:00:00Z", "seller")
                    .Delivered(order, $"2026-05-{3 + o:00}T09:00:00Z")
                    .Review(order, 1 + (o % 5), $"2026-05-{4 + o:00}T10:00:00Z")
                    .Review(order, 5, $"2026-05-{4 + o:00}T10:00:00Z", review: $"r2-{order}") // same instant, another review
                    .Case(order, $"2026-05-{5 + o:00}T10:00:00Z");
                if (o % 3 == 0) shop.Corrected(order, OrderStatus.Cancelled, OrderStatus.Delivered, $"2026-05-{5 + o:00}T10:00:00Z");
                if (o % 5 == 0) shop.ReviewUpdated($"r-{order}", 4, $"2026-05-{6 + o:00}T10:00:00Z");
                AfterSales(shop, o);
            }
            shop.Plan("Problem: slow replies. Solution: a second agent.", "2026-05-20T10:00:00Z")
                .Plan("Problem: late parcels. Solution: a new carrier.", "2026-05-20T10:00:00Z")
                .Registered("2026-04-01T00:00:00Z");
            events.AddRange(shop.Events);
        }
        return events;
    }

    /// <summary>Complaints, refunds and a conversation per order, with ties in time between their events.</summary>
    private static void AfterSales(EventScript shop, int o)
    {
        var order = $"o{o}";
        var day = $"2026-05-{5 + o:00}";
        // Two cases on the order closed at one instant: a ruling against the seller wins, else the higher case id.
        shop.Add(EventType.CaseClosed, $"{day}T20:00:00Z", e => e with { Case = $"c-{order}", Outcome = o % 3 == 0 ? "seller_liable" : "buyer" })
            .Case(order, $"{day}T07:00:00Z", $"c2-{order}")
            .Add(EventType.CaseClosed, $"{day}T20:00:00Z", e => e with { Case = $"c2-{order}", Outcome = "withdrawn" });
        shop.Complaint($"k-{order}", order, o % 2 == 0 ? "delivery_delay" : "product", $"{day}T08:00:00Z")
            .Complaint($"k2-{order}", order, "service", $"{day}T08:00:00Z")
            .RefundRequested($"f-{order}", order, o % 2 == 0 ? "refund_only" : "return_and_refund", $"{day}T09:00:00Z")
            .RefundAction($"f-{order}", o % 3 == 0 ? "reject" : "approve", $"{day}T10:00:00Z")
            .RefundAction($"f-{order}", "approve", $"{day}T10:00:00Z")
            .RefundBuyerStep($"f-{order}", "start", $"{day}T10:00:00Z")
            .RefundBuyerStep($"f-{order}", "end", $"{day}T13:00:00Z")
            .RefundReturnReceived($"f-{order}", $"{day}T15:00:00Z")
            .RefundCompleted($"f-{order}", "refunded", $"{day}T18:00:00Z")
            .RefundSpontaneous($"s-{order}", order, "price_match", $"{day}T11:00:00Z")
            .Ask($"m-{order}", $"b{o}", $"{day}T08:30:00Z", text: "hello")
            .Bot($"m-{order}", $"{day}T08:30:00Z")
            .Ask($"m-{order}", $"b{o}", $"{day}T08:31:00Z", human: true)
            .Answer($"m-{order}", $"agent-{o % 2}", $"{day}T08:33:00Z", text: "how can I help?")
            .Answer($"m-{order}", "agent-9", $"{day}T08:33:00Z")
            .Ask($"m-{order}", $"b{o}", $"{day}T23:30:00Z")
            .Rated($"m-{order}", $"{day}T23:40:00Z", stars: 1 + (o % 5))
            .Rated($"m-{order}", $"{day}T23:40:00Z", rating: "neutral", reason: "bad_attitude");
    }

    /// <summary>
    /// Every fact rendered as text, so two foldings compare field by field. The fact lists hold their
    /// facts in no particular order, so each list is rendered by id.
    /// </summary>
    private static List<string> Render(IReadOnlyList<SellerFacts> sellers) =>
        sellers.SelectMany(s => s.Orders.OrderBy(o => o.Order, StringComparer.Ordinal).Select(o => string.Join("|", s.Seller, o.Order,
                o.Buyer, o.PlacedAt, o.ShipBy, o.DeliverBy, o.Amount, o.OpenAt, o.ConfirmedAt, o.ShippingAt, o.ShippedAt,
                o.DeliveryConfirmedAt, o.CancelledAt, o.CancelledBy, o.Status, o.StatusCorrected, o.Tracking, o.TrackingUrl,
                o.PickedUpAt, o.DeliveredAt, o.ReturnedAt, o.LowestReviewStars, o.LowestReview, o.FirstCaseAt, o.FirstCase, o.CaseCount))
            .Concat(s.Reviews.OrderBy(r => r.Review, StringComparer.Ordinal).Select(r => string.Join("|", s.Seller, r.Review,
                r.Order, r.Stars, r.Text, r.PostedAt, r.RemovedAt, r.RepliedAt, r.ResolvedAt, r.FlaggedFakeAt)))
            .Concat(s.Cases.OrderBy(c => c.Case, StringComparer.Ordinal).Select(c => string.Join("|", s.Seller, c.Case,
                c.Order, c.Kind, c.OpenedAt, c.RespondedAt, c.EscalatedAt, c.ClosedAt, c.Outcome)))
            .Concat(s.Orders.OrderBy(o => o.Order, StringComparer.Ordinal).Select(o => string.Join("|", s.Seller, o.Order, o.RefundRequestedAt, o.FirstComplaintAt)))
            .Concat(s.Complaints.OrderBy(c => c.Complaint, StringComparer.Ordinal).Select(c => string.Join("|", s.Seller, c.Complaint, c.FiledAt, c.Kind, c.Order)))
            .Concat(s.Refunds.OrderBy(r => r.Refund, StringComparer.Ordinal).Select(r => string.Join("|", s.Seller, r.Refund,
                r.RequestedAt, r.Kind, r.Order, r.Reason, r.FirstSellerActionAt, r.FirstSellerAction, r.ReturnReceivedAt,
                r.ReturnFirstActionAt, r.CompletedAt, r.Outcome, r.BuyerTime, r.CompletedAtMinusBuyerTime, r.OrderCaseOutcome)))
            .Concat(s.Conversations.OrderBy(c => c.Conversation, StringComparer.Ordinal).Select(c => string.Join("|", s.Seller, c.Conversation,
                c.StartedAt, c.FirstBuyerAt, c.FirstReplyAt, c.FirstAgentReplyAt, c.TransferredAt, c.FirstHumanReplyAfterTransferAt,
                c.Human, c.Agent, c.Buyer, c.RatedAt, c.Stars, c.Rating, c.RatingReason,
                string.Join(",", c.Lines.Select(l => l.Id)))))
            .Concat(s.Messages.OrderBy(m => m.Message, StringComparer.Ordinal).Select(m => string.Join("|", s.Seller, m.Message,
                m.At, m.Conversation, m.Agent, m.Buyer, m.HumanSession, m.ForHuman, m.ReplyAt, m.BotReplyAt)))
            .Concat(s.AgentMessages.OrderBy(m => m.Message, StringComparer.Ordinal).Select(m => string.Join("|", s.Seller, m.Message,
                m.At, m.Conversation, m.Agent, m.Text)))
            .Concat(s.ConsultationsIn(Shanghai).OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => string.Join("|", s.Seller, c.Id,
                c.At, c.ReplyAt, c.Buyer, c.Conversation, c.WaitAt, c.WaitReplyAt, c.Waits)))
            .Concat(s.Plans.Select(p => string.Join("|", s.Seller, p.Id, p.At, p.Text)))
            .Append(string.Join("|", s.Seller, s.RegisteredAt)))
        .ToList();

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Shuffled_and_duplicated_input_folds_to_identical_facts(int seed)
    {
        var events = History();
        var expected = Render(FactFolder.Fold(events, AsOf));
        var random = new Random(seed);
        var shuffled = events.Concat(events.Where(_ => random.Next(3) == 0)).ToArray();
        random.Shuffle(shuffled);

        var actual = Render(FactFolder.Fold(shuffled, AsOf));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Folding_twice_gives_the_same_facts()
    {
        var events = History();
        Assert.Equal(Render(FactFolder.Fold(events, AsOf)), Render(FactFolder.Fold(events, AsOf)));
    }

    [Fact]
    public void The_latest_status_and_correction_decide_the_current_status()
    {
        var shop = new EventScript("s")
            .Placed("o", "2026-05-01T10:00:00Z")
            .Status("o", OrderStatus.Delivered, "2026-05-03T10:00:00Z")
            .Corrected("o", OrderStatus.Delivered, OrderStatus.Cancelled, "2026-05-04T10:00:00Z");

        var order = FactFolder.Fold(shop.Events.Reverse(), AsOf)[0].Orders[0];

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.StatusCorrected);
        Assert.Equal(EventScript.At("2026-05-03T10:00:00Z"), order.DeliveryConfirmedAt);
    }

    [Fact]
    public void An_order_with_a_low_review_and_a_case_keeps_its_lowest_standing_review()
    {
        var shop = new EventScript("s")
            .Placed("o", "2026-05-01T10:00:00Z")
            .Review("o", 2, "2026-05-05T10:00:00Z", "ra")
            .Review("o", 1, "2026-05-06T10:00:00Z", "rb")
            .ReviewRemoved("rb", "2026-05-07T10:00:00Z")
            .Case("o", "2026-05-08T10:00:00Z");

        var order = FactFolder.Fold(shop.Events, AsOf)[0].Orders[0];

        Assert.Equal(2, order.LowestReviewStars);
        Assert.Equal("ra", order.LowestReview);
        Assert.Equal(1, order.CaseCount);
    }

    [Fact]
    public void Events_at_or_after_as_of_are_not_folded()
    {
        var shop = new EventScript("s")
            .Placed("o", "2026-05-01T10:00:00Z")
            .Review("o", 1, "2026-06-01T00:00:00Z");

        var order = FactFolder.Fold(shop.Events, AsOf)[0].Orders[0];

        Assert.Null(order.LowestReviewStars);
    }
}
