using NodaTime;

namespace Standing.Data.Enforcement;

/// <summary>Where a notice stands with one sink: attempts made, when delivered, the last error.</summary>
public sealed record Delivery(string Seller, string NoticeId, string Sink, int Attempts, Instant? DeliveredAt, Instant LastAttemptAt, string? LastError);
