namespace Standing.Core.Events;

/// <summary>
/// Which wire fields each event type carries besides the envelope (the "fields" column of the
/// event format). A field a type does not list is an unknown extra field for that type: readers
/// ignore it, writers do not emit it. <see cref="EventSchema.Spec"/> says which of them are required.
/// </summary>
public static class EventFields
{
    /// <summary>The envelope fields every event has (marketplace is the only optional one).</summary>
    public static readonly IReadOnlyList<string> Envelope = ["id", "type", "at", "seller", "marketplace"];

    private static readonly string[][] ByType = Build();

    /// <summary>The wire names of the fields <paramref name="type"/> carries, in canonical order.</summary>
    public static IReadOnlyList<string> Of(EventType type) => ByType[(int)type];

    private static string[][] Build()
    {
        var table = new string[Enum.GetValues<EventType>().Length][];
        foreach (var type in Enum.GetValues<EventType>())
        {
            table[(int)type] = type switch
            {
                EventType.OrderPlaced => ["order", "buyer", "ship_by", "deliver_by", "amount", "currency"],
                EventType.OrderStatus => ["order", "status", "by", "reason"],
                EventType.OrderStatusCorrected => ["order", "from", "to"],
                EventType.ShipmentShipped => ["order", "tracking", "tracking_url", "carrier"],
                EventType.ShipmentTrackingAdded => ["order", "tracking", "tracking_url"],
                EventType.ShipmentPickedUp or EventType.ShipmentDelivered or EventType.ShipmentReturned => ["order"],
                EventType.ReviewPosted => ["review", "order", "stars", "text"],
                EventType.ReviewUpdated => ["review", "stars"],
                EventType.ReviewRemoved or EventType.ReviewReplied or EventType.ReviewResolved
                    or EventType.ReviewFlaggedFake => ["review"],
                EventType.ComplaintFiled => ["complaint", "order", "kind"],
                EventType.CaseOpened => ["case", "order", "kind"],
                EventType.CaseResponded or EventType.CaseEscalated => ["case"],
                EventType.CaseClosed => ["case", "outcome"],
                EventType.RefundRequested => ["refund", "order", "kind"],
                EventType.RefundSellerAction => ["refund", "action"],
                EventType.RefundBuyerAction => ["refund", "phase"],
                EventType.RefundReturnReceived => ["refund"],
                EventType.RefundCompleted => ["refund", "outcome"],
                EventType.RefundSpontaneous => ["refund", "order", "reason"],
                EventType.ChatMessage => ["conversation", "from", "agent", "buyer", "human_requested", "text", "order"],
                EventType.ChatRated => ["conversation", "stars", "rating", "reason"],
                EventType.SellerPlanSubmitted => ["text"],
                EventType.SellerRegistered => ["language"],
                EventType.OrderRiskFlagged => ["order", "reason"],
                _ => throw new InvalidOperationException($"no field list for event type {type}"),
            };
        }
        return table;
    }
}
