using Standing.Core.Metrics;

namespace Standing.Server.Web;

/// <summary>How the pages say a status (always in words; the colour only repeats them) and write a metric's numbers.</summary>
public static class StatusText
{
    public static string Words(MetricStatus status) => status switch
    {
        MetricStatus.Good => Texts.Say("Good"),
        MetricStatus.AtRisk => Texts.Say("At risk"),
        MetricStatus.Breach => Texts.Say("Breach"),
        _ => Texts.Say("Too few items to judge"),
    };

    public static string CssClass(MetricStatus status) => "status status-" + status.Wire();

    /// <summary>The worst of a seller's statuses (breach, at risk, good, then too few), as the API's sellers list ranks them.</summary>
    public static MetricStatus Worst(IEnumerable<MetricStatus> statuses) =>
        statuses.DefaultIfEmpty(MetricStatus.InsufficientData).MinBy(s => s switch
        {
            MetricStatus.Breach => 0,
            MetricStatus.AtRisk => 1,
            MetricStatus.Good => 2,
            _ => 3,
        });

    /// <summary>A value in its metric's unit: ratios as percentages, hours with "h", others as numbers.</summary>
    public static string Value(PageLanguage language, MetricDefinition metric, double? value) => value is not { } v
        ? "—"
        : metric.Unit switch
        {
            "ratio" => language.Percent(v),
            "hours" => string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.In(language, Texts.Say("{0} h")), language.Number(v, 1)),
            _ => language.Number(v, 2),
        };

    /// <summary>The threshold and the target as comparisons in the metric's unit ("≥ 1%"), or null for a standard judged against the other sellers.</summary>
    public static (string Threshold, string Target)? Limits(PageLanguage language, MetricDefinition metric)
    {
        if (metric.Standard is not { Peer: null } s) return null;
        var lower = s.Direction == Direction.LowerIsBetter;
        var breachOp = (lower, s.ThresholdInclusive) switch { (true, true) => "≥", (true, false) => ">", (false, true) => "≤", _ => "<" };
        var onThreshold = s.ThresholdInclusive && s.Target == s.Threshold;
        var targetOp = (lower, onThreshold) switch { (true, true) => "<", (true, false) => "≤", (false, true) => ">", _ => "≥" };
        return ($"{breachOp} {Value(language, metric, s.Threshold)}", $"{targetOp} {Value(language, metric, s.Target)}");
    }
}
