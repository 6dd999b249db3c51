using System.Runtime.CompilerServices;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Everything known about one order of one seller at the as-of instant. Built by
/// <see cref="FactFolder"/>; read by metrics through <see cref="FactFields"/>.
/// </summary>
/// <remarks>
/// Millions of these are held at once, so an order is 72 bytes: the id, the buyer (each with an offset, see
/// <see cref="OrderFact(string, byte[], int)"/>), the placement as a
/// <see cref="CompactInstant"/> long, the promised ship-by and delivery instants as whole seconds after
/// it, the amount as a nine-digit mantissa and a scale, status, lowest stars and case count as bytes.
/// What most orders never get (or any value too wide for these fields) is kept in <see cref="OrderDetails"/>,
/// which orders without it share per seller. The public getters show the same values as plain
/// <c>Instant?</c>, <c>int?</c>, <c>decimal?</c> and enums.
/// </remarks>
public sealed class OrderFact
{
    // Slots of the instants (see OrderDetails.Instants and OrderOutliers.Far).
    internal const int PlacedSlot = 0, ShipBySlot = 1, DeliverBySlot = 2, OpenSlot = 3, ConfirmedSlot = 4, ShippingSlot = 5,
        ShippedSlot = 6, DeliveryConfirmedSlot = 7, CancelledSlot = 8, PickedUpSlot = 9, DeliveredSlot = 10, ReturnedSlot = 11,
        FirstCaseSlot = 12, RefundRequestedSlot = 13, FirstComplaintSlot = 14, RiskFlaggedSlot = 15, Slots = 16;

    private const long NanosPerSecond = 1_000_000_000L;
    private const int NotInline = int.MinValue; // the instant is in the details (or unset)
    private const byte NoStatus = byte.MaxValue;
    private const sbyte NoStars = sbyte.MinValue, OutlierStars = sbyte.MaxValue;
    private const byte OutlierCases = byte.MaxValue;
    private const byte AmountSet = 0x80, AmountOutlier = 0x40, ScaleMask = 0x1F;

    [ThreadStatic] private static OrderDetails? t_shared;

    private OrderDetails _details;
    internal long _placedAt = CompactInstant.Missing;
    private int _shipBy = NotInline; // seconds after the placement
    private int _deliverBy = NotInline;
    private int _amount; // the mantissa, signed; its scale is in _amountInfo
    private byte _amountInfo;
    private byte _status = NoStatus;
    private sbyte _stars = NoStars;
    private byte _caseCount;

    // The id and the buyer: each a string, or (decoded from a snapshot) the snapshot's bytes with the
    // offset of the text in them, made a string on first use. An evaluation reads neither unless it explains
    // an item, and two strings per order were most of what decoding a store's facts allocated.
    private object? _order;
    private object? _buyer;
    private int _orderAt, _buyerAt;

    internal OrderFact(string seller, string order)
    {
        _details = SharedDetails(seller);
        _order = order;
    }

    /// <summary>An order whose id is the text at <paramref name="orderAt"/> in <paramref name="snapshot"/> (see <see cref="SnapshotReader.SkipString"/>).</summary>
    internal OrderFact(string seller, byte[] snapshot, int orderAt)
    {
        _details = SharedDetails(seller);
        _order = snapshot;
        _orderAt = orderAt;
    }

    /// <summary>The fold makes one seller's orders in a row: one shared details instance per seller and thread.</summary>
    private static OrderDetails SharedDetails(string seller)
    {
        var shared = t_shared;
        if (shared is null || !ReferenceEquals(shared.Seller, seller))
        {
            t_shared = shared = new OrderDetails(seller, shared: true);
        }
        return shared;
    }

    public string Seller => _details.Seller;

    public string Order => SnapshotReader.Text(ref _order, _orderAt)!;

    public string? Buyer
    {
        get => SnapshotReader.Text(ref _buyer, _buyerAt);
        internal set => _buyer = value;
    }

    /// <summary>The buyer is the text at <paramref name="at"/> in <paramref name="snapshot"/>.</summary>
    internal void BuyerAt(byte[] snapshot, int at) => (_buyer, _buyerAt) = (snapshot, at);

