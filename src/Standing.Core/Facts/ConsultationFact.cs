using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// One buyer's consultation on one local natural day (id <c>buyer|yyyy-MM-dd</c>): only buyer messages
/// sent from the day's start (08:00 unless the metric sets <c>consultation_hours</c>) to 24:00 local time count; the day's first such message dates the consultation, and the
/// day's waits for an answer (see <see cref="Consultations"/>) say whether the buyer was answered in time.
/// </summary>
public sealed class ConsultationFact
{
    /// <summary>When a consultation day starts unless a metric says otherwise: Kuaishou's 08:00–24:00.</summary>
    public static readonly LocalTime DefaultDayStart = new(8, 0);

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

    /// <summary>
    /// The start of the wait that decides the day: the first wait answered more than 3 minutes after it
    /// started; else the wait still unanswered at the as-of (late or pending, by the time gone); else the
    /// longest wait (all answered within 3 minutes).
    /// </summary>
    public Instant WaitAt { get; internal init; }
    /// <summary>The agent or bot message that ended that wait; null while it is unanswered.</summary>
    public Instant? WaitReplyAt { get; internal init; }
    /// <summary>How many waits the buyer had that day.</summary>
    public int Waits { get; internal init; }
}
