using System.Collections.Frozen;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>The vocabulary of fact fields a policy may name, per subject.</summary>
public static class FactFields
{
    public static readonly FrozenDictionary<string, FactField<OrderFact>> Orders = Index(
    [
        FactField<OrderFact>.OfInstant("placed_at", Subject.Orders, "when the order was placed", o => o.PlacedAt, o => o._placedAt),
        FactField<OrderFact>.OfInstant("ship_by", Subject.Orders, "promised ship-by instant", o => o.ShipBy, o => o._shipBy),
        FactField<OrderFact>.OfInstant("deliver_by", Subject.Orders, "promised delivery deadline", o => o.DeliverBy, o => o._deliverBy),
        FactField<OrderFact>.OfNumber("amount", Subject.Orders, "order amount", o => (double?)o.Amount),
        FactField<OrderFact>.OfInstant("open_at", Subject.Orders, "when the order entered OPEN (first open status, else placement)", o => o.OpenAt, o => o.OpenAtRaw),
        FactField<OrderFact>.OfInstant("confirmed_at", Subject.Orders, "first status leaving OPEN (shipping, shipped, delivered, returned, cancelled)", o => o.ConfirmedAt, o => o._confirmedAt),
        FactField<OrderFact>.OfInstant("shipping_at", Subject.Orders, "first SHIPPING status", o => o.ShippingAt, o => o._shippingAt),
        FactField<OrderFact>.OfInstant("shipped_at", Subject.Orders, "first shipped: SHIPPED/DELIVERED/RETURNED status or shipment.shipped", o => o.ShippedAt, o => o._shippedAt),
        FactField<OrderFact>.OfBool("shipped", Subject.Orders, "the order was shipped", o => o._shippedAt != CompactInstant.Missing),
        FactField<OrderFact>.OfInstant("delivery_confirmed_at", Subject.Orders, "first DELIVERED or RETURNED status set by the seller", o => o.DeliveryConfirmedAt, o => o._deliveryConfirmedAt),
        FactField<OrderFact>.OfInstant("cancelled_at", Subject.Orders, "first CANCELLED status", o => o.CancelledAt, o => o._cancelledAt),
        FactField<OrderFact>.OfText("cancelled_by", Subject.Orders, "who cancelled: seller, buyer, platform, system (unset when not said)", o => o.CancelledBy),
        FactField<OrderFact>.OfBool("cancelled_by_seller", Subject.Orders, "status now CANCELLED and the cancellation was by the seller (or did not say by whom)",
            o => o.Status == OrderStatus.Cancelled && (o.CancelledBy is null || o.CancelledBy == "seller")),
        FactField<OrderFact>.OfText("status", Subject.Orders, "current status after corrections", o => o.Status is { } s ? EventSchema.StatusName(s) : null),
        FactField<OrderFact>.OfBool("status_corrected", Subject.Orders, "a wrongly entered status was corrected (order.status_corrected)", o => o.StatusCorrected),
        FactField<OrderFact>.OfBool("has_tracking", Subject.Orders, "tracking number and tracking link both known", o => o.HasTracking),
        FactField<OrderFact>.OfInstant("picked_up_at", Subject.Orders, "carrier's first scan", o => o.PickedUpAt, o => o._pickedUpAt),
        FactField<OrderFact>.OfInstant("delivered_at", Subject.Orders, "delivered to the buyer (carrier's delivery, else the DELIVERED status)", o => o.DeliveredOrConfirmedAt, o => o.DeliveredOrConfirmedAtRaw),
        FactField<OrderFact>.OfInstant("returned_at", Subject.Orders, "actual return to the seller (shipment.returned)", o => o.ReturnedAt, o => o._returnedAt),
        FactField<OrderFact>.OfInstant("handed_over_at", Subject.Orders, "actual delivery or return (shipment.delivered / shipment.returned)", o => o.HandedOverAt, o => o.HandedOverAtRaw),
        FactField<OrderFact>.OfNumber("lowest_review_stars", Subject.Orders, "lowest current stars among the order's reviews not removed", o => o.LowestReviewStars),
        FactField<OrderFact>.OfBool("has_case", Subject.Orders, "a case was opened on the order", o => o.HasCase),
        FactField<OrderFact>.OfInstant("first_case_at", Subject.Orders, "when the first case was opened", o => o.FirstCaseAt, o => o._firstCaseAt),
    ]);

    public static readonly FrozenDictionary<string, FactField<ReviewFact>> Reviews = Index(
    [
        FactField<ReviewFact>.OfInstant("posted_at", Subject.Reviews, "when the review was posted", r => r.PostedAt, r => r._postedAt),
        FactField<ReviewFact>.OfNumber("stars", Subject.Reviews, "current stars (1–5)", r => r.Stars),
        FactField<ReviewFact>.OfBool("removed", Subject.Reviews, "the review was removed", r => r.IsRemoved),
        FactField<ReviewFact>.OfBool("replied", Subject.Reviews, "the seller commented on the review", r => r._repliedAt != CompactInstant.Missing),
        FactField<ReviewFact>.OfBool("resolved", Subject.Reviews, "resolved with the buyer", r => r._resolvedAt != CompactInstant.Missing),
        FactField<ReviewFact>.OfBool("flagged_fake", Subject.Reviews, "detected as fake", r => r._flaggedFakeAt != CompactInstant.Missing),
        FactField<ReviewFact>.OfText("order", Subject.Reviews, "the order reviewed", r => r.Order),
    ]);

    public static readonly FrozenDictionary<string, FactField<CaseFact>> Cases = Index(
    [
        FactField<CaseFact>.OfInstant("opened_at", Subject.Cases, "when the case was opened", c => c.OpenedAt, c => c._openedAt),
        FactField<CaseFact>.OfInstant("responded_at", Subject.Cases, "the seller's first answer on the case", c => c.RespondedAt, c => c._respondedAt),
        FactField<CaseFact>.OfInstant("escalated_at", Subject.Cases, "the platform was asked to intervene", c => c.EscalatedAt, c => c._escalatedAt),
        FactField<CaseFact>.OfInstant("closed_at", Subject.Cases, "when the case was closed", c => c.ClosedAt, c => c._closedAt),
        FactField<CaseFact>.OfText("kind", Subject.Cases, "not_received, not_as_described, other", c => c.Kind),
        FactField<CaseFact>.OfText("outcome", Subject.Cases, "seller_liable, buyer, no_fault, withdrawn", c => c.Outcome),
    ]);

    /// <summary>Looks a field up by subject and name; null when the policy names a field that does not exist.</summary>
    public static IFactField? Find(Subject subject, string name) => subject switch
    {
        Subject.Orders => Orders.GetValueOrDefault(name),
        Subject.Reviews => Reviews.GetValueOrDefault(name),
        Subject.Cases => Cases.GetValueOrDefault(name),
        _ => null,
    };

    public static IEnumerable<IFactField> All(Subject subject) => subject switch
    {
        Subject.Orders => Orders.Values,
        Subject.Reviews => Reviews.Values,
        _ => Cases.Values,
    };

    private static FrozenDictionary<string, FactField<T>> Index<T>(FactField<T>[] fields) =>
        fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
}
