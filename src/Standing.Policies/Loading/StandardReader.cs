using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>Reads a metric's <c>standard</c>: direction, threshold, target, minimum sample.</summary>
internal sealed class StandardReader(YamlCursor cursor)
{
    public Standard? Read(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (cursor.Mapping(node, $"the standard of {what}") is not { } map) return null;
        cursor.OnlyKeys(map, $"the standard of {what}", "direction", "threshold", "threshold_inclusive", "target", "min_sample");
        var directionText = cursor.Text(map, "direction", true, $"the standard of {what}");
        Direction? direction = directionText switch
        {
            "lower_is_better" => Direction.LowerIsBetter,
            "higher_is_better" => Direction.HigherIsBetter,
            null => null,
            _ => null,
        };
        if (directionText is not null && direction is null)
            cursor.Error(YamlCursor.Get(map, "direction")!, $"direction must be lower_is_better or higher_is_better, not \"{directionText}\"");
        var threshold = cursor.Number(map, "threshold", true, $"the standard of {what}");
        var target = cursor.Number(map, "target", false, $"the standard of {what}") ?? threshold;
        var inclusive = cursor.Bool(map, "threshold_inclusive", what) ?? false;
        var minSample = cursor.Integer(map, "min_sample", false, $"the standard of {what}") ?? 1;
        if (direction is not { } d || threshold is not { } t || target is not { } g) return null;
        var targetBeyondThreshold = d == Direction.LowerIsBetter ? g > t : g < t;
        if (targetBeyondThreshold)
        {
            cursor.Error(YamlCursor.Get(map, "target")!, $"the target ({g}) of {what} is on the wrong side of its threshold ({t})");
            return null;
        }
        return new Standard(d, t, inclusive, g, minSample);
    }
}
