using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Folds the events of one order; each field keeps its first or latest event by <see cref="EventKey"/>.</summary>
internal sealed class OrderAccumulator(string seller, string order)
{
    private Keyed<StandingEvent> _placed;
    private Keyed<bool> _open, _confirmed, _shipping, _shipped, _deliveryConfirmed, _pickedUp, _delivered, _returned;
    private Keyed<string?> _cancelled;
    private Keyed<OrderStatus> _status;
    private Keyed<string> _tracking, _trackingUrl;
    private bool _corrected;

    public void Add(StandingEvent e)
    {
        var key = EventKey.Of(e);
        switch (e.Type)
        {
            case EventType.OrderPlaced:
                _placed.OfferFirst(key, e);
                break;
            case EventType.OrderStatus:
                AddStatus(key, e.Status!.Value, e.By);
                break;
            case EventType.OrderStatusCorrected:
                _corrected = true;
                _status.OfferLast(key, e.StatusTo!.Value);
                break;
            case EventType.ShipmentShipped:
                _shipped.OfferFirst(key, true);
                AddTracking(key, e);
                break;
            case EventType.ShipmentTrackingAdded:
                AddTracking(key, e);
                break;
            case EventType.ShipmentPickedUp:
                _pickedUp.OfferFirst(key, true);
                break;
            case EventType.ShipmentDelivered:
                _delivered.OfferFirst(key, true);
                break;
            case EventType.ShipmentReturned:
                _returned.OfferFirst(key, true);
                break;
        }
    }

    private void AddStatus(EventKey key, OrderStatus status, string? by)
    {
        _status.OfferLast(key, status);
        switch (status)
        {
            case OrderStatus.Open:
                _open.OfferFirst(key, true);
                return;
            case OrderStatus.Shipping:
                _shipping.OfferFirst(key, true);
                break;
            case OrderStatus.Shipped:
                _shipped.OfferFirst(key, true);
                break;
            case OrderStatus.Delivered or OrderStatus.Returned:
                _shipped.OfferFirst(key, true);
                _deliveryConfirmed.OfferFirst(key, true);
                break;
            case OrderStatus.Cancelled:
                _cancelled.OfferFirst(key, by);
                break;
        }
        _confirmed.OfferFirst(key, true);
    }

    private void AddTracking(EventKey key, StandingEvent e)
    {
        if (!string.IsNullOrEmpty(e.Tracking)) _tracking.OfferLast(key, e.Tracking);
        if (!string.IsNullOrEmpty(e.TrackingUrl)) _trackingUrl.OfferLast(key, e.TrackingUrl);
    }

    public OrderFact ToFact()
    {
        var placed = _placed.HasValue ? _placed.Value : null;
        return new OrderFact(seller, order)
        {
            Buyer = placed?.Buyer,
            PlacedAt = _placed.At,
            ShipBy = placed?.ShipBy,
            DeliverBy = placed?.DeliverBy,
            Amount = placed?.Amount,
            OpenAt = _open.At ?? _placed.At,
            ConfirmedAt = _confirmed.At,
            ShippingAt = _shipping.At,
            ShippedAt = _shipped.At,
            DeliveryConfirmedAt = _deliveryConfirmed.At,
            CancelledAt = _cancelled.At,
            CancelledBy = _cancelled.HasValue ? _cancelled.Value : null,
            Status = _status.HasValue ? _status.Value : null,
            StatusCorrected = _corrected,
            Tracking = _tracking.HasValue ? _tracking.Value : null,
            TrackingUrl = _trackingUrl.HasValue ? _trackingUrl.Value : null,
            PickedUpAt = _pickedUp.At,
            DeliveredAt = _delivered.At,
            ReturnedAt = _returned.At,
        };
    }
}
