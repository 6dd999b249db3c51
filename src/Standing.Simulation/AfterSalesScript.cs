using Standing.Core.Events;

namespace Standing.Simulation;

/// <summary>
/// What can follow an order: buyer cancellation through a refund-only request, a lost parcel,
/// complaints, cases (answer, escalation, closure), refunds (seller and buyer steps, the return,
/// completion), spontaneous refunds and the review.
/// </summary>
internal static class AfterSalesScript
{
    /// <summary>The buyer asks for a refund before shipping; the seller approves and the order is cancelled.</summary>
    public static void BuyerCancels(SellerContext c, string order, long placed, long shipBy)
    {
        var w = c.Writer;
        var refund = c.NextRefund();
        var requested = placed + c.Minutes(5, 30) + (long)((shipBy - placed) * c.Rng.Uniform(0, 0.4));
        w.RefundRequested(requested, refund, order, "refund_only");
        var approved = requested + LocalClock.Minute + (long)(c.Rng.Exponential(c.B.RefundHandlingHours) * LocalClock.Hour);
        w.RefundSellerAction(approved, refund, "approve");
        var completed = approved + c.Minutes(1, 90);
        w.RefundCompleted(completed, refund, "refunded");
        w.Status(completed, order, OrderStatus.Cancelled, "buyer", "buyer_request");
    }

