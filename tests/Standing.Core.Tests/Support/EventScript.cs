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

    public EventScript Complaint(string complaint, string order, string kind, string at) =>
        Add(EventType.ComplaintFiled, at, e => e with { Complaint = complaint, Order = order, Kind = kind });

    public EventScript RefundRequested(string refund, string order, string kind, string at) =>
        Add(EventType.RefundRequested, at, e => e with { Refund = refund, Order = order, Kind = kind });

    public EventScript RefundSpontaneous(string refund, string order, string reason, string at) =>
        Add(EventType.RefundSpontaneous, at, e => e with { Refund = refund, Order = order, Reason = reason });

    public EventScript RefundAction(string refund, string action, string at) =>
        Add(EventType.RefundSellerAction, at, e => e with { Refund = refund, Action = action });

    public EventScript RefundBuyerStep(string refund, string phase, string at) =>
        Add(EventType.RefundBuyerAction, at, e => e with { Refund = refund, Phase = phase });

    public EventScript RefundReturnReceived(string refund, string at) =>
        Add(EventType.RefundReturnReceived, at, e => e with { Refund = refund });

    public EventScript RefundCompleted(string refund, string outcome, string at) =>
        Add(EventType.RefundCompleted, at, e => e with { Refund = refund, Outcome = outcome });

    /// <summary>A buyer message; <paramref name="human"/> asks for a human.</summary>
    public EventScript Ask(string conversation, string buyer, string at, bool human = false, string? text = null) =>
        Add(EventType.ChatMessage, at, e => e with { Conversation = conversation, From = "buyer", Buyer = buyer, HumanRequested = human ? true : null, Text = text });

    /// <summary>An agent's message.</summary>
    public EventScript Answer(string conversation, string agent, string at, string? text = null) =>
        Add(EventType.ChatMessage, at, e => e with { Conversation = conversation, From = "agent", Agent = agent, Text = text });

    /// <summary>A bot's message.</summary>
    public EventScript Bot(string conversation, string at, string? text = null) =>
        Add(EventType.ChatMessage, at, e => e with { Conversation = conversation, From = "bot", Text = text });

    public EventScript Rated(string conversation, string at, int? stars = null, string? rating = null, string? reason = null) =>
        Add(EventType.ChatRated, at, e => e with { Conversation = conversation, Stars = stars, Rating = rating, Reason = reason });

    public EventScript Plan(string text, string at) => Add(EventType.SellerPlanSubmitted, at, e => e with { Text = text });

    public EventScript Registered(string at) => Add(EventType.SellerRegistered, at);

    public EventScript PlacedBy(string order, string buyer, string at) =>
        Add(EventType.OrderPlaced, at, e => e with { Order = order, Buyer = buyer });

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
