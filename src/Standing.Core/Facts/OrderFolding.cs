using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Folds one event of an order straight into its <see cref="OrderFact"/>. "First time X happened"
/// fields keep the earliest instant; the placement, the current status, the cancellation and the
/// tracking number and link keep the values of their first (or latest) event by <see cref="EventKey"/>.
/// </summary>
internal static class OrderFolding
{
    public static void Add(OrderFact o, ref Winners w, StandingEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrderPlaced:
                if (EventKey.IsNewFirst(e, w.First))
                {
                    w.First = e;
                    o.PlacedAt = e.At;
                    o.Buyer = e.Buyer;
                    o.ShipBy = e.ShipBy;
                    o.DeliverBy = e.DeliverBy;
                    o.Amount = e.Amount;
                }
                break;
            case EventType.OrderStatus:
                AddStatus(o, ref w, e);
                break;
            case EventType.OrderStatusCorrected:
                o.StatusCorrected = true;
                OfferStatus(o, ref w, e, e.StatusTo!.Value);
                break;
            case EventType.ShipmentShipped:
                o.KeepEarliest(OrderFact.ShippedSlot, e.At);
                AddTracking(o, ref w, e);
                break;
            case EventType.ShipmentTrackingAdded:
                AddTracking(o, ref w, e);
                break;
            case EventType.ShipmentPickedUp:
                o.KeepEarliest(OrderFact.PickedUpSlot, e.At);
                break;
            case EventType.ShipmentDelivered:
                o.KeepEarliest(OrderFact.DeliveredSlot, e.At);
                break;
            case EventType.ShipmentReturned:
                o.KeepEarliest(OrderFact.ReturnedSlot, e.At);
                break;
            case EventType.OrderRiskFlagged:
                o.KeepEarliest(OrderFact.RiskFlaggedSlot, e.At);
                break;
        }
    }

    private static void AddStatus(OrderFact o, ref Winners w, StandingEvent e)
    {
        var status = e.Status!.Value;
        OfferStatus(o, ref w, e, status);
        switch (status)
        {
            case OrderStatus.Open:
                o.KeepEarliest(OrderFact.OpenSlot, e.At);
                return;
            case OrderStatus.Shipping:
                o.KeepEarliest(OrderFact.ShippingSlot, e.At);
                break;
            case OrderStatus.Shipped:
                o.KeepEarliest(OrderFact.ShippedSlot, e.At);
                break;
            case OrderStatus.Delivered or OrderStatus.Returned:
                o.KeepEarliest(OrderFact.ShippedSlot, e.At);
                o.KeepEarliest(OrderFact.DeliveryConfirmedSlot, e.At);
                break;
            case OrderStatus.Cancelled:
                if (EventKey.IsNewFirst(e, w.Cancelled))
                {
                    w.Cancelled = e;
                    o.Set(OrderFact.CancelledSlot, e.At);
                    o.CancelledBy = e.By;
                }
                break;
        }
        o.KeepEarliest(OrderFact.ConfirmedSlot, e.At);
    }

    private static void OfferStatus(OrderFact o, ref Winners w, StandingEvent e, OrderStatus status)
    {
        if (EventKey.IsNewLatest(e, w.Latest))
        {
            w.Latest = e;
            o.Status = status;
        }
    }

    private static void AddTracking(OrderFact o, ref Winners w, StandingEvent e)
    {
        if (!string.IsNullOrEmpty(e.Tracking) && EventKey.IsNewLatest(e, w.Tracking))
        {
            w.Tracking = e;
            o.Tracking = e.Tracking;
        }
        if (!string.IsNullOrEmpty(e.TrackingUrl) && EventKey.IsNewLatest(e, w.TrackingUrl))
        {
            w.TrackingUrl = e;
            o.TrackingUrl = e.TrackingUrl;
        }
    }
}
