namespace Standing.Core.Policies.Enforcement;

/// <summary>
/// The text of a notice a pack's C# machine sends (the policy's top-level <c>notices</c>), by the
/// notice's kind (<c>badge_granted</c>, <c>activity_restriction</c>…): a title and lines per language,
/// English required, filled with <see cref="Placeholders"/>. A machine whose pack has no text for a
/// kind writes its own English.
/// </summary>
public sealed record MachineNotice(
    string Kind,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Lines)
{
    /// <summary>
    /// What a machine fills in: the seller, the policy, the outcome's reason, the metric's value and threshold, the
    /// assessment period; and what only some machines know (Congocrea's ODR and re-evaluation, Prom.ua's dates
    /// and re-check results with the values of each reinstatement condition, Kuaishou's penalty). <c>summary</c>,
    /// <c>defective</c>, <c>guidance</c>, <c>failed</c> and <c>conditions</c> are lists: alone on a line, they
    /// become one line each.
    /// </summary>
    public static readonly IReadOnlyList<string> Placeholders =
        ["seller", "policy", "policy_name", "case", "reason", "metric", "metric_title", "value", "threshold", "period",
         "odr", "period_days", "recheck_date", "change_points", "defective_count", "summary", "defective", "guidance",
         "from_date", "min_days", "penalty", "fine_note",
         "next_recheck_date", "failed", "conditions", "negative_count", "reviews", "new_positive", "rating_before", "rating_now",
         "rating_rise_min", "letter_at", "complaints", "order", "placed_at", "defects", "decision", "note", "fine", "currency", "tier"];
}
