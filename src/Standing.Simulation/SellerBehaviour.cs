namespace Standing.Simulation;

/// <summary>
/// A seller's rates (probabilities per order, review, case, refund or conversation) and timings.
/// <see cref="For"/> gives the baseline of a profile kind; each seller gets the baseline jittered by
/// ±25%. Baselines put good sellers inside every standard of docs/standards/, borderline sellers around
/// the thresholds and failing sellers past several of them.
/// </summary>
public sealed record SellerBehaviour
{
    /// <summary>Share of orders that get a review (≈30%).</summary>
    public double ReviewRate { get; init; }

    /// <summary>Share of reviews with 1–2 stars (tripled for late deliveries).</summary>
    public double NegativeReviewShare { get; init; }

    /// <summary>Share of negative reviews the seller answers (<c>review.replied</c>).</summary>
    public double ReviewReplyRate { get; init; }

    /// <summary>Share of negative reviews resolved with the buyer (<c>review.resolved</c>).</summary>
    public double ReviewResolveRate { get; init; }

    /// <summary>Share of 5-star reviews later flagged as fake.</summary>
    public double FakeReviewRate { get; init; }

    /// <summary>Share of delivered orders with a case (tripled for late deliveries).</summary>
    public double CaseRate { get; init; }

    /// <summary>Share of cases answered after 48 h or never (40% of these never).</summary>
    public double CaseLateResponseRate { get; init; }

    /// <summary>Share of cases escalated to the platform.</summary>
    public double CaseEscalationRate { get; init; }

    /// <summary>Share of escalated cases ruled the seller's fault.</summary>
    public double SellerLiableShare { get; init; }

    /// <summary>Share of delivered orders with a product / service / other complaint.</summary>
    public double ComplaintRate { get; init; }

    /// <summary>Share of orders the seller cancels (out of stock).</summary>
    public double SellerCancelRate { get; init; }

    /// <summary>Share of orders the buyer cancels before shipping (refund-only request).</summary>
    public double BuyerCancelRate { get; init; }

    /// <summary>Share of orders whose final status is entered wrongly and corrected later.</summary>
    public double StatusErrorRate { get; init; }

    /// <summary>Share of shipments without a tracking link (and sometimes number).</summary>
    public double MissingTrackingRate { get; init; }

    /// <summary>Share of status confirmations later than 1 business day (MALL SLA).</summary>
    public double LateConfirmationRate { get; init; }

    /// <summary>Share of orders shipped after ship-by.</summary>
    public double LateShipRate { get; init; }

    /// <summary>Share of shipments first scanned by the carrier more than 24 h after shipping.</summary>
    public double LatePickupRate { get; init; }

    /// <summary>Share of shipments delivered after deliver-by.</summary>
    public double LateDeliveryRate { get; init; }

    /// <summary>Share of shipments lost and returned to the seller.</summary>
    public double LostShipmentRate { get; init; }

    /// <summary>Share of delivered orders with a refund request.</summary>
    public double RefundRate { get; init; }

    /// <summary>Share of refund requests the seller rejects.</summary>
    public double RefundRejectShare { get; init; }

    /// <summary>Mean hours to the seller's first action on a refund-only request.</summary>
    public double RefundHandlingHours { get; init; }

    /// <summary>Mean hours to the seller's first action on a return-and-refund request.</summary>
    public double ReturnHandlingHours { get; init; }

    /// <summary>Mean hours from signing for returned goods to confirming them.</summary>
    public double ReturnedGoodsHandlingHours { get; init; }

    /// <summary>Share of delivered orders with a spontaneous refund.</summary>
    public double SpontaneousRefundRate { get; init; }

    /// <summary>Median seconds of an agent's ordinary reply.</summary>
    public double ChatReplySeconds { get; init; }

    /// <summary>Share of agent replies that take 3–30 minutes.</summary>
    public double SlowChatReplyRate { get; init; }

    /// <summary>Share of human-requested chats no agent answers.</summary>
    public double UnansweredChatRate { get; init; }

    /// <summary>Share of chat ratings that are satisfied / 4–5 stars (×0.6 after a slow or missing reply).</summary>
    public double ChatSatisfaction { get; init; }

    /// <summary>Share of neutral / disappointed chat ratings given for bad attitude.</summary>
    public double BadAttitudeShare { get; init; }

    /// <summary>Share of agent messages with off-platform payment or contact details.</summary>
    public double ForbiddenContentRate { get; init; }

    public static SellerBehaviour For(SellerProfileKind kind) => kind switch
    {
        SellerProfileKind.Good => Good,
        SellerProfileKind.Borderline => Borderline,
        _ => Failing,
    };

    private static readonly SellerBehaviour Good = new()
    {
        ReviewRate = 0.30, NegativeReviewShare = 0.008, ReviewReplyRate = 0.9, ReviewResolveRate = 0.6,
        FakeReviewRate = 0.002, CaseRate = 0.0015, CaseLateResponseRate = 0.02, CaseEscalationRate = 0.2,
        SellerLiableShare = 0.2, ComplaintRate = 0.004, SellerCancelRate = 0.005, BuyerCancelRate = 0.01,
        StatusErrorRate = 0.001, MissingTrackingRate = 0.005, LateConfirmationRate = 0.01,
        LateShipRate = 0.005, LatePickupRate = 0.01, LateDeliveryRate = 0.02, LostShipmentRate = 0.002,
        RefundRate = 0.03, RefundRejectShare = 0.05, RefundHandlingHours = 0.8, ReturnHandlingHours = 2,
        ReturnedGoodsHandlingHours = 5, SpontaneousRefundRate = 0.01, ChatReplySeconds = 6,
        SlowChatReplyRate = 0.005, UnansweredChatRate = 0.005, ChatSatisfaction = 0.97,
        BadAttitudeShare = 0.02, ForbiddenContentRate = 0,
    };

