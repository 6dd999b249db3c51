using System.Collections.Frozen;

namespace Standing.Core.Events;

/// <summary>
/// The contract of the event format: each type's wire name, its required fields and the values its
/// enumerated fields allow. Readers validate against this table, never against ad-hoc rules.
/// </summary>
public static class EventSchema
{
    public sealed record TypeSpec(EventType Type, string Name, IReadOnlyList<string> Required);

    private static readonly TypeSpec[] Specs =
    [
        new(EventType.OrderPlaced, "order.placed", ["order"]),
        new(EventType.OrderStatus, "order.status", ["order", "status"]),
        new(EventType.OrderStatusCorrected, "order.status_corrected", ["order", "from", "to"]),
        new(EventType.ShipmentShipped, "shipment.shipped", ["order"]),
        new(EventType.ShipmentTrackingAdded, "shipment.tracking_added", ["order"]),
        new(EventType.ShipmentPickedUp, "shipment.picked_up", ["order"]),
        new(EventType.ShipmentDelivered, "shipment.delivered", ["order"]),
        new(EventType.ShipmentReturned, "shipment.returned", ["order"]),
        new(EventType.ReviewPosted, "review.posted", ["review", "stars"]),
        new(EventType.ReviewUpdated, "review.updated", ["review", "stars"]),
        new(EventType.ReviewRemoved, "review.removed", ["review"]),
        new(EventType.ReviewReplied, "review.replied", ["review"]),
        new(EventType.ReviewResolved, "review.resolved", ["review"]),
        new(EventType.ReviewFlaggedFake, "review.flagged_fake", ["review"]),
        new(EventType.ComplaintFiled, "complaint.filed", ["complaint"]),
        new(EventType.CaseOpened, "case.opened", ["case"]),
        new(EventType.CaseResponded, "case.responded", ["case"]),
        new(EventType.CaseEscalated, "case.escalated", ["case"]),
        new(EventType.CaseClosed, "case.closed", ["case", "outcome"]),
        new(EventType.RefundRequested, "refund.requested", ["refund", "kind"]),
        new(EventType.RefundSellerAction, "refund.seller_action", ["refund", "action"]),
        new(EventType.RefundBuyerAction, "refund.buyer_action", ["refund", "phase"]),
        new(EventType.RefundReturnReceived, "refund.return_received", ["refund"]),
        new(EventType.RefundCompleted, "refund.completed", ["refund", "outcome"]),
        new(EventType.RefundSpontaneous, "refund.spontaneous", ["refund"]),
        new(EventType.ChatMessage, "chat.message", ["conversation", "from"]),
        new(EventType.ChatRated, "chat.rated", ["conversation"]),
        new(EventType.SellerPlanSubmitted, "seller.plan_submitted", []),
        new(EventType.SellerRegistered, "seller.registered", []),
        new(EventType.OrderRiskFlagged, "order.risk_flagged", ["order"]),
    ];

    private static readonly FrozenDictionary<string, TypeSpec> ByName =
        Specs.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<EventType, TypeSpec> ByType = Specs.ToFrozenDictionary(s => s.Type);

    public static IReadOnlyList<TypeSpec> Types => Specs;

    public static bool TryGetType(string name, out EventType type)
    {
        if (ByName.TryGetValue(name, out var spec))
        {
            type = spec.Type;
            return true;
        }
        type = default;
        return false;
    }

    public static TypeSpec Spec(EventType type) => ByType[type];

    public static string Name(EventType type) => ByType[type].Name;

    /// <summary>Allowed values of an enumerated field, by the field's wire name and the event type.</summary>
    public static IReadOnlyList<string>? AllowedValues(EventType type, string field) => (type, field) switch
    {
        (EventType.OrderStatus, "status") or (EventType.OrderStatusCorrected, "from" or "to") => OrderStatuses,
        (EventType.OrderStatus, "by") => ["seller", "buyer", "platform", "system"],
        (EventType.ComplaintFiled, "kind") => ["delivery_delay", "product", "service", "other"],
        (EventType.CaseOpened, "kind") => ["not_received", "not_as_described", "other"],
        (EventType.CaseClosed, "outcome") => ["seller_liable", "buyer", "no_fault", "withdrawn"],
        (EventType.RefundRequested, "kind") => ["refund_only", "return_and_refund"],
        (EventType.RefundSellerAction, "action") => ["approve", "reject"],
        (EventType.RefundBuyerAction, "phase") => ["start", "end"],
        (EventType.RefundCompleted, "outcome") => ["refunded", "closed"],
        (EventType.RefundSpontaneous, "reason") => ["non_conforming", "price_match", "other"],
        (EventType.ChatMessage, "from") => ["buyer", "agent", "bot"],
        (EventType.ChatRated, "rating") => ["satisfied", "neutral", "disappointed"],
        _ => null,
    };

    public static readonly IReadOnlyList<string> OrderStatuses =
        ["open", "shipping", "shipped", "delivered", "returned", "cancelled"];

    public static OrderStatus ParseStatus(string wire) => wire switch
    {
        "open" => OrderStatus.Open,
        "shipping" => OrderStatus.Shipping,
        "shipped" => OrderStatus.Shipped,
        "delivered" => OrderStatus.Delivered,
        "returned" => OrderStatus.Returned,
        "cancelled" => OrderStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(wire), wire, "not an order status"),
    };

    public static string StatusName(OrderStatus status) => OrderStatuses[(int)status];
}
