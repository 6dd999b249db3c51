using Standing.Core.Scorecards;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads a policy's <c>scorecard</c>: the window, the response target in seconds, the conversion
/// horizon in hours, and the minimum responses to judge an agent's response time.
/// </summary>
internal sealed class ScorecardReader(YamlCursor cursor)
{
    private const string What = "the scorecard";

    public AgentScorecardSpec? Read(YamlNode? node)
    {
        if (node is null || cursor.Mapping(node, What) is not { } map) return null;
        cursor.OnlyKeys(map, What, "window", "response_target_seconds", "conversion_hours", "min_responses");
        var window = YamlCursor.Get(map, "window") is { } w ? new MetricReader(cursor).ReadWindow(w, What) : null;
        if (YamlCursor.Get(map, "window") is null) cursor.Error(map, "the scorecard needs \"window\"");
        var target = cursor.Number(map, "response_target_seconds", true, What);
        var conversion = cursor.Number(map, "conversion_hours", true, What);
        var minResponses = cursor.Integer(map, "min_responses", false, What, min: 1) ?? 1;
        if (target is < 0) cursor.Error(YamlCursor.Get(map, "response_target_seconds")!, "response_target_seconds must not be negative");
        if (conversion is < 0) cursor.Error(YamlCursor.Get(map, "conversion_hours")!, "conversion_hours must not be negative");
        if (conversion is > MetricReader.MaxWindowDays * 24.0)
        {
            cursor.Error(YamlCursor.Get(map, "conversion_hours")!, "conversion_hours must be at most 876,000 (36,500 days, about 100 years)");
            conversion = null;
        }
        if (window is null || target is not { } t || conversion is not { } h) return null;
        return new AgentScorecardSpec { Window = window, ResponseTargetSeconds = t, ConversionHours = h, MinResponses = minResponses };
    }
}
