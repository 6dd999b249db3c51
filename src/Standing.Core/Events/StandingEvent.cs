using NodaTime;

namespace Standing.Core.Events;

/// <summary>
/// One canonical event. The envelope (id, type, at, seller) is always set; the other fields are
/// those the event's type carries (see <see cref="EventSchema"/>). Value equality is what "the same
/// body" means for de-duplication: two events with one id are the same when every field is equal.
/// </summary>
/// <remarks>
/// Held compactly, because a log keeps millions of these: optional values are stored without their
/// <see cref="Nullable{T}"/> wrappers (presence is a bit in <c>_has</c>, an absent value is stored as
/// its default so equality still compares like with like), and the fields only the less frequent
/// types carry share one <see cref="Details"/> object that is absent when they all are. The properties
/// are unchanged; equality, hashing and <c>with</c> behave as if every field were stored on its own.
/// </remarks>
public sealed record StandingEvent
{
    private Instant _shipBy;
    private Instant _deliverBy;
    private decimal _amount;
    private OrderStatus _status;
    private OrderStatus _statusFrom;
    private OrderStatus _statusTo;
    private int _stars;
    private Present _has;
    private Details? _details;

    public required string Id { get; init; }
    public required EventType Type { get; init; }
    public required Instant At { get; init; }
    public required string Seller { get; init; }
    public string? Marketplace { get; init; }

    // Subjects: which order, review, case, refund, complaint or conversation the event is about.
    public string? Order { get; init; }
    public string? Review { get => _details?.Review; init => Change(value, _details?.Review, static (d, v) => d with { Review = v }); }
    public string? Case { get => _details?.Case; init => Change(value, _details?.Case, static (d, v) => d with { Case = v }); }
    public string? Refund { get => _details?.Refund; init => Change(value, _details?.Refund, static (d, v) => d with { Refund = v }); }
    public string? Complaint { get => _details?.Complaint; init => Change(value, _details?.Complaint, static (d, v) => d with { Complaint = v }); }
    public string? Conversation { get => _details?.Conversation; init => Change(value, _details?.Conversation, static (d, v) => d with { Conversation = v }); }

    // order.placed
    public string? Buyer { get; init; }
    public Instant? ShipBy { get => Get(Present.ShipBy, _shipBy); init => _shipBy = Set(Present.ShipBy, value); }
    public Instant? DeliverBy { get => Get(Present.DeliverBy, _deliverBy); init => _deliverBy = Set(Present.DeliverBy, value); }
    public decimal? Amount { get => Get(Present.Amount, _amount); init => _amount = Set(Present.Amount, value); }
    public string? Currency { get; init; }

    // order.status, order.status_corrected
    public OrderStatus? Status { get => Get(Present.Status, _status); init => _status = Set(Present.Status, value); }
    public string? By { get => _details?.By; init => Change(value, _details?.By, static (d, v) => d with { By = v }); }
    public OrderStatus? StatusFrom { get => Get(Present.StatusFrom, _statusFrom); init => _statusFrom = Set(Present.StatusFrom, value); }
    public OrderStatus? StatusTo { get => Get(Present.StatusTo, _statusTo); init => _statusTo = Set(Present.StatusTo, value); }

    // shipment.*
    public string? Tracking { get => _details?.Tracking; init => Change(value, _details?.Tracking, static (d, v) => d with { Tracking = v }); }
    public string? TrackingUrl { get => _details?.TrackingUrl; init => Change(value, _details?.TrackingUrl, static (d, v) => d with { TrackingUrl = v }); }
    public string? Carrier { get => _details?.Carrier; init => Change(value, _details?.Carrier, static (d, v) => d with { Carrier = v }); }

    // review.*, chat.rated
    public int? Stars { get => Get(Present.Stars, _stars); init => _stars = Set(Present.Stars, value); }
    public string? Text { get => _details?.Text; init => Change(value, _details?.Text, static (d, v) => d with { Text = v }); }
    public string? Rating { get => _details?.Rating; init => Change(value, _details?.Rating, static (d, v) => d with { Rating = v }); }

    // complaint / case / refund vocabulary
    public string? Kind { get => _details?.Kind; init => Change(value, _details?.Kind, static (d, v) => d with { Kind = v }); }
    public string? Outcome { get => _details?.Outcome; init => Change(value, _details?.Outcome, static (d, v) => d with { Outcome = v }); }
    public string? Action { get => _details?.Action; init => Change(value, _details?.Action, static (d, v) => d with { Action = v }); }
    public string? Phase { get => _details?.Phase; init => Change(value, _details?.Phase, static (d, v) => d with { Phase = v }); }
    public string? Reason { get => _details?.Reason; init => Change(value, _details?.Reason, static (d, v) => d with { Reason = v }); }

    // chat.message
    public string? From { get => _details?.From; init => Change(value, _details?.From, static (d, v) => d with { From = v }); }
    public string? Agent { get => _details?.Agent; init => Change(value, _details?.Agent, static (d, v) => d with { Agent = v }); }

    // seller.registered: the seller's language (a BCP 47 tag: fr, pl, zh-CN), the language of its notices.
    public string? Language { get => _details?.Language; init => Change(value, _details?.Language, static (d, v) => d with { Language = v }); }

    public bool? HumanRequested
    {
        get => (_has & Present.HumanRequested) == 0 ? null : (_has & Present.HumanRequestedTrue) != 0;
        init
        {
            _has &= ~(Present.HumanRequested | Present.HumanRequestedTrue);
            if (value is { } requested)
            {
                _has |= requested ? Present.HumanRequested | Present.HumanRequestedTrue : Present.HumanRequested;
            }
        }
    }

    private T? Get<T>(Present bit, T value)
        where T : struct => (_has & bit) != 0 ? value : null;

    /// <summary>Marks the value present or absent and returns what to store (the default when absent).</summary>
    private T Set<T>(Present bit, T? value)
        where T : struct
    {
        _has = value.HasValue ? _has | bit : _has & ~bit;
        return value.GetValueOrDefault();
    }

    /// <summary>Replaces the shared details (never mutated: a copy made by <c>with</c> may share them), dropping them when all are absent.</summary>
    private void Change(string? value, string? current, Func<Details, string?, Details> set)
    {
        if (string.Equals(value, current, StringComparison.Ordinal)) return; // also: an absent field left absent
        var changed = set(_details ?? Details.None, value);
        _details = changed == Details.None ? null : changed;
    }

    [Flags]
    private enum Present : ushort
    {
        ShipBy = 1,
        DeliverBy = 2,
        Amount = 4,
        Status = 8,
        StatusFrom = 16,
        StatusTo = 32,
        Stars = 64,
        HumanRequested = 128,
        HumanRequestedTrue = 256,
    }

    /// <summary>The string fields of the less frequent event types (one object per event that has any).</summary>
    private sealed record Details
    {
        public static readonly Details None = new();

        public string? Review { get; init; }
        public string? Case { get; init; }
        public string? Refund { get; init; }
        public string? Complaint { get; init; }
        public string? Conversation { get; init; }
        public string? By { get; init; }
        public string? Tracking { get; init; }
        public string? TrackingUrl { get; init; }
        public string? Carrier { get; init; }
        public string? Text { get; init; }
        public string? Rating { get; init; }
        public string? Kind { get; init; }
        public string? Outcome { get; init; }
        public string? Action { get; init; }
        public string? Phase { get; init; }
        public string? Reason { get; init; }
        public string? From { get; init; }
        public string? Agent { get; init; }
        public string? Language { get; init; }
    }
}
