using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Everything known about one order of one seller at the as-of instant. Built by
/// <see cref="FactFolder"/>; read by metrics through <see cref="FactFields"/>.
/// </summary>
/// <remarks>
/// Millions of these are held at once, so they are stored compactly (about 220 bytes): instants as
/// <see cref="CompactInstant"/> longs, status and stars as bytes. The public getters show the same
/// values as plain <c>Instant?</c>, <c>int?</c> and enums.
/// </remarks>
public sealed class OrderFact
{
    // Slots of the instants in the overflow array (see CompactInstant).
    internal const int PlacedSlot = 0, ShipBySlot = 1, DeliverBySlot = 2, OpenSlot = 3, ConfirmedSlot = 4, ShippingSlot = 5,
        ShippedSlot = 6, DeliveryConfirmedSlot = 7, CancelledSlot = 8, PickedUpSlot = 9, DeliveredSlot = 10, ReturnedSlot = 11,
        FirstCaseSlot = 12, RefundRequestedSlot = 13, FirstComplaintSlot = 14, RiskFlaggedSlot = 15, Slots = 16;

    private const byte NoStatus = byte.MaxValue;
    private const int NoStars = int.MinValue;

    internal long _placedAt = CompactInstant.Missing;
    internal long _shipBy = CompactInstant.Missing;
    internal long _deliverBy = CompactInstant.Missing;
    internal long _openAt = CompactInstant.Missing; // explicit OPEN status only; the getter falls back to placement
    internal long _confirmedAt = CompactInstant.Missing;
    internal long _shippingAt = CompactInstant.Missing;
    internal long _shippedAt = CompactInstant.Missing;
    internal long _deliveryConfirmedAt = CompactInstant.Missing;
    internal long _cancelledAt = CompactInstant.Missing;
    internal long _pickedUpAt = CompactInstant.Missing;
    internal long _deliveredAt = CompactInstant.Missing;
    internal long _returnedAt = CompactInstant.Missing;
    internal long _firstCaseAt = CompactInstant.Missing;
    internal long _refundRequestedAt = CompactInstant.Missing;
    internal long _firstComplaintAt = CompactInstant.Missing;
    internal long _riskFlaggedAt = CompactInstant.Missing;
    internal Instant[]? _far;
    private decimal _amount;
    private bool _hasAmount;
    private byte _status = NoStatus;
    private int _lowestReviewStars = NoStars;

    internal OrderFact(string seller, string order)
    {
        Seller = seller;
        Order = order;
    }

    public string Seller { get; }
    public string Order { get; }
    public string? Buyer { get; internal set; }

    public Instant? PlacedAt
    {
        get => CompactInstant.Read(_placedAt, _far, PlacedSlot);
        internal set => CompactInstant.Write(ref _placedAt, ref _far, PlacedSlot, Slots, value);
    }

    public Instant? ShipBy
    {
        get => CompactInstant.Read(_shipBy, _far, ShipBySlot);
        internal set => CompactInstant.Write(ref _shipBy, ref _far, ShipBySlot, Slots, value);
    }

    public Instant? DeliverBy
    {
        get => CompactInstant.Read(_deliverBy, _far, DeliverBySlot);
        internal set => CompactInstant.Write(ref _deliverBy, ref _far, DeliverBySlot, Slots, value);
    }

    public decimal? Amount
    {
        get => _hasAmount ? _amount : null;
        internal set
        {
            _hasAmount = value.HasValue;
            _amount = value.GetValueOrDefault();
        }
    }

    /// <summary>When the order entered OPEN: its first explicit open status, else its placement.</summary>
    public Instant? OpenAt => _openAt != CompactInstant.Missing ? CompactInstant.Read(_openAt, _far, OpenSlot) : PlacedAt;

