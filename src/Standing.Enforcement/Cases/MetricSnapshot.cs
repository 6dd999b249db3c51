using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;

namespace Standing.Enforcement.Cases;

/// <summary>One metric's value as it stood when a transition was made: the evidence, kept with the audit entry.</summary>
public sealed record MetricSnapshot(
    string Metric, double? Value, long Numerator, long Denominator, string Status, Instant? WindowStart, Instant WindowEnd)
{
    public static MetricSnapshot Of(MetricResult m) =>
        new(m.Id, m.Value, m.Numerator, m.Denominator, m.Status.Wire(), m.Window.Start, m.Window.End);

    public static IReadOnlyList<MetricSnapshot> Of(SellerEvaluation? evaluation) =>
        evaluation is null ? [] : evaluation.Metrics.Select(Of).ToArray();
}