    public Instant? PlacedAt
    {
        get => _placedAt == CompactInstant.Far ? _details.Outliers!.Far![PlacedSlot] : CompactInstant.Read(_placedAt, null, PlacedSlot);
        internal set
        {
            // The promised instants are stored relative to the placement: keep them through the change.
            var shipBy = _shipBy == NotInline ? null : ShipBy;
            var deliverBy = _deliverBy == NotInline ? null : DeliverBy;
            if (value is { } at && CompactInstant.TryEncode(at, out var raw))
            {
                _placedAt = raw;
            }
            else if (value is { } far)
            {
                _placedAt = CompactInstant.Far;
                SetFar(PlacedSlot, far);
            }
            else
            {
                _placedAt = CompactInstant.Missing;
            }
            if (shipBy is not null) ShipBy = shipBy;
            if (deliverBy is not null) DeliverBy = deliverBy;
        }
    }

    public Instant? ShipBy
    {
        get => _shipBy != NotInline ? CompactInstant.Decode(_placedAt + (_shipBy * NanosPerSecond)) : At(ShipBySlot);
        internal set => SetPromise(ref _shipBy, ShipBySlot, value);
    }

    public Instant? DeliverBy
    {
        get => _deliverBy != NotInline ? CompactInstant.Decode(_placedAt + (_deliverBy * NanosPerSecond)) : At(DeliverBySlot);
        internal set => SetPromise(ref _deliverBy, DeliverBySlot, value);
    }

    public decimal? Amount
    {
        get => (_amountInfo & AmountSet) == 0 ? null
            : (_amountInfo & AmountOutlier) != 0 ? _details.Outliers!.Amount
            : new decimal(Math.Abs(_amount), 0, 0, _amount < 0, (byte)(_amountInfo & ScaleMask));
        internal set
        {
            if (value is not { } amount)
            {
                _amountInfo = 0;
                _amount = 0;
                return;
            }
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(amount, bits);
            var scale = (byte)((bits[3] >> 16) & 0xFF);
            var negative = bits[3] < 0;
            if (bits[2] == 0 && bits[1] == 0 && bits[0] >= 0)
            {
                _amount = negative ? -bits[0] : bits[0];
                _amountInfo = (byte)(AmountSet | scale);
                // -0 keeps its sign only in a decimal: a negative zero goes to the details to stay exact.
                if (!(negative && bits[0] == 0)) return;
            }
            Own().Outliers ??= new OrderOutliers();
            _details.Outliers!.Amount = amount;
            _amountInfo = AmountSet | AmountOutlier;
        }
    }

    /// <summary>When the order entered OPEN: its first explicit open status, else its placement.</summary>
    public Instant? OpenAt => RawAt(OpenSlot) != CompactInstant.Missing ? At(OpenSlot) : PlacedAt;

    /// <summary>First status that took the order out of OPEN (shipping, shipped, delivered, returned, cancelled).</summary>
    public Instant? ConfirmedAt => At(ConfirmedSlot);
    public Instant? ShippingAt => At(ShippingSlot);
    /// <summary>First time the order was shipped: a shipped/delivered/returned status or a shipment.shipped event.</summary>
    public Instant? ShippedAt => At(ShippedSlot);
    /// <summary>First DELIVERED or RETURNED status: the seller confirming the hand-over.</summary>
    public Instant? DeliveryConfirmedAt => At(DeliveryConfirmedSlot);
    public Instant? CancelledAt => At(CancelledSlot);

    /// <summary>Who cancelled (seller, buyer, platform, system); null when not said.</summary>
    public string? CancelledBy
    {
        get => _details.CancelledBy;
        internal set { if (value is not null || _details.CancelledBy is not null) Own().CancelledBy = value; }
    }

    /// <summary>The status now: the latest status or correction.</summary>
    public OrderStatus? Status
    {
        get => _status == NoStatus ? null : (OrderStatus)_status;
        internal set => _status = value is { } s ? checked((byte)s) : NoStatus;
    }

    public bool StatusCorrected
    {
        get => _details.StatusCorrected;
        internal set { if (value != _details.StatusCorrected) Own().StatusCorrected = value; }
    }

