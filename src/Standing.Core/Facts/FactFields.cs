using System.Collections.Frozen;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>The vocabulary of fact fields a policy may name, per subject.</summary>
public static class FactFields
{
    public static readonly FrozenDictionary<string, FactField<OrderFact>> Orders = Index(
    [
        FactField<OrderFact>.OfInstant("placed_at", Subject.Orders, "when the order was placed", o => o.PlacedAt, o => o.PlacedAtRaw),
        FactField<OrderFact>.OfInstant("ship_by", Subject.Orders, "promised ship-by instant", o => o.ShipBy, o => o.ShipByRaw),
        FactField<OrderFact>.OfInstant("deliver_by", Subject.Orders, "promised delivery deadline", o => o.DeliverBy, o => o.DeliverByRaw),
        FactField<OrderFact>.OfNumber("amount", Subject.Orders, "order amount", o => (double?)o.Amount),
        FactField<OrderFact>.OfInstant("open_at", Subject.Orders, "when the order entered OPEN (first open status, else placement)", o => o.OpenAt, o => o.OpenAtRaw),
        FactField<OrderFact>.OfInstant("confirmed_at", Subject.Orders, "first status leaving OPEN (shipping, shipped, delivered, returned, cancelled)", o => o.ConfirmedAt, o => o.RawAt(OrderFact.ConfirmedSlot)),
        FactField<OrderFact>.OfInstant("shipping_at", Subject.Orders, "first SHIPPING status", o => o.ShippingAt, o => o.RawAt(OrderFact.ShippingSlot)),
        FactField<OrderFact>.OfInstant("shipped_at", Subject.Orders, "first shipped: SHIPPED/DELIVERED/RETURNED status or shipment.shipped", o => o.ShippedAt, o => o.RawAt(OrderFact.ShippedSlot)),
        FactField<OrderFact>.OfBool("shipped", Subject.Orders, "the order was shipped", o => o.RawAt(OrderFact.ShippedSlot) != CompactInstant.Missing),
        FactField<OrderFact>.OfInstant("delivery_confirmed_at", Subject.Orders, "first DELIVERED or RETURNED status set by the seller", o => o.DeliveryConfirmedAt, o => o.RawAt(OrderFact.DeliveryConfirmedSlot)),
        FactField<OrderFact>.OfInstant("cancelled_at", Subject.Orders, "first CANCELLED status", o => o.CancelledAt, o => o.RawAt(OrderFact.CancelledSlot)),
        FactField<OrderFact>.OfText("cancelled_by", Subject.Orders, "who cancelled: seller, buyer, platform, system (unset when not said)", o => o.CancelledBy),
        FactField<OrderFact>.OfBool("cancelled_by_seller", Subject.Orders, "status now CANCELLED and the cancellation was by the seller (or did not say by whom)",
            o => o.Status == OrderStatus.Cancelled && (o.CancelledBy is null || o.CancelledBy == "seller")),
        FactField<OrderFact>.OfText("status", Subject.Orders, "current status after corrections", o => o.Status is { } s ? EventSchema.StatusName(s) : null),
        FactField<OrderFact>.OfBool("status_corrected", Subject.Orders, "a wrongly entered status was corrected (order.status_corrected)", o => o.StatusCorrected),
        FactField<OrderFact>.OfBool("has_tracking", Subject.Orders, "tracking number and tracking link both known", o => o.HasTracking),
        FactField<OrderFact>.OfInstant("picked_up_at", Subject.Orders, "carrier's first scan", o => o.PickedUpAt, o => o.RawAt(OrderFact.PickedUpSlot)),
        FactField<OrderFact>.OfInstant("delivered_at", Subject.Orders, "delivered to the buyer (carrier's delivery, else the DELIVERED status)", o => o.DeliveredOrConfirmedAt, o => o.DeliveredOrConfirmedAtRaw),
        FactField<OrderFact>.OfInstant("returned_at", Subject.Orders, "actual return to the seller (shipment.returned)", o => o.ReturnedAt, o => o.RawAt(OrderFact.ReturnedSlot)),
        FactField<OrderFact>.OfInstant("handed_over_at", Subject.Orders, "actual delivery or return (shipment.delivered / shipment.returned)", o => o.HandedOverAt, o => o.HandedOverAtRaw),
        FactField<OrderFact>.OfNumber("lowest_review_stars", Subject.Orders, "lowest current stars among the order's reviews not removed", o => o.LowestReviewStars),
        FactField<OrderFact>.OfBool("has_case", Subject.Orders, "a case was opened on the order", o => o.HasCase),
        FactField<OrderFact>.OfInstant("first_case_at", Subject.Orders, "when the first case was opened", o => o.FirstCaseAt, o => o.RawAt(OrderFact.FirstCaseSlot)),
        FactField<OrderFact>.OfInstant("refund_requested_at", Subject.Orders, "the first refund.requested on the order", o => o.RefundRequestedAt, o => o.RawAt(OrderFact.RefundRequestedSlot)),
        FactField<OrderFact>.OfInstant("first_complaint_at", Subject.Orders, "the first complaint.filed on the order", o => o.FirstComplaintAt, o => o.RawAt(OrderFact.FirstComplaintSlot)),
        FactField<OrderFact>.OfText("buyer", Subject.Orders, "the buyer who placed the order", o => o.Buyer),
        FactField<OrderFact>.OfInstant("risk_flagged_at", Subject.Orders, "when the order was first flagged as risk data (order.risk_flagged)", o => o.RiskFlaggedAt, o => o.RawAt(OrderFact.RiskFlaggedSlot)),
        FactField<OrderFact>.OfBool("risk_flagged", Subject.Orders, "the order is flagged as risk data (order.risk_flagged)", o => o.RawAt(OrderFact.RiskFlaggedSlot) != CompactInstant.Missing),
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
        FactField<ReviewFact>.OfText("text", Subject.Reviews, "the review's text as posted", r => r.Text),
    ]);

