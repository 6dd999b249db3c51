using NodaTime;

namespace Standing.Core.Events;

/// <summary>
/// One canonical event. The envelope (id, type, at, seller) is always set; the other fields are
/// those the event's type carries (see <see cref="EventSchema"/>). Value equality is what "the same
/// body" means for de-duplication: two events with one id are the same when every field is equal.
/// </summary>
public sealed record StandingEvent
{
    public required string Id { get; init; }
    public required EventType Type { get; init; }
    public required Instant At { get; init; }
    public required string Seller { get; init; }
    public string? Marketplace { get; init; }

    // Subjects: which order, review, case, refund, complaint or conversation the event is about.
    public string? Order { get; init; }
    public string? Review { get; init; }
    public string? Case { get; init; }
    public string? Refund { get; init; }
    public string? Complaint { get; init; }
    public string? Conversation { get; init; }

    // order.placed
    public string? Buyer { get; init; }
    public Instant? ShipBy { get; init; }
    public Instant? DeliverBy { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }

    // order.status, order.status_corrected
    public OrderStatus? Status { get; init; }
    public string? By { get; init; }
    public OrderStatus? StatusFrom { get; init; }
    public OrderStatus? StatusTo { get; init; }

    // shipment.*
    public string? Tracking { get; init; }
    public string? TrackingUrl { get; init; }
    public string? Carrier { get; init; }

    // review.*, chat.rated
    public int? Stars { get; init; }
    public string? Text { get; init; }
    public string? Rating { get; init; }

    // complaint / case / refund vocabulary
    public string? Kind { get; init; }
    public string? Outcome { get; init; }
    public string? Action { get; init; }
    public string? Phase { get; init; }
    public string? Reason { get; init; }

    // chat.message
    public string? From { get; init; }
    public string? Agent { get; init; }
    public bool? HumanRequested { get; init; }
}
