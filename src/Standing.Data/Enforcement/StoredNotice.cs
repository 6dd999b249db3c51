using NodaTime;

namespace Standing.Data.Enforcement;

/// <summary>A notice as the outbox holds it: its envelope and its JSON body, sent as it is.</summary>
public sealed record StoredNotice(string Seller, string Id, string CaseId, string Policy, string Kind, string Audience, Instant At, string Body);
