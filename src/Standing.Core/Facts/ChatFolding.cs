using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Builds one conversation's facts (the conversation, one <see cref="MessageFact"/> per buyer message,
/// one <see cref="AgentMessageFact"/> per agent message) from its events in their total order.
/// </summary>
internal static class ChatFolding
{
    public static ConversationFact Build(string seller, string conversation, List<StandingEvent> events, List<MessageFact> messages, List<AgentMessageFact> agentMessages)
    {
        EventRun.SortDistinct(events);
        var c = new ConversationFact(seller, conversation);
        var lines = new List<ChatLine>();
        StandingEvent? rating = null;
        foreach (var e in events)
        {
            if (e.Type == EventType.ChatRated)
            {
                rating = e; // events are in order: the last one is the rating in force
                continue;
            }
            if (e.Type != EventType.ChatMessage) continue;
            lines.Add(new ChatLine(e.Id, e.At, e.From!, e.Agent, e.Buyer, e.HumanRequested == true, e.Text, e.Order));
            c.StartedAt ??= e.At;
            c.Buyer ??= e.Buyer;
            switch (e.From)
            {
                case "buyer":
                    c.FirstBuyerAt ??= e.At;
                    if (e.HumanRequested == true) c.TransferredAt ??= e.At;
                    break;
                case "agent":
                    c.Human = true;
                    c.Agent ??= e.Agent;
                    if (c.FirstBuyerAt is not null)
                    {
                        c.FirstReplyAt ??= e.At;
                        c.FirstAgentReplyAt ??= e.At;
                    }
                    if (c.TransferredAt is not null) c.FirstHumanReplyAfterTransferAt ??= e.At;
                    agentMessages.Add(new AgentMessageFact(seller, e.Id, e.At, conversation, e.Agent, e.Text));
                    break;
                default:
                    if (c.FirstBuyerAt is not null) c.FirstReplyAt ??= e.At;
                    break;
            }
        }
        c.Lines = lines;
        if (rating is not null)
        {
            c.RatedAt = rating.At;
            c.Stars = rating.Stars;
            c.Rating = rating.Rating ?? RatingOf(rating.Stars);
            c.RatingReason = rating.Reason;
        }
        AddMessages(c, lines, messages);
        return c;
    }

    /// <summary>Stars to the three-way rating when only stars were given: 5–4 satisfied, 3 neutral, 1–2 disappointed.</summary>
    public static string? RatingOf(int? stars) => stars switch
    {
        null => null,
        >= 4 => "satisfied",
        3 => "neutral",
        _ => "disappointed",
    };

    /// <summary>One fact per buyer message, with the next agent and bot message after it (found walking backwards).</summary>
    private static void AddMessages(ConversationFact c, List<ChatLine> lines, List<MessageFact> messages)
    {
        ChatLine? nextAgent = null, nextBot = null;
        var start = messages.Count;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            switch (line.From)
            {
                case "agent":
                    nextAgent = line;
                    break;
                case "bot":
                    nextBot = line;
                    break;
                default:
                    messages.Add(new MessageFact(c.Seller, line.Id)
                    {
                        At = line.At,
                        Conversation = c.Conversation,
                        Agent = nextAgent?.Agent ?? c.Agent,
                        Buyer = line.Buyer ?? c.Buyer,
                        HumanSession = c.Human,
                        ForHuman = c.TransferredAt is { } t ? line.At >= t : c.Human,
                        ReplyAt = nextAgent?.At,
                        BotReplyAt = nextBot?.At,
                    });
                    break;
            }
        }
        messages.Reverse(start, messages.Count - start);
    }
}
