using NodaTime;

namespace Standing.Data.Enforcement;

/// <summary>A notice as the outbox holds it: its envelope and its JSON body, sent as it is.</summary>
public sealed record StoredNotice(string Seller, string Id, string CaseId, string Policy, string Kind, string Audience, Instant At, string Body);

/// <summary>Where a notice stands with one sink: attempts made, when delivered, the last error.</summary>
public sealed record Delivery(string Seller, string NoticeId, string Sink, int Attempts, Instant? DeliveredAt, Instant LastAttemptAt, string? LastError);
