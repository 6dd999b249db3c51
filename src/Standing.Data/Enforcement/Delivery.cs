using NodaTime;

namespace Standing.Data.Enforcement;

/// <summary>
/// Where a notice stands with one sink: attempts made, when delivered, the last error; when the sink
/// refused it for good (<see cref="FailedAt"/>, a dead letter: its answer is the last error), and the
/// earliest time of the next attempt a <c>Retry-After</c> asked for.
/// </summary>
public sealed record Delivery(string Seller, string NoticeId, string Sink, int Attempts, Instant? DeliveredAt, Instant LastAttemptAt, string? LastError)
{
    public Instant? FailedAt { get; init; }

    public Instant? NextAttemptAt { get; init; }

    /// <summary>delivered, failed (a dead letter, until <c>outbox retry</c>) or pending.</summary>
    public string State => DeliveredAt is not null ? "delivered" : FailedAt is not null ? "failed" : "pending";
}
