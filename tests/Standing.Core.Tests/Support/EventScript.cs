using NodaTime;
using NodaTime.Text;
using Standing.Core.Events;

namespace Standing.Testing;

/// <summary>
/// Writes one seller's history as canonical events, tersely, for hand-worked test cases.
/// Instants are RFC 3339 text so a test reads like the case it was worked out from.
/// </summary>
public sealed class EventScript(string seller)
{
    private readonly List<StandingEvent> _events = [];
    private int _next;

    public string Seller { get; } = seller;
    public IReadOnlyList<StandingEvent> Events => _events;

    public static Instant At(string rfc3339) => OffsetDateTimePattern.Rfc3339.Parse(rfc3339).GetValueOrThrow().ToInstant();

    public EventScript Add(EventType type, string at, Func<StandingEvent, StandingEvent>? with = null)
    {
        var e = new StandingEvent { Id = $"{Seller}-e{++_next}", Type = type, At = At(at), Seller = Seller };
        _events.Add(with is null ? e : with(e));
        return this;
    }

    public EventScript Placed(string order, string at, string? deliverBy = null, string? shipBy = null) =>
        Add(EventType.OrderPlaced, at, e => e with
        {
            Order = order,
            DeliverBy = deliverBy is null ? null : At(deliverBy),
            ShipBy = shipBy is null ? null : At(shipBy),
        });

    public EventScript Status(string order, OrderStatus status, string at, string? by = null) =>
        Add(EventType.OrderStatus, at, e => e with { Order = order, Status = status, By = by });

    public EventScript Corrected(string order, OrderStatus from, OrderStatus to, string at) =>
        Add(EventType.OrderStatusCorrected, at, e => e with { Order = order, StatusFrom = from, StatusTo = to });

    public EventScript Shipped(string order, string at, string? tracking = "TRK", string? url = "https://track.example/TRK") =>
        Add(EventType.ShipmentShipped, at, e => e with { Order = order, Tracking = tracking, TrackingUrl = url });

    public EventScript Delivered(string order, string at) => Add(EventType.ShipmentDelivered, at, e => e with { Order = order });

    public EventScript Returned(string order, string at) => Add(EventType.ShipmentReturned, at, e => e with { Order = order });

    public EventScript Review(string order, int stars, string at, string? review = null) =>
        Add(EventType.ReviewPosted, at, e => e with { Review = review ?? "r-" + order, Order = order, Stars = stars });

    public EventScript ReviewUpdated(string review, int stars, string at) =>
        Add(EventType.ReviewUpdated, at, e => e with { Review = review, Stars = stars });

    public EventScript ReviewRemoved(string review, string at) => Add(EventType.ReviewRemoved, at, e => e with { Review = review });

    public EventScript Case(string order, string at, string? @case = null) =>
        Add(EventType.CaseOpened, at, e => e with { Case = @case ?? "c-" + order, Order = order, Kind = "not_received" });

    /// <summary>Orders placed one hour apart from <paramref name="firstAt"/>, ids prefix-1…prefix-n.</summary>
    public EventScript PlacedMany(string prefix, int count, string firstAt)
    {
        var start = At(firstAt);
        for (var i = 1; i <= count; i++)
        {
            var at = start + Duration.FromHours(i - 1);
            var e = new StandingEvent { Id = $"{Seller}-e{++_next}", Type = EventType.OrderPlaced, At = at, Seller = Seller, Order = $"{prefix}-{i}" };
            _events.Add(e);
        }
        return this;
    }
}
