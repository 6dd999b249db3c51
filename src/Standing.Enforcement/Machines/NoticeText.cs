using System.Text;
using Standing.Core.Events;
using Standing.Core.Policies.Enforcement;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Renders a policy's notice template in a language: the seller's when the template has it (matched on
/// the tag's primary language: <c>zh-CN</c> takes the <c>zh</c> text), else English; a notice to the
/// operator is always in English. Placeholders are filled from the values given; the loader has already
/// refused unknown ones.
/// </summary>
public static class NoticeText
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

    /// <summary>
    /// Each <c>{name}</c> (a name of <c>a</c>–<c>z</c> and <c>_</c>) replaced by its value, or by "—" when none is given; any
    /// other brace is kept. Scanned by hand rather than by a regular expression: a month's report fills a line per metric
    /// for every seller, and the expression's replacement was a third of that report's time.
    /// </summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var open = text.IndexOf('{', StringComparison.Ordinal);
        if (open < 0) return text;
        var filled = new StringBuilder(text.Length + 64);
        var copied = 0;
        while (open >= 0)
        {
            var end = open + 1;
            while (end < text.Length && IsNameChar(text[end])) end++;
            if (end > open + 1 && end < text.Length && text[end] == '}')
            {
                filled.Append(text, copied, open - copied);
                filled.Append(values.TryGetValue(text.Substring(open + 1, end - open - 1), out var value) ? value : "—");
                copied = end + 1;
                open = text.IndexOf('{', copied);
            }
            else
            {
                // Not a placeholder: the brace stays, and the next one may open one ("{{seller}" fills its second).
                open = text.IndexOf('{', open + 1);
            }
        }
        filled.Append(text, copied, text.Length - copied);
        return filled.ToString();
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or '_';
}
