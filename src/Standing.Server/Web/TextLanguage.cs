using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Server.Web;

/// <summary>
/// The <c>lang</c> attribute of a text a pack or the engine wrote, when it is not in the page's language:
/// a pack that gives a title, a name or guidance in no other language is shown in English, marked so that
/// a screen reader reads it as English (and a check for English left on a page can tell it is on purpose).
/// Null when the text is in the page's language (Razor then leaves the attribute out).
/// </summary>
public static class TextLanguage
{
    private const string English = "en";

    public static string? Of(PageLanguage language, bool given) => given || language.Code == PageLanguage.English.Code ? null : English;

    public static string? Title(PageLanguage language, MetricDefinition metric) =>
        Of(language, !string.IsNullOrEmpty(metric.Titles.GetValueOrDefault(language.Code)));

    public static string? Name(PageLanguage language, Policy policy) => Of(language, policy.Names.ContainsKey(language.Code));

    public static string? Guidance(PageLanguage language, Policy policy) => Of(language, policy.GuidanceTranslations.ContainsKey(language.Code));

    /// <summary>A notice as written: in the seller's language kept in the case, else English (a seller with no language of its own).</summary>
    public static string? Notice(PageLanguage language, string? written) => written == language.Code ? null : written ?? English;
}
