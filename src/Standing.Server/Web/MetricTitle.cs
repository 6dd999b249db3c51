using Standing.Core.Metrics;

namespace Standing.Server.Web;

/// <summary>
/// A metric's name on a page: its title in the page's language as the policy gives it (the titles its
/// notices use), else its id, so that no English title is shown on a page in another language.
/// </summary>
public static class MetricTitle
{
    public static string In(PageLanguage language, MetricDefinition metric, string id)
    {
        var title = language.Code == PageLanguage.English.Code ? metric.Title : metric.Titles.GetValueOrDefault(language.Code, "");
        return string.IsNullOrEmpty(title) ? id : title;
    }
}
