using System.Text.RegularExpressions;
using Standing.Core.Policies.Enforcement;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Renders a policy's notice template in a language: the seller's when the template has it, else
/// English. Placeholders are filled from the values given; the loader has already refused unknown ones.
/// </summary>
public static partial class NoticeText
{
    public const string English = "en";

    public static (string Title, IReadOnlyList<string> Lines) Render(NoticeTemplate template, string? language, IReadOnlyDictionary<string, string> values)
    {
        var lang = language is not null && template.Title.ContainsKey(language) ? language : English;
        var title = Fill(template.Title[lang], values);
        var lines = template.Lines.TryGetValue(lang, out var l) ? l : template.Lines.GetValueOrDefault(English, []);
        return (title, lines.Select(x => Fill(x, values)).ToList());
    }

    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "—");

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