    /// <summary>The parcel never arrives: the buyer opens a case and asks for a refund; it comes back to the seller.</summary>
    public static void Lost(SellerContext c, string order, long deliverBy, double quality)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var noticed = deliverBy + c.Hours(1, 72);
        if (rng.Chance(0.6))
        {
            Case(c, noticed, order, "not_received", quality);
        }
        if (rng.Chance(0.7))
        {
            Refund(c, noticed + c.Hours(0, 24), order, "refund_only", 0, quality);
        }
        var back = deliverBy + c.DaysBetween(3, 12);
        w.Shipment(back, EventType.ShipmentReturned, order);
        w.Status(c.SellerAction(back, c.Problem(c.B.LateConfirmationRate, quality)), order, OrderStatus.Returned, "seller");
        if (rng.Chance(c.B.ReviewRate))
        {
            ReviewScript.Post(c, noticed + c.Hours(1, 96), order, c.Stars(0.7), Phrases.LateReview);
        }
    }

    /// <summary>
    /// After delivery: delay complaints, a case, a complaint, a refund, a spontaneous refund, a review.
    /// After a wrongly entered final status (<paramref name="statusError"/>) refunds are refund-only, so the
    /// order's status history stays simple.
    /// </summary>
    public static void AfterDelivery(SellerContext c, string order, long delivered, long deliverBy, long deliveredStatus, bool late, bool statusError, double quality)
    {
        var rng = c.Rng;
        var b = c.B;
        if (late && rng.Chance(0.3))
        {
            Complaint(c, deliverBy + c.Hours(2, 36), order, "delivery_delay");
        }
        if (c.Problem(late ? b.CaseRate * 3 : b.CaseRate, quality))
        {
            if (late && rng.Chance(0.6))
            {
                Case(c, deliverBy + c.Hours(1, 48), order, "not_received", quality);
            }
            else
            {
                Case(c, delivered + c.Hours(6, 240), order, rng.Chance(0.9) ? "not_as_described" : "other", quality);
            }
        }
        if (c.Problem(b.ComplaintRate, quality))
        {
            var u = rng.NextDouble();
            Complaint(c, delivered + c.Hours(1, 240), order, u < 0.5 ? "product" : u < 0.8 ? "service" : "other");
        }
        if (rng.Chance(b.RefundRate))
        {
            var kind = rng.Chance(0.65) && !statusError ? "return_and_refund" : "refund_only";
            Refund(c, delivered + c.Hours(2, 168), order, kind, deliveredStatus, quality);
        }
        if (rng.Chance(b.SpontaneousRefundRate))
        {
            var u = rng.NextDouble();
            var reason = u < 0.6 ? "non_conforming" : u < 0.85 ? "price_match" : "other";
            var amount = new decimal(100 + rng.Next(2000), 0, 0, false, 2);
            c.Writer.RefundSpontaneous(delivered + c.DaysBetween(1, 12), c.NextRefund(), order, reason, amount, c.Options.Currency);
        }
        if (rng.Chance(b.ReviewRate))
        {
            var negative = Math.Min(b.NegativeReviewShare * quality * (late ? 3 : 1), 0.9);
            ReviewScript.Post(c, delivered + c.Hours(6, 14 * 24), order, c.Stars(negative), late ? Phrases.LateReview : null);
        }
    }

    private static void Complaint(SellerContext c, long t, string order, string kind) =>
        c.Writer.ComplaintFiled(t, c.NextComplaint(), order, kind, kind == "delivery_delay" ? null : Phrases.Pick(Phrases.Complaint, c.Rng));

    /// <summary>A case: the seller's answer (usually within 48 h; late or never for some), escalation, closure.</summary>
    private static void Case(SellerContext c, long opened, string order, string kind, double quality)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var b = c.B;
        var id = c.NextCase();
        w.CaseOpened(opened, id, order, kind);

        var late = c.Problem(b.CaseLateResponseRate, quality);
        var never = late && rng.Chance(0.4);
        var last = opened;
        if (!never)
        {
            var answered = late
                ? opened + (48 * LocalClock.Hour) + c.Hours(1, 96)
                : opened + (long)(Math.Exp(rng.Uniform(Math.Log(20 * 60), Math.Log(40 * 3600))));
            w.Case(answered, EventType.CaseResponded, id);
            last = answered;
        }

        var escalated = rng.Chance(Math.Min(b.CaseEscalationRate * (never ? 2 : 1), 1));
        if (escalated)
        {
            last = Math.Max(opened + c.Hours(24, 120), last + c.Hours(1, 48));
            w.Case(last, EventType.CaseEscalated, id);
        }

        string outcome;
        if (escalated)
        {
            outcome = rng.Chance(never ? 0.9 : b.SellerLiableShare) ? "seller_liable" : rng.Chance(0.5) ? "buyer" : "no_fault";
        }
        else
        {
            outcome = rng.Chance(0.7) ? "withdrawn" : "no_fault";
        }
        w.Case(last + c.DaysBetween(1, 10), EventType.CaseClosed, id, outcome);
    }

    /// <summary>
    /// A refund request: the seller's first action (approve / reject), then for a return the buyer's own
    /// step (start at approval, end when the buyer uploads tracking), the parcel back, the seller signing
    /// for it and confirming, completion, and the order's RETURNED status.
    /// </summary>
    private static void Refund(SellerContext c, long requested, string order, string kind, long deliveredStatus, double quality)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var b = c.B;
        var id = c.NextRefund();
        w.RefundRequested(requested, id, order, kind);

        var returning = kind == "return_and_refund";
        var meanHours = returning ? b.ReturnHandlingHours : b.RefundHandlingHours;
        var acted = requested + (2 * LocalClock.Minute) + (long)(rng.Exponential(meanHours) * LocalClock.Hour);
        if (rng.Chance(b.RefundRejectShare))
        {
            w.RefundSellerAction(acted, id, "reject");
            w.RefundCompleted(acted + c.Hours(1, 72), id, "closed");
            return;
        }
        w.RefundSellerAction(acted, id, "approve");
        if (!returning)
        {
            w.RefundCompleted(acted + c.Minutes(1, 120), id, "refunded");
            return;
        }

        w.RefundBuyerAction(acted, id, "start");
        var buyerDone = acted + c.Hours(2, 96);
        w.RefundBuyerAction(buyerDone, id, "end");
        if (rng.Chance(0.08))
        {
            // The buyer never sends the parcel back: the request closes.
            w.RefundCompleted(buyerDone + c.Hours(1, 24), id, "closed");
            return;
        }
        // The parcel reaches the seller after the order shows DELIVERED, so the status history stays in order.
        var back = Math.Max(buyerDone + c.Hours(12, 72), deliveredStatus + c.Minutes(5, 600));
        w.Shipment(back, EventType.ShipmentReturned, order);
        var signed = back + c.Minutes(10, 480);
        w.RefundReturnReceived(signed, id);
        var confirmed = signed + LocalClock.Minute + (long)(rng.Exponential(b.ReturnedGoodsHandlingHours) * LocalClock.Hour);
        w.RefundSellerAction(confirmed, id, "approve");
        w.RefundCompleted(confirmed + c.Minutes(1, 60), id, "refunded");
        var returnedStatus = Math.Max(c.SellerAction(back, c.Problem(b.LateConfirmationRate, quality)), deliveredStatus + LocalClock.Minute);
        w.Status(returnedStatus, order, OrderStatus.Returned, "seller");
    }
}
