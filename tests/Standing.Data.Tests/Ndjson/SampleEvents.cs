using NodaTime;
using Standing.Core.Events;

namespace Standing.Data.Tests.Ndjson;

/// <summary>One event of every type, with every field its type carries set.</summary>
internal static class SampleEvents
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 2, 8, 15, 0).PlusNanoseconds(123_456_789);

    public static IReadOnlyList<StandingEvent> OfEveryType() =>
        Enum.GetValues<EventType>().Select((type, i) => Of(type, i)).ToList();

    public static StandingEvent Of(EventType type, int i = 0)
    {
        var e = new StandingEvent
        {
            Id = $"e{i}",
            Type = type,
            At = T.Plus(Duration.FromMinutes(i)),
            Seller = "shop-7",
            Marketplace = "mall-1",
        };
        return type switch
        {
            EventType.OrderPlaced => e with
            {
                Order = "o-100", Buyer = "b-1", ShipBy = Instant.FromUtc(2026, 3, 4, 22, 59, 59),
                DeliverBy = Instant.FromUtc(2026, 3, 9, 22, 59, 59), Amount = 129.50m, Currency = "EUR",
            },
            EventType.OrderStatus => e with { Order = "o-100", Status = OrderStatus.Shipped, By = "seller", Reason = "packed early" },
            EventType.OrderStatusCorrected => e with { Order = "o-100", StatusFrom = OrderStatus.Delivered, StatusTo = OrderStatus.Shipped },
            EventType.ShipmentShipped => e with { Order = "o-100", Tracking = "TRK1", TrackingUrl = "https://track.example/TRK1?x=1&y=<2>", Carrier = "dhl" },
            EventType.ShipmentTrackingAdded => e with { Order = "o-100", Tracking = "TRK2", TrackingUrl = "https://track.example/TRK2" },
            EventType.ShipmentPickedUp or EventType.ShipmentDelivered or EventType.ShipmentReturned => e with { Order = "o-100" },
            EventType.ReviewPosted => e with { Review = "r-9", Order = "o-100", Stars = 2, Text = "Arrived late, box \"crushed\" — ok otherwise.\nThanks" },
            EventType.ReviewUpdated => e with { Review = "r-9", Stars = 4 },
            EventType.ReviewRemoved or EventType.ReviewReplied or EventType.ReviewResolved or EventType.ReviewFlaggedFake => e with { Review = "r-9" },
            EventType.ComplaintFiled => e with { Complaint = "c-1", Order = "o-100", Kind = "delivery_delay" },
            EventType.CaseOpened => e with { Case = "k-1", Order = "o-100", Kind = "not_received" },
            EventType.CaseResponded or EventType.CaseEscalated => e with { Case = "k-1" },
            EventType.CaseClosed => e with { Case = "k-1", Outcome = "seller_liable" },
            EventType.RefundRequested => e with { Refund = "f-1", Order = "o-100", Kind = "return_and_refund" },
            EventType.RefundSellerAction => e with { Refund = "f-1", Action = "approve" },
            EventType.RefundBuyerAction => e with { Refund = "f-1", Phase = "start" },
            EventType.RefundReturnReceived => e with { Refund = "f-1" },
            EventType.RefundCompleted => e with { Refund = "f-1", Outcome = "refunded" },
            EventType.RefundSpontaneous => e with { Refund = "f-2", Order = "o-100", Reason = "price_match" },
            EventType.ChatMessage => e with { Conversation = "m-1", From = "agent", Agent = "a-3", Buyer = "b-1", HumanRequested = true, Text = "Hello, how can I help?" },
            EventType.ChatRated => e with { Conversation = "m-1", Stars = 5, Rating = "satisfied", Reason = "bad_attitude" },
            EventType.SellerPlanSubmitted => e with { Text = "Problem: late shipping. Solution: second pickup at 16:00." },
            EventType.SellerRegistered => e,
            EventType.OrderRiskFlagged => e with { Order = "o-1", Reason = "brushing" },
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no sample"),
        };
    }
}
