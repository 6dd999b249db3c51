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
/// </summary>
public sealed record Standard(Direction Direction, double Threshold, bool ThresholdInclusive, double Target, int MinSample)
{
    public MetricStatus Judge(double? value, long sample)
    {
        if (value is not { } v || sample < MinSample || sample == 0) return MetricStatus.InsufficientData;
        var lower = Direction == Direction.LowerIsBetter;
        var pastThreshold = lower ? v > Threshold : v < Threshold;
        if (pastThreshold || (ThresholdInclusive && v == Threshold)) return MetricStatus.Breach;
        var meetsTarget = lower ? v <= Target : v >= Target;
        return meetsTarget ? MetricStatus.Good : MetricStatus.AtRisk;
    }

    public override string ToString()
    {
        var op = (Direction, ThresholdInclusive) switch
        {
            (Direction.LowerIsBetter, true) => "≥",
            (Direction.LowerIsBetter, false) => ">",
            (Direction.HigherIsBetter, true) => "≤",
            _ => "<",
        };
        var targetOp = Direction == Direction.LowerIsBetter ? "≤" : "≥";
        return $"breach when {op} {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
               $"good when {targetOp} {Target.ToString(System.Globalization.CultureInfo.InvariantCulture)}, minimum sample {MinSample}";
    }
}
