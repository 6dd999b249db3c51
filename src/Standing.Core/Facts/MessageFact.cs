using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One buyer message (id = its event id) and the answers that followed it in its conversation.</summary>
public sealed class MessageFact
{
    internal MessageFact(string seller, string message)
    {
        Seller = seller;
        Message = message;
    }

    public string Seller { get; }
    public string Message { get; }
    public Instant At { get; internal set; }
    public string Conversation { get; internal set; } = "";
    /// <summary>The agent who answered it (the next agent message), else the conversation's agent.</summary>
    public string? Agent { get; internal set; }
    public string? Buyer { get; internal set; }
    /// <summary>The conversation has an agent message.</summary>
    public bool HumanSession { get; internal set; }
    /// <summary>
    /// The message was for a human to answer: it came at or after the transfer to a human, answered or not
    /// (a transferred buyer left waiting is the failure the reply rate measures), or the session was never
    /// transferred and an agent wrote in it.
    /// </summary>
    public bool ForHuman { get; internal set; }
    /// <summary>The next agent message after it in the conversation.</summary>
    public Instant? ReplyAt { get; internal set; }
    /// <summary>The next bot message after it in the conversation.</summary>
    public Instant? BotReplyAt { get; internal set; }
}