    public static readonly FrozenDictionary<string, FactField<CaseFact>> Cases = Index(
    [
        FactField<CaseFact>.OfInstant("opened_at", Subject.Cases, "when the case was opened", c => c.OpenedAt, c => c._openedAt),
        FactField<CaseFact>.OfInstant("responded_at", Subject.Cases, "the seller's first answer on the case", c => c.RespondedAt, c => c._respondedAt),
        FactField<CaseFact>.OfInstant("escalated_at", Subject.Cases, "the platform was asked to intervene", c => c.EscalatedAt, c => c._escalatedAt),
        FactField<CaseFact>.OfInstant("closed_at", Subject.Cases, "when the case was closed", c => c.ClosedAt, c => c._closedAt),
        FactField<CaseFact>.OfText("kind", Subject.Cases, "not_received, not_as_described, other", c => c.Kind),
        FactField<CaseFact>.OfText("outcome", Subject.Cases, "seller_liable, buyer, no_fault, withdrawn", c => c.Outcome),
        FactField<CaseFact>.OfBool("order_risk_flagged", Subject.Cases, "the case's order is flagged as risk data (order.risk_flagged)", c => c.OrderRiskFlaggedAt is not null),
    ]);

    public static readonly FrozenDictionary<string, FactField<ComplaintFact>> Complaints = Index(
    [
        FactField<ComplaintFact>.OfInstant("filed_at", Subject.Complaints, "when the complaint was filed", c => c.FiledAt),
        FactField<ComplaintFact>.OfText("kind", Subject.Complaints, "delivery_delay, product, service, other", c => c.Kind),
        FactField<ComplaintFact>.OfText("order", Subject.Complaints, "the order complained about", c => c.Order),
        FactField<ComplaintFact>.OfBool("order_risk_flagged", Subject.Complaints, "the complaint's order is flagged as risk data (order.risk_flagged)", c => c.OrderRiskFlaggedAt is not null),
    ]);

