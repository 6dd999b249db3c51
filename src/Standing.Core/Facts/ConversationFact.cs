using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// One buyer conversation (chat.message and chat.rated) as it stands at the as-of instant. Built from
/// its events in their total order (<see cref="EventRun"/>): "after" means later in that order.
/// </summary>
public sealed class ConversationFact
{
    internal ConversationFact(string seller, string conversation)
    {
        Seller = seller;
        Conversation = conversation;
    }

    public string Seller { get; }
    public string Conversation { get; }
    /// <summary>The first message, from anyone.</summary>
    public Instant? StartedAt { get; internal set; }
    public Instant? FirstBuyerAt { get; internal set; }
    /// <summary>The first agent or bot message after the first buyer message.</summary>
    public Instant? FirstReplyAt { get; internal set; }
    /// <summary>The first agent (human) message after the first buyer message.</summary>
    public Instant? FirstAgentReplyAt { get; internal set; }
    /// <summary>The first buyer message that asked for a human (human_requested = true).</summary>
    public Instant? TransferredAt { get; internal set; }
    public Instant? FirstHumanReplyAfterTransferAt { get; internal set; }
    /// <summary>An agent (a human) wrote in the conversation.</summary>
    public bool Human { get; internal set; }
    /// <summary>The first agent who answered (the agent of the first agent message that names one).</summary>
    public string? Agent { get; internal set; }
    public string? Buyer { get; internal set; }
    /// <summary>The rating in force: the latest chat.rated.</summary>
    public Instant? RatedAt { get; internal set; }
    public int? Stars { get; internal set; }
    /// <summary>satisfied, neutral or disappointed; from the stars (5–4, 3, 1–2) when only stars were given.</summary>
    public string? Rating { get; internal set; }
    public string? RatingReason { get; internal set; }

    /// <summary>The conversation's messages in order (for scorecards and conduct checks).</summary>
    public IReadOnlyList<ChatLine> Lines { get; internal set; } = [];
}

/// <summary>One message of a conversation: who wrote it, when, and what it said.</summary>
public sealed record ChatLine(string Id, Instant At, string From, string? Agent, string? Buyer, bool HumanRequested, string? Text, string? Order);
