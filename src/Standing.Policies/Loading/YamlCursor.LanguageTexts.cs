using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// A text a seller reads in their language (a metric's title, the policy's name): one text (English), or
/// one text per language (<c>{ en: …, pl: … }</c>, English required: the language of sellers without one).
/// </summary>
internal sealed partial class YamlCursor
{
    public const string EnglishCode = "en";

    /// <summary>The texts of <paramref name="key"/> by language code (empty when absent); <paramref name="noun"/> names it in errors ("the pl title of …").</summary>
    public Dictionary<string, string> LanguageTexts(YamlMappingNode map, string key, string noun, string what)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Get(map, key))
        {
            case null:
                break;
            case YamlMappingNode perLanguage:
                foreach (var (k, value) in perLanguage.Children)
                {
                    var language = (k as YamlScalarNode)?.Value ?? "";
                    if (!LanguageCode().IsMatch(language))
                        Error(k, $"\"{language}\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)");
                    else if (value is YamlScalarNode { Value: { Length: > 0 } text })
                        texts[language] = text;
                    else
                        Error(value, $"the {language} {noun} of {what} must be a non-empty text");
                }
                if (!texts.ContainsKey(EnglishCode) && !perLanguage.Children.Keys.Any(k => (k as YamlScalarNode)?.Value == EnglishCode))
                    Error(perLanguage, $"the {noun} of {what} needs its English text (\"en\"), the language of sellers without one");
                break;
            default:
                if (Text(map, key, false, what) is { } english) texts[EnglishCode] = english;
                break;
        }
        return texts;
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();
}
