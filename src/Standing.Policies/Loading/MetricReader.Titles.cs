using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// A metric's title: a text (English), or one text per language (<c>{ en: …, pl: … }</c>, English
/// required), so a notice written in the seller's language names the metric in it too.
/// </summary>
internal sealed partial class MetricReader
{
    private const string TitleLanguage = "en";

    private Dictionary<string, string> ReadTitles(YamlMappingNode map, string what)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (YamlCursor.Get(map, "title"))
        {
            case null:
                break;
            case YamlMappingNode perLanguage:
                foreach (var (key, value) in perLanguage.Children)
                {
                    var language = (key as YamlScalarNode)?.Value ?? "";
                    if (!LanguageCode().IsMatch(language))
                        cursor.Error(key, $"\"{language}\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)");
                    else if (value is YamlScalarNode { Value: { Length: > 0 } text })
                        titles[language] = text;
                    else
                        cursor.Error(value, $"the {language} title of {what} must be a non-empty text");
                }
                if (!titles.ContainsKey(TitleLanguage) && !perLanguage.Children.Keys.Any(k => (k as YamlScalarNode)?.Value == TitleLanguage))
                    cursor.Error(perLanguage, $"the title of {what} needs its English text (\"en\"), the language of sellers without one");
                break;
            default:
                if (cursor.Text(map, "title", false, what) is { } english) titles[TitleLanguage] = english;
                break;
        }
        return titles;
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();
}
