using System.Globalization;

namespace Standing.Core.Metrics;

/// <summary>
/// One metric's part in a <see cref="MetricKind.Score"/>: 100 points at <see cref="Best"/>, 0 at
/// <see cref="Worst"/>, linear in between and clamped outside. Best may lie above or below worst; when
/// they are equal, the metric's direction says which side is good.
/// </summary>
public sealed record ScoreComponent(string Metric, double Best, double Worst, double Weight)
{
    public double Points(double value, Direction direction = Direction.LowerIsBetter)
    {
        var bestIsHigh = Best != Worst ? Best > Worst : direction == Direction.HigherIsBetter;
        // Checked first, so that equal anchors (a target equal to its threshold) give 100 at the anchor.
        if (bestIsHigh ? value >= Best : value <= Best) return 100;
        if (bestIsHigh ? value <= Worst : value >= Worst) return 0;
        return 100 * (value - Worst) / (Best - Worst);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Metric} (100 at {Best}, 0 at {Worst}, weight {Weight})");
}
