using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// One buyer's consultation on one local natural day (id <c>buyer|yyyy-MM-dd</c>): only buyer messages
/// sent 08:00–24:00 local time count; the day's first such message is the consultation.
/// </summary>
public sealed class ConsultationFact
{
    internal ConsultationFact(string seller, string id, string buyer, Instant at, Instant? replyAt, string conversation)
    {
        Seller = seller;
        Id = id;
        Buyer = buyer;
        At = at;
        ReplyAt = replyAt;
        Conversation = conversation;
    }

    public string Seller { get; }
    public string Id { get; }
    public string Buyer { get; }
    /// <summary>The day's first buyer message sent 08:00–24:00.</summary>
    public Instant At { get; }
    /// <summary>The first agent or bot answer after that message in its conversation.</summary>
    public Instant? ReplyAt { get; }
    public string Conversation { get; }
}
