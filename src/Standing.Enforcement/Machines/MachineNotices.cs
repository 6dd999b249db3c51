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
    /// <param name="textKind">The pack's text to write it from when it is not the notice's kind (a variant, such as a warning whose ODR could not be measured).</param>
    public static void Notify(MachineInput input, CaseBook book, EnforcementCase c, string kind, string audience,
        string title, IReadOnlyList<string> lines, IReadOnlyList<MetricSnapshot> snapshot, Values values,
        IReadOnlyList<string>? items = null, string? textKind = null)
    {
        if (input.Policy.Notices.FirstOrDefault(n => n.Kind == (textKind ?? kind)) is not { } text)
        {
            book.Notify(c, kind, audience, title, lines, snapshot, items);
            return;
        }
        var language = NoticeText.LanguageFor(text.Title, audience, input.Facts?.Language);
        var filled = values.For(input, c, language);
        var lists = values.Lists?.Invoke(language);
        var written = text.Title.TryGetValue(language, out var t) ? t : text.Title[NoticeText.English];
        var body = text.Lines.TryGetValue(language, out var l) ? l : text.Lines.GetValueOrDefault(NoticeText.English, []);
        book.Notify(c, kind, audience, NoticeText.Fill(written, filled), body.SelectMany(x => Expand(x, filled, lists)).ToList(), snapshot, items);
    }

    /// <summary>
    /// A pack text used as a phrase inside a notice (a defective order's line, a reinstatement condition): the
    /// title of its kind in the language, else in English, filled; null when the pack has no text of that kind.
    /// </summary>
    public static string? Phrase(Policy policy, string kind, string language, IReadOnlyDictionary<string, string> values) =>
        policy.Notices.FirstOrDefault(n => n.Kind == kind) is { } text
            ? NoticeText.Fill(text.Title.TryGetValue(language, out var t) ? t : text.Title[NoticeText.English], values)
            : null;

    /// <summary>A line that is only a list's placeholder (<c>{summary}</c>) becomes the list's lines, none when it is empty.</summary>
    private static IEnumerable<string> Expand(string line, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, IReadOnlyList<string>>? lists) =>
        lists is not null && line.Length > 2 && line[0] == '{' && line[^1] == '}' && lists.TryGetValue(line[1..^1], out var list)
            ? list
            : [NoticeText.Fill(line, values)];

    /// <summary>
    /// What a machine knows for its notice: the outcome's reason (in English; another language states the
    /// <c>Outcome</c>'s rule from the evaluation, <see cref="ReasonText"/>), the metric it turned on, the assessment
    /// period; a machine's own values (<c>More</c>) and lists (<c>Lists</c>), written for the notice's language.
    /// </summary>
    public sealed record Values(string Reason, MetricResult? Metric = null, string? Period = null,
        Func<string, IReadOnlyDictionary<string, string>>? More = null,
        Func<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? Lists = null, string? Outcome = null)
    {
        public Dictionary<string, string> For(MachineInput input, EnforcementCase c, string language)
        {
            var values = Common(input.Policy, c, language);
            values["reason"] = ReasonText.In(input.Policy, input.Evaluation, Outcome, language, Reason);
            foreach (var (key, value) in More?.Invoke(language) ?? new Dictionary<string, string>()) values[key] = value;
            return values;
        }

        private Dictionary<string, string> Common(Policy policy, EnforcementCase c, string language) => new(StringComparer.Ordinal)
        {
            ["seller"] = c.Seller,
            ["policy"] = policy.Id,
            ["policy_name"] = policy.NameIn(language),
            ["case"] = c.Id,
            ["reason"] = Reason,
            ["metric"] = Metric?.Id ?? "",
            ["metric_title"] = Metric?.Definition.TitleIn(language) ?? "",
            ["value"] = Metric?.Value is { } v ? NoticeWords.Value(language, v, Metric.Definition.Kind) : NoticeWords.NotEnough(language),
            ["threshold"] = Metric?.Definition.Standard is { } s ? NoticeWords.Value(language, s.Threshold, Metric.Definition.Kind) : NoticeWords.None(language),
            ["period"] = Period is null ? "" : Text.PeriodDates(Period, policy.Zone),
        };
    }
}
