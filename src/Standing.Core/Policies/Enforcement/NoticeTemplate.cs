namespace Standing.Core.Policies.Enforcement;

/// <summary>
/// A notice a transition sends, to the seller or the operator: a title and lines per language (English
/// required, e.g. <c>en</c>, <c>pl</c>, <c>zh</c>), with <c>{placeholder}</c>s filled from the
/// evaluation (<see cref="NoticePlaceholders"/>).
/// </summary>
public sealed record NoticeTemplate(
    CaseTransition On,
    string To,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Lines);

/// <summary>The transitions of a policy-written case a notice can be sent on.</summary>
public enum CaseTransition
{
    Opened,
    Rechecked,
    Cleared,
    Escalated,
    Decided,
}

/// <summary>The placeholders a notice template may name; any other is a validation error.</summary>
public static class NoticePlaceholders
{
    public static readonly IReadOnlyList<string> Known =
    [
        "seller", "policy", "policy_name", "case", "kind", "outcome", "reason",
        "metric", "metric_title", "value", "threshold", "numerator", "denominator", "window_start", "window_end",
        "item", "items", "item_count", "recheck_date", "due_date", "guidance", "decision", "note",
    ];

    public static readonly IReadOnlyList<string> Audiences = ["seller", "operator"];
}