    private static readonly SellerBehaviour Borderline = new()
    {
        ReviewRate = 0.30, NegativeReviewShare = 0.018, ReviewReplyRate = 0.6, ReviewResolveRate = 0.35,
        FakeReviewRate = 0.005, CaseRate = 0.003, CaseLateResponseRate = 0.15, CaseEscalationRate = 0.35,
        SellerLiableShare = 0.4, ComplaintRate = 0.02, SellerCancelRate = 0.018, BuyerCancelRate = 0.012,
        StatusErrorRate = 0.008, MissingTrackingRate = 0.04, LateConfirmationRate = 0.05,
        LateShipRate = 0.05, LatePickupRate = 0.04, LateDeliveryRate = 0.05, LostShipmentRate = 0.005,
        RefundRate = 0.05, RefundRejectShare = 0.1, RefundHandlingHours = 5, ReturnHandlingHours = 10,
        ReturnedGoodsHandlingHours = 15, SpontaneousRefundRate = 0.04, ChatReplySeconds = 35,
        SlowChatReplyRate = 0.15, UnansweredChatRate = 0.03, ChatSatisfaction = 0.9,
        BadAttitudeShare = 0.06, ForbiddenContentRate = 0.001,
    };

    private static readonly SellerBehaviour Failing = new()
    {
        ReviewRate = 0.32, NegativeReviewShare = 0.15, ReviewReplyRate = 0.2, ReviewResolveRate = 0.1,
        FakeReviewRate = 0.03, CaseRate = 0.025, CaseLateResponseRate = 0.4, CaseEscalationRate = 0.6,
        SellerLiableShare = 0.7, ComplaintRate = 0.06, SellerCancelRate = 0.06, BuyerCancelRate = 0.015,
        StatusErrorRate = 0.025, MissingTrackingRate = 0.15, LateConfirmationRate = 0.15,
        LateShipRate = 0.15, LatePickupRate = 0.12, LateDeliveryRate = 0.15, LostShipmentRate = 0.02,
        RefundRate = 0.09, RefundRejectShare = 0.25, RefundHandlingHours = 16, ReturnHandlingHours = 30,
        ReturnedGoodsHandlingHours = 36, SpontaneousRefundRate = 0.1, ChatReplySeconds = 70,
        SlowChatReplyRate = 0.35, UnansweredChatRate = 0.1, ChatSatisfaction = 0.7,
        BadAttitudeShare = 0.18, ForbiddenContentRate = 0.01,
    };

    /// <summary>This behaviour with every rate and timing multiplied by its own factor in [0.75, 1.25).</summary>
    internal SellerBehaviour Jittered(DeterministicRandom rng)
    {
        double J(double value) => Math.Min(value * rng.Uniform(0.75, 1.25), 1.0);
        double T(double value) => value * rng.Uniform(0.75, 1.25);
        return new SellerBehaviour
        {
            ReviewRate = J(ReviewRate),
            NegativeReviewShare = J(NegativeReviewShare),
            ReviewReplyRate = J(ReviewReplyRate),
            ReviewResolveRate = J(ReviewResolveRate),
            FakeReviewRate = J(FakeReviewRate),
            CaseRate = J(CaseRate),
            CaseLateResponseRate = J(CaseLateResponseRate),
            CaseEscalationRate = J(CaseEscalationRate),
            SellerLiableShare = J(SellerLiableShare),
            ComplaintRate = J(ComplaintRate),
            SellerCancelRate = J(SellerCancelRate),
            BuyerCancelRate = J(BuyerCancelRate),
            StatusErrorRate = J(StatusErrorRate),
            MissingTrackingRate = J(MissingTrackingRate),
            LateConfirmationRate = J(LateConfirmationRate),
            LateShipRate = J(LateShipRate),
            LatePickupRate = J(LatePickupRate),
            LateDeliveryRate = J(LateDeliveryRate),
            LostShipmentRate = J(LostShipmentRate),
            RefundRate = J(RefundRate),
            RefundRejectShare = J(RefundRejectShare),
            RefundHandlingHours = T(RefundHandlingHours),
            ReturnHandlingHours = T(ReturnHandlingHours),
            ReturnedGoodsHandlingHours = T(ReturnedGoodsHandlingHours),
            SpontaneousRefundRate = J(SpontaneousRefundRate),
            ChatReplySeconds = T(ChatReplySeconds),
            SlowChatReplyRate = J(SlowChatReplyRate),
            UnansweredChatRate = J(UnansweredChatRate),
            ChatSatisfaction = Math.Min(ChatSatisfaction * rng.Uniform(0.97, 1.03), 0.995),
            BadAttitudeShare = J(BadAttitudeShare),
            ForbiddenContentRate = J(ForbiddenContentRate),
        };
    }
}
