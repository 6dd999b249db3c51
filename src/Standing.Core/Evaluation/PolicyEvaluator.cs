using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>Evaluates one policy for many sellers: metrics, their status, then the rules.</summary>
public sealed class PolicyEvaluator
{
    private readonly MetricCalculator[] _calculators;

    public PolicyEvaluator(Policy policy)
    {
        Policy = policy;
        _calculators = policy.Metrics.Select(MetricCalculator.For).ToArray();
    }

    public Policy Policy { get; }

    /// <summary>Evaluates every seller (in parallel; the result is in seller order whatever the scheduling).</summary>
    public PolicyEvaluation Evaluate(IReadOnlyList<SellerFacts> sellers, Instant asOf, bool explain = false, int maxParallelism = -1)
    {
        var results = new SellerEvaluation[sellers.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
        Parallel.For(0, sellers.Count, options, i => results[i] = EvaluateSeller(sellers[i], asOf, explain));
        return new PolicyEvaluation(Policy, asOf, results);
    }

    public SellerEvaluation EvaluateSeller(SellerFacts facts, Instant asOf, bool explain = false)
    {
        var metrics = new MetricResult[_calculators.Length];
        var byId = new Dictionary<string, MetricResult>(_calculators.Length, StringComparer.Ordinal);
        for (var i = 0; i < _calculators.Length; i++)
        {
            metrics[i] = _calculators[i].Compute(facts, asOf, Policy.Calendar, explain);
            byId[metrics[i].Id] = metrics[i];
        }
        var verdicts = Policy.Rules.Select(r => RuleJudge.Judge(r, byId)).ToArray();
        return new SellerEvaluation(facts.Seller, metrics, verdicts);
    }
}
