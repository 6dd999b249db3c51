using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Builds a <see cref="RefundFact"/> from its events in their total order (see <see cref="EventRun"/>).
/// The first request (or spontaneous refund) gives the request, kind, order and reason; the first
/// seller action and the first completion win; buyer steps pair each start with the next end.
/// </summary>
internal static class RefundFolding
{
    public static RefundFact Build(string seller, string refund, List<StandingEvent> events)
    {
        EventRun.SortDistinct(events);
        var r = new RefundFact(seller, refund);
        Instant? stepStart = null;
        var buyerTime = Duration.Zero;
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case EventType.RefundRequested or EventType.RefundSpontaneous when r.RequestedAt is null:
                    r.RequestedAt = e.At;
                    r.Kind = e.Type == EventType.RefundSpontaneous ? "spontaneous" : e.Kind;
                    r.Order = e.Order;
                    r.Reason = e.Type == EventType.RefundSpontaneous ? e.Reason : null;
                    break;
                case EventType.RefundSellerAction when r.FirstSellerActionAt is null:
                    r.FirstSellerActionAt = e.At;
                    r.FirstSellerAction = e.Action;
                    break;
                case EventType.RefundBuyerAction when e.Phase == "start":
                    stepStart ??= e.At;
                    break;
                case EventType.RefundBuyerAction when stepStart is { } started:
                    buyerTime += e.At - started; // an end with no open step is ignored
                    stepStart = null;
                    break;
                case EventType.RefundReturnReceived when r.ReturnReceivedAt is null:
                    r.ReturnReceivedAt = e.At;
                    break;
                case EventType.RefundCompleted when r.CompletedAt is null:
                    r.CompletedAt = e.At;
                    r.Outcome = e.Outcome;
                    break;
            }
        }
        // A buyer step still open when the refund completed ran until the completion.
        if (stepStart is { } open && r.CompletedAt is { } completed && completed > open) buyerTime += completed - open;
        r.BuyerTime = buyerTime;
        r.ReturnFirstActionAt = FirstActionAfterReturn(r, events);
        return r;
    }

    private static Instant? FirstActionAfterReturn(RefundFact r, List<StandingEvent> events)
    {
        if (r.ReturnReceivedAt is not { } received) return null;
        foreach (var e in events)
        {
            if (e.At >= received && e.Type is EventType.RefundSellerAction or EventType.RefundCompleted) return e.At;
        }
        return null;
    }
}
