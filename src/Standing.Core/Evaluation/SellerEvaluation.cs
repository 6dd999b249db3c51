using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

public sealed record SellerEvaluation(string Seller, IReadOnlyList<MetricResult> Metrics, IReadOnlyList<RuleVerdict> Outcomes)
{
    public MetricResult? Metric(string id) => Metrics.FirstOrDefault(m => m.Id == id);
}

public sealed record PolicyEvaluation(Policy Policy, NodaTime.Instant AsOf, IReadOnlyList<SellerEvaluation> Sellers);
