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
        OrderArray = orders as OrderFact[] ?? [.. orders];
        ReviewArray = reviews as ReviewFact[] ?? [.. reviews];
        CaseArray = cases as CaseFact[] ?? [.. cases];
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

    // The same lists as arrays, for loops that run over millions of facts (no interface calls).
    internal OrderFact[] OrderArray { get; }
    internal ReviewFact[] ReviewArray { get; }
    internal CaseFact[] CaseArray { get; }
    internal ComplaintFact[] ComplaintArray { get; init; } = [];
    internal RefundFact[] RefundArray { get; init; } = [];
    internal ConversationFact[] ConversationArray { get; init; } = [];
    internal MessageFact[] MessageArray { get; init; } = [];
    internal AgentMessageFact[] AgentMessageArray { get; init; } = [];

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
    internal SellerFacts WithOrders(OrderFact[] orders) => new(Seller, orders, ReviewArray, CaseArray)
    {
        ComplaintArray = ComplaintArray,
        RefundArray = RefundArray,
        ConversationArray = ConversationArray,
        MessageArray = MessageArray,
        AgentMessageArray = AgentMessageArray,
        Plans = Plans,
        RegisteredAt = RegisteredAt,
        Language = Language,
    };

    private sealed record Derived(DateTimeZone Zone, LocalTime DayStart, Duration ReplyLimit, ConsultationFact[] Facts);
}