    public string? Tracking
    {
        get => _details.Tracking;
        internal set { if (value is not null || _details.Tracking is not null) Own().Tracking = value; }
    }

    public string? TrackingUrl
    {
        get => _details.TrackingUrl;
        internal set { if (value is not null || _details.TrackingUrl is not null) Own().TrackingUrl = value; }
    }

    public Instant? PickedUpAt => At(PickedUpSlot);
    /// <summary>Actual delivery to the buyer (shipment.delivered).</summary>
    public Instant? DeliveredAt => At(DeliveredSlot);
    /// <summary>Actual return to the seller (shipment.returned).</summary>
    public Instant? ReturnedAt => At(ReturnedSlot);

    /// <summary>Lowest current star rating among the order's reviews that are not removed.</summary>
    public int? LowestReviewStars
    {
        get => _stars == NoStars ? null : _stars == OutlierStars ? _details.Outliers!.Stars : _stars;
        internal set
        {
            if (value is not { } stars)
            {
                _stars = NoStars;
            }
            else if (stars is > NoStars and < OutlierStars)
            {
                _stars = (sbyte)stars;
            }
            else
            {
                (Own().Outliers ??= new OrderOutliers()).Stars = stars;
                _stars = OutlierStars;
            }
        }
    }

    public string? LowestReview
    {
        get => _details.LowestReview;
        internal set { if (value is not null || _details.LowestReview is not null) Own().LowestReview = value; }
    }

    public Instant? FirstCaseAt
    {
        get => At(FirstCaseSlot);
        internal set => Set(FirstCaseSlot, value);
    }

    public string? FirstCase
    {
        get => _details.FirstCase;
        internal set { if (value is not null || _details.FirstCase is not null) Own().FirstCase = value; }
    }

    /// <summary>The first refund.requested on the order (spontaneous refunds are not requests).</summary>
    public Instant? RefundRequestedAt => At(RefundRequestedSlot);

    /// <summary>The first complaint.filed on the order.</summary>
    public Instant? FirstComplaintAt => At(FirstComplaintSlot);

    public int CaseCount
    {
        get => _caseCount == OutlierCases ? _details.Outliers!.CaseCount!.Value : _caseCount;
        internal set
        {
            if (value is >= 0 and < OutlierCases)
            {
                _caseCount = (byte)value;
            }
            else
            {
                (Own().Outliers ??= new OrderOutliers()).CaseCount = value;
                _caseCount = OutlierCases;
            }
        }
    }

    /// <summary>
    /// When the platform's risk control first marked the order as risk data (order.risk_flagged):
    /// standards that exclude risk data leave the order, and what hangs on it, out from then on.
    /// </summary>
    public Instant? RiskFlaggedAt => At(RiskFlaggedSlot);

    public bool HasTracking => !string.IsNullOrEmpty(Tracking) && !string.IsNullOrEmpty(TrackingUrl);
    public bool HasCase => _caseCount != 0;
    /// <summary>Delivered to the buyer: the carrier's delivery, else the seller's DELIVERED status.</summary>
    public Instant? DeliveredOrConfirmedAt => DeliveredAt ?? (Status == OrderStatus.Delivered ? DeliveryConfirmedAt : null);
    /// <summary>Actual hand-over (delivery or return), the start of the delivery-confirmation clock.</summary>
    public Instant? HandedOverAt => Min(DeliveredAt, ReturnedAt);

    // Compact forms of the instant fields metrics read in their hot loops (see FactFields).
    internal long PlacedAtRaw => _placedAt;
    internal long ShipByRaw => _shipBy != NotInline ? _placedAt + (_shipBy * NanosPerSecond) : RawAt(ShipBySlot);
    internal long DeliverByRaw => _deliverBy != NotInline ? _placedAt + (_deliverBy * NanosPerSecond) : RawAt(DeliverBySlot);
    internal long OpenAtRaw => RawAt(OpenSlot) is var open && open != CompactInstant.Missing ? open : _placedAt;
    internal long DeliveredOrConfirmedAtRaw =>
        RawAt(DeliveredSlot) is var delivered && delivered != CompactInstant.Missing ? delivered
        : _status == (byte)OrderStatus.Delivered ? RawAt(DeliveryConfirmedSlot) : CompactInstant.Missing;
    internal long HandedOverAtRaw => CompactInstant.Min(RawAt(DeliveredSlot), RawAt(ReturnedSlot));

