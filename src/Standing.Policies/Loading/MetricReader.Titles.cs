namespace Standing.Policies.Loading;

/// <summary>
/// A metric's title: a text (English), or one text per language (<c>{ en: …, pl: … }</c>, English
/// required), so a notice written in the seller's language names the metric in it too.
/// </summary>
internal sealed partial class MetricReader
{
    private const string TitleLanguage = YamlCursor.EnglishCode;

    private Dictionary<string, string> ReadTitles(YamlDotNet.RepresentationModel.YamlMappingNode map, string what) =>
        cursor.LanguageTexts(map, "title", "title", what);
}
