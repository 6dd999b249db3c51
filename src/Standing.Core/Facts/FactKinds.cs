namespace Standing.Core.Facts;

/// <summary>
/// The lists of a seller's facts (<see cref="SellerFacts"/>) a reader needs: stored facts can be decoded with only
/// these (<see cref="FactSnapshot.Read(byte[], FactKinds)"/>), which costs a policy that reads orders alone no
/// reviews, chats or refunds. The seller's own fields (registration, language, improvement letters) always come.
/// </summary>
[Flags]
public enum FactKinds
{
    None = 0,
    Orders = 1 << 0,
    Reviews = 1 << 1,
    Cases = 1 << 2,
    Complaints = 1 << 3,
    Refunds = 1 << 4,
    Conversations = 1 << 5,
    Messages = 1 << 6,
    AgentMessages = 1 << 7,
    All = Orders | Reviews | Cases | Complaints | Refunds | Conversations | Messages | AgentMessages,
}

public static class FactKindsOf
{
    /// <summary>The list a policy's <paramref name="subject"/> is measured from (consultations are derived from the conversations).</summary>
    public static FactKinds Subject(Subject subject) => subject switch
    {
        Facts.Subject.Orders => FactKinds.Orders,
        Facts.Subject.Reviews => FactKinds.Reviews,
        Facts.Subject.Cases => FactKinds.Cases,
        Facts.Subject.Complaints => FactKinds.Complaints,
        Facts.Subject.Refunds => FactKinds.Refunds,
        Facts.Subject.Conversations or Facts.Subject.Consultations => FactKinds.Conversations,
        Facts.Subject.Messages => FactKinds.Messages,
        Facts.Subject.AgentMessages => FactKinds.AgentMessages,
        _ => FactKinds.All, // a subject added later: read everything rather than answer from nothing
    };
}
