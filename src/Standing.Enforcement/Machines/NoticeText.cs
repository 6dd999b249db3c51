using System.Text.RegularExpressions;
using Standing.Core.Events;
using Standing.Core.Policies.Enforcement;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Renders a policy's notice template in a language: the seller's when the template has it (matched on
/// the tag's primary language: <c>zh-CN</c> takes the <c>zh</c> text), else English; a notice to the
/// operator is always in English. Placeholders are filled from the values given; the loader has already
/// refused unknown ones.
/// </summary>
public static partial class NoticeText
{
    public const string English = "en";

    /// <summary>The template language a notice to <paramref name="audience"/> is written in for a seller speaking <paramref name="sellerLanguage"/>.</summary>
    public static string LanguageFor(IReadOnlyDictionary<string, string> titles, string audience, string? sellerLanguage)
    {
        if (audience != "seller" || sellerLanguage is null) return English;
        var primary = LanguageTag.Primary(sellerLanguage);
        return titles.ContainsKey(primary) ? primary : English;
    }

    public static string LanguageFor(NoticeTemplate template, string? sellerLanguage) => LanguageFor(template.Title, template.To, sellerLanguage);

    /// <summary>The template's title and lines in <paramref name="language"/> (one of <see cref="LanguageFor(NoticeTemplate, string?)"/>).</summary>
    public static (string Title, IReadOnlyList<string> Lines) Render(NoticeTemplate template, string language, IReadOnlyDictionary<string, string> values)
    {
        var lang = template.Title.ContainsKey(language) ? language : English;
        var title = Fill(template.Title[lang], values);
        var lines = template.Lines.TryGetValue(lang, out var l) ? l : template.Lines.GetValueOrDefault(English, []);
        return (title, lines.Select(x => Fill(x, values)).ToList());
    }

    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "—");

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