    public static readonly FrozenDictionary<string, FactField<RefundFact>> Refunds = Index(
    [
        FactField<RefundFact>.OfInstant("requested_at", Subject.Refunds, "when the buyer asked (a spontaneous refund: when it was issued)", r => r.RequestedAt),
        FactField<RefundFact>.OfText("kind", Subject.Refunds, "refund_only, return_and_refund, spontaneous", r => r.Kind),
        FactField<RefundFact>.OfText("order", Subject.Refunds, "the order refunded", r => r.Order),
        FactField<RefundFact>.OfText("reason", Subject.Refunds, "a spontaneous refund's reason: non_conforming, price_match, other", r => r.Reason),
        FactField<RefundFact>.OfInstant("first_seller_action_at", Subject.Refunds, "the seller's first action (approve or reject)", r => r.FirstSellerActionAt),
        FactField<RefundFact>.OfText("first_seller_action", Subject.Refunds, "approve or reject: the seller's first action", r => r.FirstSellerAction),
        FactField<RefundFact>.OfInstant("return_received_at", Subject.Refunds, "the seller signed for the returned goods", r => r.ReturnReceivedAt),
        FactField<RefundFact>.OfInstant("return_first_action_at", Subject.Refunds, "first seller action or completion at or after the return was received", r => r.ReturnFirstActionAt),
        FactField<RefundFact>.OfInstant("completed_at", Subject.Refunds, "the first completion (refunded or closed)", r => r.CompletedAt),
        FactField<RefundFact>.OfText("outcome", Subject.Refunds, "refunded or closed", r => r.Outcome),
        FactField<RefundFact>.OfNumber("buyer_hours", Subject.Refunds, "the buyer's own steps (start → end), summed, in hours", r => r.BuyerHours),
        FactField<RefundFact>.OfBool("order_risk_flagged", Subject.Refunds, "the refund's order is flagged as risk data (order.risk_flagged)", r => r.OrderRiskFlaggedAt is not null),
        FactField<RefundFact>.OfInstant("completed_at_minus_buyer_time", Subject.Refunds, "completion minus the buyer's own time (from the request to it is the seller's time)", r => r.CompletedAtMinusBuyerTime),
        FactField<RefundFact>.OfText("order_case_outcome", Subject.Refunds,
            "how the disputes on the refund's order were ruled, as known at as-of: seller_liable when any closed case on it was, else the last closed case's outcome (buyer, no_fault, withdrawn); unset when none was closed",
            r => r.OrderCaseOutcome),
    ]);

    public static readonly FrozenDictionary<string, FactField<ConversationFact>> Conversations = Index(
    [
        FactField<ConversationFact>.OfInstant("started_at", Subject.Conversations, "the first message", c => c.StartedAt),
        FactField<ConversationFact>.OfInstant("first_buyer_at", Subject.Conversations, "the first buyer message", c => c.FirstBuyerAt),
        FactField<ConversationFact>.OfInstant("first_reply_at", Subject.Conversations, "the first agent or bot message after the first buyer message", c => c.FirstReplyAt),
        FactField<ConversationFact>.OfInstant("first_agent_reply_at", Subject.Conversations, "the first agent message after the first buyer message", c => c.FirstAgentReplyAt),
        FactField<ConversationFact>.OfInstant("transferred_at", Subject.Conversations, "the first buyer message asking for a human (human_requested)", c => c.TransferredAt),
        FactField<ConversationFact>.OfInstant("first_human_reply_after_transfer_at", Subject.Conversations, "the first agent message after the transfer", c => c.FirstHumanReplyAfterTransferAt),
        FactField<ConversationFact>.OfBool("human", Subject.Conversations, "an agent (a human) wrote in the conversation", c => c.Human),
        FactField<ConversationFact>.OfText("agent", Subject.Conversations, "the first agent who answered", c => c.Agent),
        FactField<ConversationFact>.OfText("buyer", Subject.Conversations, "the buyer", c => c.Buyer),
        FactField<ConversationFact>.OfInstant("rated_at", Subject.Conversations, "when the rating in force was given (the latest chat.rated)", c => c.RatedAt),
        FactField<ConversationFact>.OfNumber("stars", Subject.Conversations, "the rating's stars (1–5), if given", c => c.Stars),
        FactField<ConversationFact>.OfText("rating", Subject.Conversations, "satisfied, neutral, disappointed (from stars: 5–4, 3, 1–2)", c => c.Rating),
        FactField<ConversationFact>.OfText("rating_reason", Subject.Conversations, "the reason given with the rating (e.g. bad_attitude)", c => c.RatingReason),
    ]);

