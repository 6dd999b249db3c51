using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// All facts of one seller. Each list holds every fact once, in no particular order (the fold keeps
/// the order ids were first seen, which depends on arrival order): whatever shows facts or their
/// ids to people orders them itself, by id.
/// </summary>
public sealed class SellerFacts
{
    private Derived? _consultations;

    public SellerFacts(string seller, IReadOnlyList<OrderFact> orders, IReadOnlyList<ReviewFact> reviews, IReadOnlyList<CaseFact> cases)
    {
        Seller = seller;
        _orders = orders as OrderFact[] ?? [.. orders];
        _reviews = reviews as ReviewFact[] ?? [.. reviews];
        _cases = cases as CaseFact[] ?? [.. cases];
    }

    public string Seller { get; }
    public IReadOnlyList<OrderFact> Orders => OrderArray;
    public IReadOnlyList<ReviewFact> Reviews => ReviewArray;
    public IReadOnlyList<CaseFact> Cases => CaseArray;
    public IReadOnlyList<ComplaintFact> Complaints => ComplaintArray;
    public IReadOnlyList<RefundFact> Refunds => RefundArray;
    public IReadOnlyList<ConversationFact> Conversations => ConversationArray;
    /// <summary>One per buyer message.</summary>
    public IReadOnlyList<MessageFact> Messages => MessageArray;
    /// <summary>One per agent message.</summary>
    public IReadOnlyList<AgentMessageFact> AgentMessages => AgentMessageArray;
    /// <summary>The improvement letters the seller sent, in time order.</summary>
    public IReadOnlyList<SellerPlan> Plans { get; internal init; } = [];
    /// <summary>The first seller.registered, if any.</summary>
    public Instant? RegisteredAt { get; internal init; }
    /// <summary>The seller's language (BCP 47) from its latest seller.registered that carries one; null: English.</summary>
    public string? Language { get; internal init; }

    /// <summary>
    /// The lists these facts hold: every one, unless they were decoded for a reader that needs fewer
    /// (<see cref="FactSnapshot.Read(byte[], FactKinds)"/>). Asking for a list not held throws rather than
    /// answering as if the seller had none of those facts.
    /// </summary>
    public FactKinds Kinds { get; internal init; } = FactKinds.All;

    private readonly OrderFact[] _orders;
    private readonly ReviewFact[] _reviews;
    private readonly CaseFact[] _cases;
    private readonly ComplaintFact[] _complaints = [];
    private readonly RefundFact[] _refunds = [];
    private readonly ConversationFact[] _conversations = [];
    private readonly MessageFact[] _messages = [];
    private readonly AgentMessageFact[] _agentMessages = [];

    // The same lists as arrays, for loops that run over millions of facts (no interface calls).
    internal OrderFact[] OrderArray => Held(FactKinds.Orders, _orders);
    internal ReviewFact[] ReviewArray => Held(FactKinds.Reviews, _reviews);
    internal CaseFact[] CaseArray => Held(FactKinds.Cases, _cases);
    internal ComplaintFact[] ComplaintArray { get => Held(FactKinds.Complaints, _complaints); init => _complaints = value; }
    internal RefundFact[] RefundArray { get => Held(FactKinds.Refunds, _refunds); init => _refunds = value; }
    internal ConversationFact[] ConversationArray { get => Held(FactKinds.Conversations, _conversations); init => _conversations = value; }
    internal MessageFact[] MessageArray { get => Held(FactKinds.Messages, _messages); init => _messages = value; }
    internal AgentMessageFact[] AgentMessageArray { get => Held(FactKinds.AgentMessages, _agentMessages); init => _agentMessages = value; }

    private T[] Held<T>(FactKinds kind, T[] items) => (Kinds & kind) != 0 ? items
        : throw new InvalidOperationException($"the facts of {Seller} were read without their {kind.ToString().ToLowerInvariant()}");

    /// <summary>
    /// The seller's consultations (buyer per local natural day) in <paramref name="zone"/>, counting messages
    /// from <paramref name="dayStart"/> (08:00 by default) to 24:00, each day decided by its first wait
    /// longer than <paramref name="replyLimit"/> (3 minutes by default).
    /// </summary>
    public IReadOnlyList<ConsultationFact> ConsultationsIn(DateTimeZone zone, LocalTime? dayStart = null, Duration? replyLimit = null) =>
        ConsultationArray(zone, dayStart ?? ConsultationFact.DefaultDayStart, replyLimit ?? Consultations.ReplyLimit);

    internal ConsultationFact[] ConsultationArray(DateTimeZone zone, LocalTime dayStart, Duration replyLimit)
    {
        var last = _consultations; // read once: another thread may replace it with another zone's, whole
        if (last is not null && ReferenceEquals(last.Zone, zone) && last.DayStart == dayStart && last.ReplyLimit == replyLimit) return last.Facts;
        var facts = Consultations.Derive(Seller, ConversationArray, zone, dayStart, replyLimit);
        _consultations = new Derived(zone, dayStart, replyLimit, facts);
        return facts;
    }

    /// <summary>
    /// The same facts with <paramref name="orders"/> in place of the orders (an incremental fold's); every
    /// other fact and property is carried over, so one added here must be carried over here too.
    /// </summary>
    internal SellerFacts WithOrders(OrderFact[] orders) => new(Seller, orders, _reviews, _cases)
    {
        ComplaintArray = _complaints,
        RefundArray = _refunds,
        ConversationArray = _conversations,
        MessageArray = _messages,
        AgentMessageArray = _agentMessages,
        Plans = Plans,
        RegisteredAt = RegisteredAt,
        Language = Language,
        Kinds = Kinds | FactKinds.Orders,
    };

    private sealed record Derived(DateTimeZone Zone, LocalTime DayStart, Duration ReplyLimit, ConsultationFact[] Facts);
}
