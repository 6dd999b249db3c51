namespace Standing.Core.Events;

/// <summary>The event types of the Standing event format, version 1 (docs/events.md).</summary>
public enum EventType
{
    OrderPlaced,
    OrderStatus,
    OrderStatusCorrected,
    ShipmentShipped,
    ShipmentTrackingAdded,
    ShipmentPickedUp,
    ShipmentDelivered,
    ShipmentReturned,
    ReviewPosted,
    ReviewUpdated,
    ReviewRemoved,
    ReviewReplied,
    ReviewResolved,
    ReviewFlaggedFake,
    ComplaintFiled,
    CaseOpened,
    CaseResponded,
    CaseEscalated,
    CaseClosed,
    RefundRequested,
    RefundSellerAction,
    RefundBuyerAction,
    RefundReturnReceived,
    RefundCompleted,
    RefundSpontaneous,
    ChatMessage,
    ChatRated,
    SellerPlanSubmitted,
    SellerRegistered,
    /// <summary>order.risk_flagged: the platform's risk control marked the order as risk data (an extension of version 1).</summary>
    OrderRiskFlagged,
}
