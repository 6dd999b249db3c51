using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads a metric's <c>standard</c>: direction, threshold, target, minimum sample, the count a breach
/// needs, or a comparison with the other sellers (<c>peer</c>).
/// </summary>
internal sealed class StandardReader(YamlCursor cursor)
{
    public Standard? Read(YamlNode? node, string what)
    {
        if (node is null) return null;
        var of = $"the standard of {what}";
        if (cursor.Mapping(node, of) is not { } map) return null;
        cursor.OnlyKeys(map, of, "direction", "threshold", "threshold_inclusive", "target", "min_sample", "breach_min_count", "peer", "guard");
        var directionText = cursor.Text(map, "direction", true, of);
        Direction? direction = directionText switch
        {
            "lower_is_better" => Direction.LowerIsBetter,
            "higher_is_better" => Direction.HigherIsBetter,
            null => null,
            _ => null,
        };
        if (directionText is not null && direction is null)
            cursor.Error(YamlCursor.Get(map, "direction")!, $"direction must be lower_is_better or higher_is_better, not \"{directionText}\"");
        if (YamlCursor.Get(map, "peer") is { } peerNode)
        {
            if (YamlCursor.Get(map, "guard") is { } guardNode) cursor.Error(guardNode, $"\"guard\" does not go with \"peer\" in the standard of {what}: a peer comparison has its own test");
            return ReadPeer(map, peerNode, direction, what);
        }
        var guard = new GuardReader(cursor).Read(YamlCursor.Get(map, "guard"), what);

        var threshold = cursor.Number(map, "threshold", true, of);
        var target = cursor.Number(map, "target", false, of) ?? threshold;
        var inclusive = cursor.Bool(map, "threshold_inclusive", what) ?? false;
        var minSample = cursor.Integer(map, "min_sample", false, of) ?? 1;
        var minCount = cursor.Integer(map, "breach_min_count", false, of) ?? 0;
        if (direction is not { } d || threshold is not { } t || target is not { } g) return null;
        var targetBeyondThreshold = d == Direction.LowerIsBetter ? g > t : g < t;
        if (targetBeyondThreshold)
        {
            cursor.Error(YamlCursor.Get(map, "target")!, $"the target ({g}) of {what} is on the wrong side of its threshold ({t})");
            return null;
        }
        return new Standard(d, t, inclusive, g, minSample) { BreachMinCount = minCount, Guard = guard };
    }

    /// <summary><c>peer: {worst_share, alpha, min_sample}</c>; a peer standard has no fixed threshold or target.</summary>
    private Standard? ReadPeer(YamlMappingNode map, YamlNode peerNode, Direction? direction, string what)
    {
        foreach (var key in new[] { "threshold", "threshold_inclusive", "target", "min_sample", "breach_min_count" })
        {
            if (YamlCursor.Get(map, key) is { } n)
                cursor.Error(n, $"\"{key}\" does not go with \"peer\" in the standard of {what}: the other sellers set the bar (put min_sample inside peer)");
        }
        var of = $"the peer comparison of {what}";
        if (cursor.Mapping(peerNode, of) is not { } peer) return null;
        cursor.OnlyKeys(peer, of, "worst_share", "alpha", "min_sample");
        var share = cursor.Number(peer, "worst_share", true, of);
        var alpha = cursor.Number(peer, "alpha", true, of);
        var minSample = cursor.Integer(peer, "min_sample", true, of, min: 1);
        if (share is { } s && s is <= 0 or > 1)
        {
            cursor.Error(YamlCursor.Get(peer, "worst_share")!, $"worst_share of {what} must be above 0 and at most 1 (0.05 = the worst 5 %)");
            share = null;
        }
        if (alpha is { } a && a is <= 0 or >= 1)
        {
            cursor.Error(YamlCursor.Get(peer, "alpha")!, $"alpha of {what} must be between 0 and 1 (e.g. 0.01)");
            alpha = null;
        }
        if (direction is not { } d || share is null || alpha is null || minSample is null) return null;
        return Standard.ForPeers(d, new PeerStandard(share.Value, alpha.Value, minSample.Value));
    }
}
