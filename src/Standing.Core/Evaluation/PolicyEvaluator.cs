using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>
/// Evaluates one policy for many sellers, in four steps: each seller's measured metrics; the metrics
/// judged against the other sellers (peer standards); scores over the seller's results; the rules.
/// </summary>
public sealed class PolicyEvaluator
{
    /// <summary>One per metric, in policy order; null for a score (computed from the others).</summary>
    private readonly MetricCalculator?[] _calculators;
    private readonly int[] _peerMetrics;

    public PolicyEvaluator(Policy policy)
    {
        Policy = policy;
        _calculators = policy.Metrics.Select(m => m.Kind == MetricKind.Score ? null : MetricCalculator.For(m)).ToArray();
        _peerMetrics = Enumerable.Range(0, policy.Metrics.Count).Where(i => policy.Metrics[i].Standard?.Peer is not null).ToArray();
    }

    public Policy Policy { get; }

    /// <summary>Whether a seller's results depend on the other sellers (then evaluate them together).</summary>
    public bool ComparesSellers => _peerMetrics.Length > 0;

    /// <summary>
    /// Evaluates every seller (in parallel; the result is in seller order whatever the scheduling).
    /// With <paramref name="only"/>, the result holds that seller alone, though the others still count
    /// as its peers.
    /// </summary>
    public PolicyEvaluation Evaluate(IReadOnlyList<SellerFacts> sellers, Instant asOf, bool explain = false, int maxParallelism = -1, string? only = null)
    {
        var measured = new MetricResult?[sellers.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
        Parallel.For(0, sellers.Count, options, i =>
        {
            var selected = only is null || sellers[i].Seller == only;
            if (selected || ComparesSellers) measured[i] = Measure(sellers[i], asOf, explain && selected, peersOnly: !selected);
        });
        foreach (var m in _peerMetrics)
        {
            var rows = Enumerable.Range(0, sellers.Count).Where(i => measured[i] is not null).ToArray();
            var judged = PeerComparison.Judge(rows.Select(i => measured[i]![m]!).ToArray());
            for (var k = 0; k < rows.Length; k++) measured[rows[k]]![m] = judged[k];
        }
        var date = asOf.InZone(Policy.Zone).Date;
        var results = Enumerable.Range(0, sellers.Count)
            .Where(i => only is null || sellers[i].Seller == only)
            .Select(i => Finish(sellers[i].Seller, measured[i]!, date, explain) with { Agents = Agents(sellers[i], asOf, explain) })
            .ToArray();
        return new PolicyEvaluation(Policy, asOf, results);
    }

    /// <summary>One seller on its own (its own peer, when the policy compares sellers).</summary>
    public SellerEvaluation EvaluateSeller(SellerFacts facts, Instant asOf, bool explain = false) =>
        Evaluate([facts], asOf, explain, maxParallelism: 1).Sellers[0];

    private MetricResult?[] Measure(SellerFacts facts, Instant asOf, bool explain, bool peersOnly)
    {
        var results = new MetricResult?[_calculators.Length];
        for (var i = 0; i < _calculators.Length; i++)
        {
            if (_calculators[i] is not { } calculator) continue;
            if (peersOnly && Policy.Metrics[i].Standard?.Peer is null) continue;
            results[i] = calculator.Compute(facts, asOf, Policy.Calendar, explain);
        }
        return results;
    }

    private IReadOnlyList<Scorecards.AgentScore> Agents(SellerFacts facts, Instant asOf, bool explain) =>
        Policy.Scorecard is { } spec ? Scorecards.AgentScorecard.Compute(facts, asOf, Policy.Calendar, spec, explain) : [];

    private SellerEvaluation Finish(string seller, MetricResult?[] measured, LocalDate date, bool explain)
    {
        var byId = new Dictionary<string, MetricResult>(measured.Length, StringComparer.Ordinal);
        for (var i = 0; i < measured.Length; i++)
        {
            if (measured[i] is { } r) byId[r.Id] = r;
        }
        var metrics = new MetricResult[measured.Length];
        for (var i = 0; i < measured.Length; i++)
        {
            metrics[i] = measured[i] ?? ScoreCalculator.Compute(Policy.Metrics[i], byId, explain);
            byId[metrics[i].Id] = metrics[i];
        }
        var verdicts = Policy.Rules.SelectMany(r => RuleJudge.Judge(r, byId, date)).ToArray();
        return new SellerEvaluation(seller, metrics, verdicts);
    }
}
