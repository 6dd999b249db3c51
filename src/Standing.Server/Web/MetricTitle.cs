using Standing.Core.Metrics;

namespace Standing.Server.Web;

/// <summary>
/// A metric's name on a page: its title in the page's language as the policy gives it (the titles its
/// notices use); a policy without a title in that language (every built-in pack gives all six, a policy of
/// one's own may not) shows its English title, which a reader can still look up, rather than a bare id.
/// </summary>
public static class MetricTitle
{
    public static string In(PageLanguage language, MetricDefinition metric, string id)
    {
        var title = language.Code == PageLanguage.English.Code ? metric.Title : metric.Titles.GetValueOrDefault(language.Code, "");
        if (string.IsNullOrEmpty(title)) title = metric.Title;
        return string.IsNullOrEmpty(title) ? id : title;
    }
}
