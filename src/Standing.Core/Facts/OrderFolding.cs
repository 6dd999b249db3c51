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
                First(ref o._shippedAt, o, OrderFact.ShippedSlot, e);
                AddTracking(o, ref w, e);
                break;
            case EventType.ShipmentTrackingAdded:
                AddTracking(o, ref w, e);
                break;
            case EventType.ShipmentPickedUp:
                First(ref o._pickedUpAt, o, OrderFact.PickedUpSlot, e);
                break;
            case EventType.ShipmentDelivered:
                First(ref o._deliveredAt, o, OrderFact.DeliveredSlot, e);
                break;
            case EventType.ShipmentReturned:
                First(ref o._returnedAt, o, OrderFact.ReturnedSlot, e);
                break;
            case EventType.OrderRiskFlagged:
                First(ref o._riskFlaggedAt, o, OrderFact.RiskFlaggedSlot, e);
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
                First(ref o._openAt, o, OrderFact.OpenSlot, e);
                return;
            case OrderStatus.Shipping:
                First(ref o._shippingAt, o, OrderFact.ShippingSlot, e);
                break;
            case OrderStatus.Shipped:
                First(ref o._shippedAt, o, OrderFact.ShippedSlot, e);
                break;
            case OrderStatus.Delivered or OrderStatus.Returned:
                First(ref o._shippedAt, o, OrderFact.ShippedSlot, e);
                First(ref o._deliveryConfirmedAt, o, OrderFact.DeliveryConfirmedSlot, e);
                break;
            case OrderStatus.Cancelled:
                if (EventKey.IsNewFirst(e, w.Cancelled))
                {
                    w.Cancelled = e;
                    CompactInstant.Write(ref o._cancelledAt, ref o._far, OrderFact.CancelledSlot, OrderFact.Slots, e.At);
                    o.CancelledBy = e.By;
                }
                break;
        }
        First(ref o._confirmedAt, o, OrderFact.ConfirmedSlot, e);
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

    private static void First(ref long field, OrderFact o, int slot, StandingEvent e) =>
        CompactInstant.KeepEarliest(ref field, ref o._far, slot, OrderFact.Slots, e.At);
}