    /// <summary>
    /// The compact value of an instant kept in the details (any slot but the placement and the promises):
    /// <see cref="CompactInstant.Missing"/> when unset, <see cref="CompactInstant.Far"/> when it is in the outliers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long RawAt(int slot) => _details.Instants is { } instants ? instants[slot] : CompactInstant.Missing;

    /// <summary>The instant of any slot.</summary>
    internal Instant? At(int slot) => slot switch
    {
        PlacedSlot => PlacedAt,
        ShipBySlot when _shipBy != NotInline => ShipBy,
        DeliverBySlot when _deliverBy != NotInline => DeliverBy,
        _ => CompactInstant.Read(RawAt(slot), _details.Outliers?.Far, slot),
    };

    /// <summary>Sets the instant of any slot (null unsets it).</summary>
    internal void Set(int slot, Instant? at)
    {
        switch (slot)
        {
            case PlacedSlot:
                PlacedAt = at;
                return;
            case ShipBySlot:
                ShipBy = at;
                return;
            case DeliverBySlot:
                DeliverBy = at;
                return;
        }
        SetDetail(slot, at);
    }

    /// <summary>Sets an instant kept in the details.</summary>
    private void SetDetail(int slot, Instant? at)
    {
        if (at is not { } value)
        {
            if (_details.Instants is { } instants) instants[slot] = CompactInstant.Missing;
            return;
        }
        var slots = Own().Instants ??= NewSlots();
        if (CompactInstant.TryEncode(value, out var raw))
        {
            slots[slot] = raw;
        }
        else
        {
            slots[slot] = CompactInstant.Far;
            SetFar(slot, value);
        }
    }

    /// <summary>Keeps the earlier of a details slot's instant and <paramref name="at"/> ("first time X happened").</summary>
    internal void KeepEarliest(int slot, Instant at)
    {
        var current = RawAt(slot);
        if (current == CompactInstant.Missing)
        {
            SetDetail(slot, at);
        }
        else if (current != CompactInstant.Far && CompactInstant.TryEncode(at, out var raw))
        {
            if (raw < current) _details.Instants![slot] = raw;
        }
        else if (at < At(slot)!.Value)
        {
            SetDetail(slot, at);
        }
    }

    internal static Instant? Min(Instant? a, Instant? b) =>
        a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);

    private void SetPromise(ref int inline, int slot, Instant? value)
    {
        if (value is { } at && _placedAt is not (CompactInstant.Missing or CompactInstant.Far) && CompactInstant.TryEncode(at, out var raw))
        {
            // In longs, not a 128-bit difference (whose division costs more than the rest of a decoded order): a
            // difference past a long's range is past int seconds too, so an overflow only means "not inline".
            var nanos = unchecked(raw - _placedAt);
            var overflowed = ((raw ^ _placedAt) & (raw ^ nanos)) < 0;
            if (!overflowed && nanos % NanosPerSecond == 0 && nanos / NanosPerSecond is var seconds && seconds > NotInline && seconds <= int.MaxValue)
            {
                inline = (int)seconds;
                if (_details.Instants is { } instants) instants[slot] = CompactInstant.Missing;
                return;
            }
        }
        inline = NotInline;
        SetDetail(slot, value);
    }

    private void SetFar(int slot, Instant at) => ((Own().Outliers ??= new OrderOutliers()).Far ??= new Instant[Slots])[slot] = at;

    /// <summary>The order's own details, made on its first write instead of the seller's shared ones.</summary>
    private OrderDetails Own() => _details.IsShared ? _details = new OrderDetails(_details.Seller, shared: false) : _details;

    private static long[] NewSlots()
    {
        var slots = new long[Slots];
        slots.AsSpan().Fill(CompactInstant.Missing);
        return slots;
    }
}