    public static readonly FrozenDictionary<string, FactField<MessageFact>> Messages = Index(
    [
        FactField<MessageFact>.OfInstant("at", Subject.Messages, "when the buyer sent the message", m => m.At),
        FactField<MessageFact>.OfText("conversation", Subject.Messages, "the conversation", m => m.Conversation),
        FactField<MessageFact>.OfText("agent", Subject.Messages, "the agent who answered it (else the conversation's agent)", m => m.Agent),
        FactField<MessageFact>.OfText("buyer", Subject.Messages, "the buyer", m => m.Buyer),
        FactField<MessageFact>.OfBool("human_session", Subject.Messages, "the conversation has an agent message", m => m.HumanSession),
        FactField<MessageFact>.OfBool("for_human", Subject.Messages, "sent at or after the transfer to a human (answered or not), or in a never-transferred session an agent wrote in", m => m.ForHuman),
        FactField<MessageFact>.OfInstant("reply_at", Subject.Messages, "the next agent message after it in the conversation", m => m.ReplyAt),
        FactField<MessageFact>.OfInstant("bot_reply_at", Subject.Messages, "the next bot message after it in the conversation", m => m.BotReplyAt),
    ]);

    public static readonly FrozenDictionary<string, FactField<ConsultationFact>> Consultations = Index(
    [
        FactField<ConsultationFact>.OfInstant("at", Subject.Consultations, "the buyer's first message that local day sent 08:00–24:00", c => c.At),
        FactField<ConsultationFact>.OfInstant("reply_at", Subject.Consultations, "the first agent or bot answer after it", c => c.ReplyAt),
        FactField<ConsultationFact>.OfText("buyer", Subject.Consultations, "the buyer", c => c.Buyer),
        FactField<ConsultationFact>.OfText("conversation", Subject.Consultations, "the conversation of that first message", c => c.Conversation),
        FactField<ConsultationFact>.OfInstant("wait_at", Subject.Consultations,
            "start of the day's deciding wait (a buyer message 08:00–24:00 with no answer since the buyer's last answered one, across their conversations): the first answered after more than 3 minutes, else the one still unanswered, else the longest",
            c => c.WaitAt),
        FactField<ConsultationFact>.OfInstant("wait_reply_at", Subject.Consultations, "the agent or bot message that ended that wait (unset while unanswered)", c => c.WaitReplyAt),
        FactField<ConsultationFact>.OfNumber("waits", Subject.Consultations, "how many waits the buyer had that day", c => c.Waits),
    ]);

    public static readonly FrozenDictionary<string, FactField<AgentMessageFact>> AgentMessages = Index(
    [
        FactField<AgentMessageFact>.OfInstant("at", Subject.AgentMessages, "when the agent sent the message", m => m.At),
        FactField<AgentMessageFact>.OfText("conversation", Subject.AgentMessages, "the conversation", m => m.Conversation),
        FactField<AgentMessageFact>.OfText("agent", Subject.AgentMessages, "the agent who wrote it", m => m.Agent),
        FactField<AgentMessageFact>.OfText("text", Subject.AgentMessages, "the message text", m => m.Text),
    ]);

    /// <summary>Looks a field up by subject and name; null when the policy names a field that does not exist.</summary>
    public static IFactField? Find(Subject subject, string name) => subject switch
    {
        Subject.Orders => Orders.GetValueOrDefault(name),
        Subject.Reviews => Reviews.GetValueOrDefault(name),
        Subject.Cases => Cases.GetValueOrDefault(name),
        Subject.Complaints => Complaints.GetValueOrDefault(name),
        Subject.Refunds => Refunds.GetValueOrDefault(name),
        Subject.Conversations => Conversations.GetValueOrDefault(name),
        Subject.Messages => Messages.GetValueOrDefault(name),
        Subject.Consultations => Consultations.GetValueOrDefault(name),
        Subject.AgentMessages => AgentMessages.GetValueOrDefault(name),
        _ => null,
    };

    public static IEnumerable<IFactField> All(Subject subject) => subject switch
    {
        Subject.Orders => Orders.Values,
        Subject.Reviews => Reviews.Values,
        Subject.Cases => Cases.Values,
        Subject.Complaints => Complaints.Values,
        Subject.Refunds => Refunds.Values,
        Subject.Conversations => Conversations.Values,
        Subject.Messages => Messages.Values,
        Subject.Consultations => Consultations.Values,
        Subject.AgentMessages => AgentMessages.Values,
        _ => [],
    };

    /// <summary>The subject as policies name it (<c>subject: agent_messages</c>).</summary>
    public static string SubjectName(Subject subject) => subject switch
    {
        Subject.AgentMessages => "agent_messages",
        _ => subject.ToString().ToLowerInvariant(),
    };

    private static FrozenDictionary<string, FactField<T>> Index<T>(FactField<T>[] fields) =>
        fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
}
