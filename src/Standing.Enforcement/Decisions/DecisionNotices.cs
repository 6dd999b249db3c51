using Standing.Core.Policies;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement.Decisions;

/// <summary>
/// The notice a person's decision on a C# machine's case sends the seller: from the pack's text of its kind (the
/// top-level <c>notices</c>) in the language the case recorded when it opened, else the machine's own English.
/// </summary>
internal static class DecisionNotices
{
    /// <param name="textKind">The pack's text to write it from (<c>suspension</c>, <c>fine</c>…).</param>
    /// <param name="more">What only this decision knows (a fine's amount…), written for the notice's language.</param>
    public static void Tell(CaseBook book, EnforcementCase c, Policy? policy, string kind, string textKind, Decision decision, string note,
        string title, IReadOnlyList<string> lines, Func<string, IReadOnlyDictionary<string, string>>? more = null)
    {
        if (policy?.Notices.FirstOrDefault(n => n.Kind == textKind) is not { } text)
        {
            book.Notify(c, kind, "seller", title, lines);
            return;
        }
        var language = NoticeText.LanguageFor(text.Title, "seller", c.Get(CaseRules.LanguageKey));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seller"] = c.Seller,
            ["policy"] = policy.Id,
            ["policy_name"] = policy.NameIn(language),
            ["case"] = c.Id,
            ["decision"] = NoticeWords.Decision(language, decision),
            ["note"] = note,
        };
        foreach (var (key, value) in more?.Invoke(language) ?? new Dictionary<string, string>()) values[key] = value;
        var written = text.Title.TryGetValue(language, out var t) ? t : text.Title[NoticeText.English];
        var body = text.Lines.TryGetValue(language, out var l) ? l : text.Lines.GetValueOrDefault(NoticeText.English, []);
        book.Notify(c, kind, "seller", NoticeText.Fill(written, values), body.Select(x => NoticeText.Fill(x, values)).ToList());
    }
}
