using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// One refund (refund.requested or refund.spontaneous and what followed) as it stands at the as-of
/// instant. Built from the refund's events in their total order (<see cref="EventKey"/>), so the
/// result does not depend on arrival order.
/// </summary>
public sealed class RefundFact
{
    internal RefundFact(string seller, string refund)
    {
        Seller = seller;
        Refund = refund;
    }

    public string Seller { get; }
    public string Refund { get; }
    /// <summary>When the buyer asked (or, for a spontaneous refund, when the seller issued it).</summary>
    public Instant? RequestedAt { get; internal set; }
    /// <summary>refund_only, return_and_refund or spontaneous.</summary>
    public string? Kind { get; internal set; }
    public string? Order { get; internal set; }
    /// <summary>A spontaneous refund's reason: non_conforming, price_match, other.</summary>
    public string? Reason { get; internal set; }
    public Instant? FirstSellerActionAt { get; internal set; }
    /// <summary>approve or reject: the seller's first action.</summary>
    public string? FirstSellerAction { get; internal set; }
    /// <summary>The seller signed for the returned goods.</summary>
    public Instant? ReturnReceivedAt { get; internal set; }
    /// <summary>The first seller action or completion at or after the return was received.</summary>
    public Instant? ReturnFirstActionAt { get; internal set; }
    public Instant? CompletedAt { get; internal set; }
    /// <summary>refunded or closed.</summary>
    public string? Outcome { get; internal set; }

    /// <summary>When the order it is about was flagged as risk data (order.risk_flagged); null when it was not.</summary>
    public Instant? OrderRiskFlaggedAt { get; internal set; }
    /// <summary>
    /// How the disputes (cases) on the refund's order were ruled, as known at the as-of instant:
    /// The ruling of the dispute over this refund: a case on the refund's order disputes the order's latest
    /// refund requested by the time the case opened (else its earliest), so one dispute counts once.
    /// seller_liable when any closed case disputing it was ruled the seller's fault, else the outcome of the
    /// last closed one (buyer, no_fault, withdrawn); null when no closed case disputes this refund.
    /// </summary>
    public string? OrderCaseOutcome { get; internal set; }
    /// <summary>The buyer's own steps (refund.buyer_action start → end), summed; zero when there were none.</summary>
    public Duration BuyerTime { get; internal set; }
    public double BuyerHours => BuyerTime.TotalHours;
    /// <summary>Completion minus the buyer's own time: from the request to this is the seller's time.</summary>
    public Instant? CompletedAtMinusBuyerTime => CompletedAt - BuyerTime;
}
