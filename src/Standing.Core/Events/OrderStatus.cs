namespace Standing.Core.Events;

/// <summary>The lifecycle statuses of an order (MALL's OPEN … DELIVERED / RETURNED / CANCELLED).</summary>
public enum OrderStatus
{
    Open,
    Shipping,
    Shipped,
    Delivered,
    Returned,
    Cancelled,
}
