using NodaTime;

namespace Standing.Enforcement.Cases;

/// <summary>
/// A notification a standard implies (a warning with its summary, an exclusion, a re-check result…),
/// written once to the outbox. Its id is the idempotency key: the case and the audit entry that caused it.
/// </summary>
public sealed record Notice
{
    public required string Id { get; init; }
    public required string Seller { get; init; }
    public required string Policy { get; init; }
    public required string CaseId { get; init; }
    /// <summary>warning, catalog_exclusion, recheck_result, reinstatement, activity_restriction, fine…</summary>
    public required string Kind { get; init; }
    /// <summary>seller or operator.</summary>
    public required string Audience { get; init; }
    public required Instant At { get; init; }
    public required string Title { get; init; }
    /// <summary>The text, one paragraph or list item a line.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
    public IReadOnlyList<MetricSnapshot> Metrics { get; init; } = [];
    /// <summary>Items (orders, reviews…) the notice refers to, e.g. the defective orders of a warning.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];
}
