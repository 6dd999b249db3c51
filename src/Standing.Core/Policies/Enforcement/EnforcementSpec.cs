namespace Standing.Core.Policies.Enforcement;

/// <summary>
/// A policy's <c>enforcement</c> section: what each rule outcome does to a seller, as data next to the
/// metrics (docs/enforcement.md). A small typed vocabulary, no expressions: the case each outcome opens,
/// when it may open again, its deadline and re-checks, what clears it, its escalation, the decisions a
/// person may record on it and the notices each transition sends; and the periodic reports it sends.
/// </summary>
public sealed record EnforcementSpec(IReadOnlyList<CaseRule> Cases)
{
    public IReadOnlyList<ReportRule> Reports { get; init; } = [];

    public CaseRule? Rule(string kind) => Cases.FirstOrDefault(c => c.Kind == kind);
}
