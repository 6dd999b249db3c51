using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// A volume-adaptive window: <c>{ rolling_days: 90, extend_to_days: 365, when_fewer_than: 400 }</c> counts over
/// 90 days, or over 365 when the 90 days hold fewer than 400 items of the metric's denominator.
/// </summary>
internal sealed partial class MetricReader
{
    private static readonly string[] AdaptiveKeys = ["extend_to_days", "when_fewer_than"];

    private WindowSpec? ReadAdaptive(YamlNode node, WindowSpec? window, string what, bool allowed)
    {
        if (node is not YamlMappingNode map) return window;
        var extend = YamlCursor.Get(map, "extend_to_days");
        var fewer = YamlCursor.Get(map, "when_fewer_than");
        if (extend is null && fewer is null) return window;
        if (!allowed)
        {
            cursor.Error(extend ?? fewer!, $"{what} is a ratio: its window cannot adapt to volume (extend_to_days, when_fewer_than apply to rate, count, share_within and mean_duration metrics)");
            return null;
        }
        if (YamlCursor.Get(map, "rolling_days") is null)
        {
            cursor.Error(extend ?? fewer!, "\"extend_to_days\" and \"when_fewer_than\" apply to rolling_days windows only");
            return null;
        }
        if (extend is null) cursor.Error(fewer!, $"the window of {what} has \"when_fewer_than\" but no \"extend_to_days\": say how long the window becomes for a seller with fewer items");
        if (fewer is null) cursor.Error(extend!, $"the window of {what} has \"extend_to_days\" but no \"when_fewer_than\": say below how many items it extends");
        if (window is not RollingWindow rolling || extend is null || fewer is null) return null;
        var days = cursor.Integer(map, "extend_to_days", true, "a window", min: rolling.Days + 1, max: MaxWindowDays, maxNote: MaxDaysNote);
        var count = cursor.Integer(map, "when_fewer_than", true, "a window", min: 1);
        return days is { } d && count is { } n ? new AdaptiveWindow(rolling, rolling with { Days = d }, n) : null;
    }
}
