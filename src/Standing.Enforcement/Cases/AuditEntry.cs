using NodaTime;

namespace Standing.Enforcement.Cases;

/// <summary>
/// One transition of a case, appended and never changed: when, who (a person, or the rule of a
/// policy), what (from → to), why in words, and the metric values that justified it.
/// </summary>
public sealed record AuditEntry
{
    public required string CaseId { get; init; }
    public required string Seller { get; init; }
    /// <summary>1, 2, 3… within the case.</summary>
    public required int Seq { get; init; }
    public required Instant At { get; init; }
    /// <summary><c>rule:POLICY/RULE</c> for the engine, <c>person:NAME</c> for a decision.</summary>
    public required string Actor { get; init; }
    /// <summary>What happened: opened, re-checked, escalated, confirm, fine…</summary>
    public required string Action { get; init; }
    public string? FromState { get; init; }
    public required string ToState { get; init; }
    public required string Reason { get; init; }
    public IReadOnlyList<MetricSnapshot> Snapshot { get; init; } = [];
}
