using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One message an agent (a human) wrote to a buyer (id = its event id), for conduct checks.</summary>
public sealed class AgentMessageFact
{
    internal AgentMessageFact(string seller, string message, Instant at, string conversation, string? agent, string? text)
    {
        Seller = seller;
        Message = message;
        At = at;
        Conversation = conversation;
        Agent = agent;
        Text = text;
    }

    public string Seller { get; }
    public string Message { get; }
    public Instant At { get; }
    public string Conversation { get; }
    public string? Agent { get; }
    public string? Text { get; }
}
