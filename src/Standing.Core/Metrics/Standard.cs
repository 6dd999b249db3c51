using System.Globalization;

namespace Standing.Core.Metrics;

public enum Direction
{
    LowerIsBetter,
    HigherIsBetter,
}

/// <summary>
/// What a metric must achieve. Breach when the value is past <see cref="Threshold"/> (or on it, when
/// <see cref="ThresholdInclusive"/>); good when it is at or better than <see cref="Target"/>; at risk
/// in between. Fewer than <see cref="MinSample"/> items in the denominator: insufficient data.
/// With <see cref="Peer"/> the seller is judged against the other sellers instead (the evaluator does
/// that once every seller is computed); threshold and target are then unused.
/// </summary>
public sealed record Standard(Direction Direction, double Threshold, bool ThresholdInclusive, double Target, int MinSample)
{
    /// <summary>A value past the threshold is a breach only with at least this many counted items; below it, at risk.</summary>
    public long BreachMinCount { get; init; }

    public PeerStandard? Peer { get; init; }

    /// <summary>Protection against small samples (off unless the policy sets one).</summary>
    public StatisticalGuard? Guard { get; init; }

    public static Standard ForPeers(Direction direction, PeerStandard peer) =>
        new(direction, double.NaN, false, double.NaN, peer.MinSample) { Peer = peer };

    public MetricStatus Judge(double? value, long sample, long counted = long.MaxValue)
    {
        if (value is not { } v || sample < MinSample || sample == 0) return MetricStatus.InsufficientData;
        if (Peer is not null) return MetricStatus.Good; // provisional: the peer comparison decides
        var lower = Direction == Direction.LowerIsBetter;
        var pastThreshold = lower ? v > Threshold : v < Threshold;
        if (pastThreshold || (ThresholdInclusive && v == Threshold))
            return counted >= BreachMinCount ? MetricStatus.Breach : MetricStatus.AtRisk;
        var meetsTarget = lower ? v <= Target : v >= Target;
        return meetsTarget ? MetricStatus.Good : MetricStatus.AtRisk;
    }

    public override string ToString()
    {
        if (Peer is { } peer) return $"{(Direction == Direction.LowerIsBetter ? "lower" : "higher")} is better; {peer}";
        var op = (Direction, ThresholdInclusive) switch
        {
            (Direction.LowerIsBetter, true) => "≥",
            (Direction.LowerIsBetter, false) => ">",
            (Direction.HigherIsBetter, true) => "≤",
            _ => "<",
        };
        // A target on the threshold itself is good only on its own side of it (ODR < 1%: good when < 0.01).
        var onThreshold = ThresholdInclusive && Target == Threshold;
        var targetOp = (Direction == Direction.LowerIsBetter, onThreshold) switch
        {
            (true, true) => "<",
            (true, false) => "≤",
            (false, true) => ">",
            _ => "≥",
        };
        var count = BreachMinCount > 0 ? $" with ≥ {BreachMinCount} counted" : "";
        var guard = Guard is { } g ? $", guard {g}" : "";
        return $"breach when {op} {Threshold.ToString(CultureInfo.InvariantCulture)}{count}, " +
               $"good when {targetOp} {Target.ToString(CultureInfo.InvariantCulture)}, minimum sample {MinSample}{guard}";
    }
}
