using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

public sealed record SellerEvaluation(string Seller, IReadOnlyList<MetricResult> Metrics, IReadOnlyList<RuleVerdict> Outcomes)
{
    public MetricResult? Metric(string id) => Metrics.FirstOrDefault(m => m.Id == id);

    /// <summary>The seller's agents, when the policy has a scorecard.</summary>
    public IReadOnlyList<Scorecards.AgentScore> Agents { get; init; } = [];
}

public sealed record PolicyEvaluation(Policy Policy, NodaTime.Instant AsOf, IReadOnlyList<SellerEvaluation> Sellers);
