using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// A C# machine's notice, written from the pack's text for its kind (top-level <c>notices</c>) in the
/// seller's language when the pack has it, else from the machine's own English.
/// </summary>
internal static class MachineNotices
{
    public static void Notify(MachineInput input, CaseBook book, EnforcementCase c, string kind, string audience,
        string title, IReadOnlyList<string> lines, IReadOnlyList<MetricSnapshot> snapshot, Values values)
    {
        if (input.Policy.Notices.FirstOrDefault(n => n.Kind == kind) is not { } text)
        {
            book.Notify(c, kind, audience, title, lines, snapshot);
            return;
        }
        var language = NoticeText.LanguageFor(text.Title, audience, input.Facts?.Language);
        var filled = values.For(input.Policy, c, language);
        var written = text.Title.TryGetValue(language, out var t) ? t : text.Title[NoticeText.English];
        var body = text.Lines.TryGetValue(language, out var l) ? l : text.Lines.GetValueOrDefault(NoticeText.English, []);
        book.Notify(c, kind, audience, NoticeText.Fill(written, filled), body.Select(x => NoticeText.Fill(x, filled)).ToList(), snapshot);
    }

    /// <summary>What a machine knows for its notice: the outcome's reason, the metric it turned on, the assessment period.</summary>
    public sealed record Values(string Reason, MetricResult? Metric = null, string? Period = null)
    {
        public Dictionary<string, string> For(Policy policy, EnforcementCase c, string language) => new(StringComparer.Ordinal)
        {
            ["seller"] = c.Seller,
            ["policy"] = policy.Id,
            ["policy_name"] = policy.Name,
            ["case"] = c.Id,
            ["reason"] = Reason,
            ["metric"] = Metric?.Id ?? "",
            ["metric_title"] = Metric?.Definition.Title ?? "",
            ["value"] = Metric?.Value is { } v ? ValueText.Of(v, Metric.Definition.Kind) : NoticeWords.NotEnough(language),
            ["threshold"] = Metric?.Definition.Standard is { } s ? ValueText.Of(s.Threshold, Metric.Definition.Kind) : NoticeWords.None(language),
            ["period"] = Period ?? "",
        };
    }
}
