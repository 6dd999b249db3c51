using Standing.Core.Evaluation;
using Standing.Core.Metrics;

namespace Standing.Server.Jobs;

/// <summary>A seller's one status under a policy, and the order "worst first" lists use.</summary>
public static class SellerStatus
{
    /// <summary>Its worst metric's status (breach, then at risk, then good, then insufficient data).</summary>
    public static MetricStatus Worst(SellerEvaluation s) =>
        s.Metrics.Count == 0 ? MetricStatus.InsufficientData : s.Metrics.Select(m => m.Status).MinBy(Rank);

    /// <summary>0 for breach … 3 for insufficient data.</summary>
    public static int Rank(MetricStatus status) => status switch
    {
        MetricStatus.Breach => 0,
        MetricStatus.AtRisk => 1,
        MetricStatus.Good => 2,
        _ => 3,
    };

    /// <summary>The statuses as the documents name them, worst first.</summary>
    public static readonly IReadOnlyList<MetricStatus> WorstFirst = [MetricStatus.Breach, MetricStatus.AtRisk, MetricStatus.Good, MetricStatus.InsufficientData];

    public static MetricStatus? Parse(string? wire) => WorstFirst.Cast<MetricStatus?>().FirstOrDefault(s => s!.Value.Wire() == wire);

    /// <summary>
    /// Orders two values of a metric worse first: higher first where lower is better, and the reverse;
    /// a seller without a value comes last.
    /// </summary>
    public static int CompareWorseFirst(double? a, double? b, Direction direction)
    {
        if (a is null || b is null) return (a is null).CompareTo(b is null);
        return direction == Direction.LowerIsBetter ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value);
    }
}
