using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Everything known about one order of one seller at the as-of instant. Built by
/// <see cref="FactFolder"/>; read by metrics through <see cref="FactFields"/>.
/// </summary>
public sealed class OrderFact
{
    internal OrderFact(string seller, string order)
    {
        Seller = seller;
        Order = order;
    }

    public string Seller { get; }
    public string Order { get; }
    public string? Buyer { get; internal set; }
    public Instant? PlacedAt { get; internal set; }
    public Instant? ShipBy { get; internal set; }
    public Instant? DeliverBy { get; internal set; }
    public decimal? Amount { get; internal set; }

    /// <summary>When the order entered OPEN: its first explicit open status, else its placement.</summary>
    public Instant? OpenAt { get; internal set; }
    /// <summary>First status that took the order out of OPEN (shipping, shipped, delivered, returned, cancelled).</summary>
    public Instant? ConfirmedAt { get; internal set; }
    public Instant? ShippingAt { get; internal set; }
    /// <summary>First time the order was shipped: a shipped/delivered/returned status or a shipment.shipped event.</summary>
    public Instant? ShippedAt { get; internal set; }
    /// <summary>First DELIVERED or RETURNED status: the seller confirming the hand-over.</summary>
    public Instant? DeliveryConfirmedAt { get; internal set; }
    public Instant? CancelledAt { get; internal set; }
    /// <summary>Who cancelled (seller, buyer, platform, system); null when not said.</summary>
    public string? CancelledBy { get; internal set; }
    /// <summary>The status now: the latest status or correction.</summary>
    public OrderStatus? Status { get; internal set; }
    public bool StatusCorrected { get; internal set; }

    public string? Tracking { get; internal set; }
    public string? TrackingUrl { get; internal set; }
    public Instant? PickedUpAt { get; internal set; }
    /// <summary>Actual delivery to the buyer (shipment.delivered).</summary>
    public Instant? DeliveredAt { get; internal set; }
    /// <summary>Actual return to the seller (shipment.returned).</summary>
    public Instant? ReturnedAt { get; internal set; }

    /// <summary>Lowest current star rating among the order's reviews that are not removed.</summary>
    public int? LowestReviewStars { get; internal set; }
    public string? LowestReview { get; internal set; }
    public Instant? FirstCaseAt { get; internal set; }
    public string? FirstCase { get; internal set; }
    public int CaseCount { get; internal set; }

    public bool HasTracking => !string.IsNullOrEmpty(Tracking) && !string.IsNullOrEmpty(TrackingUrl);
    public bool HasCase => CaseCount > 0;
    /// <summary>Delivered to the buyer: the carrier's delivery, else the seller's DELIVERED status.</summary>
    public Instant? DeliveredOrConfirmedAt => DeliveredAt ?? (Status == OrderStatus.Delivered ? DeliveryConfirmedAt : null);
    /// <summary>Actual hand-over (delivery or return), the start of the delivery-confirmation clock.</summary>
    public Instant? HandedOverAt => Min(DeliveredAt, ReturnedAt);

    internal static Instant? Min(Instant? a, Instant? b) =>
        a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}