    /// <summary>First status that took the order out of OPEN (shipping, shipped, delivered, returned, cancelled).</summary>
    public Instant? ConfirmedAt => CompactInstant.Read(_confirmedAt, _far, ConfirmedSlot);
    public Instant? ShippingAt => CompactInstant.Read(_shippingAt, _far, ShippingSlot);
    /// <summary>First time the order was shipped: a shipped/delivered/returned status or a shipment.shipped event.</summary>
    public Instant? ShippedAt => CompactInstant.Read(_shippedAt, _far, ShippedSlot);
    /// <summary>First DELIVERED or RETURNED status: the seller confirming the hand-over.</summary>
    public Instant? DeliveryConfirmedAt => CompactInstant.Read(_deliveryConfirmedAt, _far, DeliveryConfirmedSlot);
    public Instant? CancelledAt => CompactInstant.Read(_cancelledAt, _far, CancelledSlot);
    /// <summary>Who cancelled (seller, buyer, platform, system); null when not said.</summary>
    public string? CancelledBy { get; internal set; }

    /// <summary>The status now: the latest status or correction.</summary>
    public OrderStatus? Status
    {
        get => _status == NoStatus ? null : (OrderStatus)_status;
        internal set => _status = value is { } s ? checked((byte)s) : NoStatus;
    }

    public bool StatusCorrected { get; internal set; }

    public string? Tracking { get; internal set; }
    public string? TrackingUrl { get; internal set; }
    public Instant? PickedUpAt => CompactInstant.Read(_pickedUpAt, _far, PickedUpSlot);
    /// <summary>Actual delivery to the buyer (shipment.delivered).</summary>
    public Instant? DeliveredAt => CompactInstant.Read(_deliveredAt, _far, DeliveredSlot);
    /// <summary>Actual return to the seller (shipment.returned).</summary>
    public Instant? ReturnedAt => CompactInstant.Read(_returnedAt, _far, ReturnedSlot);

    /// <summary>Lowest current star rating among the order's reviews that are not removed.</summary>
    public int? LowestReviewStars
    {
        get => _lowestReviewStars == NoStars ? null : _lowestReviewStars;
        internal set => _lowestReviewStars = value ?? NoStars;
    }

    public string? LowestReview { get; internal set; }

    public Instant? FirstCaseAt
    {
        get => CompactInstant.Read(_firstCaseAt, _far, FirstCaseSlot);
        internal set => CompactInstant.Write(ref _firstCaseAt, ref _far, FirstCaseSlot, Slots, value);
    }

    public string? FirstCase { get; internal set; }

    /// <summary>The first refund.requested on the order (spontaneous refunds are not requests).</summary>
    public Instant? RefundRequestedAt => CompactInstant.Read(_refundRequestedAt, _far, RefundRequestedSlot);

    /// <summary>The first complaint.filed on the order.</summary>
    public Instant? FirstComplaintAt => CompactInstant.Read(_firstComplaintAt, _far, FirstComplaintSlot);
    public int CaseCount { get; internal set; }

    /// <summary>
    /// When the platform's risk control first marked the order as risk data (order.risk_flagged):
    /// standards that exclude risk data leave the order, and what hangs on it, out from then on.
    /// </summary>
    public Instant? RiskFlaggedAt => CompactInstant.Read(_riskFlaggedAt, _far, RiskFlaggedSlot);

    public bool HasTracking => !string.IsNullOrEmpty(Tracking) && !string.IsNullOrEmpty(TrackingUrl);
    public bool HasCase => CaseCount > 0;
    /// <summary>Delivered to the buyer: the carrier's delivery, else the seller's DELIVERED status.</summary>
    public Instant? DeliveredOrConfirmedAt => DeliveredAt ?? (Status == OrderStatus.Delivered ? DeliveryConfirmedAt : null);
    /// <summary>Actual hand-over (delivery or return), the start of the delivery-confirmation clock.</summary>
    public Instant? HandedOverAt => Min(DeliveredAt, ReturnedAt);

    // Compact forms of the instant fields metrics read in their hot loops (see FactFields).
    internal long OpenAtRaw => _openAt != CompactInstant.Missing ? _openAt : _placedAt;
    internal long DeliveredOrConfirmedAtRaw =>
        _deliveredAt != CompactInstant.Missing ? _deliveredAt
        : _status == (byte)OrderStatus.Delivered ? _deliveryConfirmedAt : CompactInstant.Missing;
    internal long HandedOverAtRaw => CompactInstant.Min(_deliveredAt, _returnedAt);

    internal static Instant? Min(Instant? a, Instant? b) =>
        a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}
