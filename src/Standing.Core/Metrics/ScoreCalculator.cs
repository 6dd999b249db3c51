using System.Globalization;

namespace Standing.Core.Metrics;

/// <summary>
/// Computes a <see cref="MetricKind.Score"/> from the seller's other results: each component with data
/// (a value and enough items for its standard) earns 0–100 points, and the score is their weighted mean.
/// </summary>
public static class ScoreCalculator
{
    public static MetricResult Compute(MetricDefinition score, IReadOnlyDictionary<string, MetricResult> results, bool explain)
    {
        double points = 0, weights = 0;
        long withData = 0;
        NodaTime.Instant? start = null, end = null;
        var unbounded = false;
        var items = new List<MetricItem>();
        foreach (var component in score.Components)
        {
            var result = results[component.Metric];
            if (result.Window.Start is { } s) start = start is { } a && a < s ? a : s;
            else unbounded = true;
            end = end is { } e && e > result.Window.End ? e : result.Window.End;
            if (result.Value is not { } v || result.Status == MetricStatus.InsufficientData)
            {
                if (explain)
                {
                    items.Add(new MetricItem(component.Metric, ItemRole.Pending, $"no data ({result.Status.Wire()}, {result.Denominator} items): left out")
                    {
                        Why = new ItemReason(ItemReasonKind.NoData) { ComponentStatus = result.Status, ComponentItems = result.Denominator },
                    });
                }
                continue;
            }
            var earned = component.Points(v, result.Definition.Standard?.Direction ?? Direction.LowerIsBetter);
            points += earned * component.Weight;
            weights += component.Weight;
            withData++;
            if (explain)
            {
                items.Add(new MetricItem(component.Metric, ItemRole.Numerator, string.Create(CultureInfo.InvariantCulture,
                    $"value {v:0.####} → {earned:0.##} points (100 at {component.Best}, 0 at {component.Worst}), weight {component.Weight}"))
                {
                    Why = new ItemReason(ItemReasonKind.Points) { Value = v, Earned = earned, Best = component.Best, Worst = component.Worst, Weight = component.Weight },
                });
            }
        }
        // Rounded to 1e-9 points so that anchors hit exactly (0.02 of 0–10 % is 80, not 79.999…) decide thresholds as worked by hand.
        double? value = weights > 0 ? Math.Round(points / weights, 9) : null;
        var status = score.Standard?.Judge(value, withData) ?? (value is null ? MetricStatus.InsufficientData : MetricStatus.Good);
        return new MetricResult
        {
            Definition = score,
            Value = value,
            Numerator = withData,
            Denominator = score.Components.Count,
            Status = status,
            Window = new TimeWindow(unbounded ? null : start, end ?? default),
            Items = items,
        };
    }
}
