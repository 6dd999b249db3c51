using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>
/// Evaluates one policy for many sellers, in four steps: each seller's measured metrics; the metrics
/// judged against the other sellers (peer standards); scores over the seller's results; the rules.
/// </summary>
public sealed partial class PolicyEvaluator
{
    /// <summary>One per metric, in policy order; null for a score (computed from the others).</summary>
    private readonly MetricCalculator?[] _calculators;
    private readonly int[] _peerMetrics;
    private readonly bool _scoresOrRules;

    public PolicyEvaluator(Policy policy)
    {
        Policy = policy;
        _calculators = policy.Metrics.Select(m => m.Kind == MetricKind.Score ? null : MetricCalculator.For(m)).ToArray();
        _peerMetrics = Enumerable.Range(0, policy.Metrics.Count).Where(i => JudgedTogether(policy.Metrics[i])).ToArray();
        _scoresOrRules = policy.Rules.Count > 0 || policy.Metrics.Any(m => m.Kind == MetricKind.Score);
        // The agent scorecard reads the conversations and, for what a chat led to, the orders.
        Reads = policy.Metrics.Aggregate(policy.Scorecard is null ? FactKinds.None : FactKinds.Orders | FactKinds.Conversations, (kinds, m) => kinds | ReadsOf(m));
    }

    public Policy Policy { get; }

    /// <summary>
    /// The lists of a seller's facts this policy's evaluation reads (its metrics' subjects, its agent scorecard's):
    /// facts holding only these (<see cref="SellerFacts.Kinds"/>) give the same evaluation as whole ones.
    /// </summary>
    public FactKinds Reads { get; }

    private static FactKinds ReadsOf(MetricDefinition metric) => metric.Kind switch
    {
        MetricKind.Score => FactKinds.None, // from the other metrics' results
        MetricKind.Ratio => FactKindsOf.Subject(metric.RatioNumerator!.Subject) | FactKindsOf.Subject(metric.RatioDenominator!.Subject),
        _ => FactKindsOf.Subject(metric.Subject),
    };

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
            var judged = JudgeColumn(rows.Select(i => measured[i]![m]!).ToArray());
            for (var k = 0; k < rows.Length; k++) measured[rows[k]]![m] = judged[k];
        }
        var date = asOf.InZone(Policy.Zone).Date;
        var results = Enumerable.Range(0, sellers.Count)
            .Where(i => only is null || sellers[i].Seller == only)
            .Select(i => WithAgents(Finish(sellers[i].Seller, measured[i]!, date, explain), sellers[i], asOf, explain))
            .ToArray();
        return new PolicyEvaluation(Policy, asOf, results);
    }

    /// <summary>
    /// Measures and judges the peer metrics of every seller of <paramref name="batches"/> together (a batch
    /// at a time, so only one batch's facts need be held): the pool that <see cref="Evaluate(IReadOnlyList{SellerFacts}, Instant, PeerPool, bool, string?)"/>
    /// judges each batch with. Empty when the policy compares no sellers.
    /// </summary>
    public PeerPool JudgePeers(IEnumerable<IReadOnlyList<SellerFacts>> batches, Instant asOf)
    {
        var builder = StartPool(asOf);
        foreach (var batch in ComparesSellers ? batches : []) builder.Add(batch);
        return builder.Judge();
    }

    /// <summary>A pool that the caller fills a batch at a time (<see cref="PeerPoolBuilder.Add"/>), then judges.</summary>
    public PeerPoolBuilder StartPool(Instant asOf) => new(this, asOf);

    /// <summary>The seller's peer metrics as measured, before judging, indexed like the pool's.</summary>
    internal MetricResult[] MeasurePeers(SellerFacts facts, Instant asOf)
    {
        var results = Measure(facts, asOf, explain: false, peersOnly: true);
        var peers = new MetricResult[_peerMetrics.Length];
        for (var k = 0; k < _peerMetrics.Length; k++) peers[k] = results[_peerMetrics[k]]!;
        return peers;
    }

    /// <summary>
    /// <paramref name="pool"/> with the sellers of <paramref name="changed"/> measured again from their facts (new
    /// sellers added) and every peer metric judged again among <paramref name="sellers"/>, every seller the pool is
    /// now of: what <see cref="JudgePeers"/> gives for all their facts when the others' are as they were, measuring
    /// only the changed ones. Null when a seller of <paramref name="sellers"/> is neither in the pool nor changed, or
    /// when another evaluator (another policy, or another instance of it) judged the pool.
    /// </summary>
    public PeerPool? AdvancePeers(PeerPool pool, IReadOnlyList<string> sellers, IReadOnlyList<SellerFacts> changed, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(sellers);
        ArgumentNullException.ThrowIfNull(changed);
        if (!ReferenceEquals(pool.JudgedBy, this)) return null;
        if (!ComparesSellers) return pool;
        var measured = new Dictionary<string, MetricResult[]>(pool.Measured, StringComparer.Ordinal);
        var again = new MetricResult[changed.Count][];
        Parallel.For(0, changed.Count, i =>
        {
            var results = Measure(changed[i], asOf, explain: false, peersOnly: true);
            again[i] = _peerMetrics.Select(m => results[m]!).ToArray();
        });
        for (var i = 0; i < changed.Count; i++) measured[changed[i].Seller] = again[i];
        if (sellers.Any(s => !measured.ContainsKey(s))) return null;
        // Only the pool's sellers: one that is no longer among them is not judged with them.
        return Judge(sellers, sellers.ToDictionary(s => s, s => measured[s], StringComparer.Ordinal));
    }

    /// <summary>Every peer metric of <paramref name="names"/>' measurements judged together, the columns in their order (the store's seller order, as the batches come).</summary>
    internal PeerPool Judge(IReadOnlyList<string> names, Dictionary<string, MetricResult[]> measured)
    {
        var judged = Enumerable.Range(0, _peerMetrics.Length).Select(k => JudgeColumn(names.Select(n => measured[n][k]).ToArray())).ToArray();
        var bySeller = new Dictionary<string, MetricResult[]>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) bySeller[names[i]] = judged.Select(column => column[i]).ToArray();
        return new PeerPool(this, names, bySeller, measured);
    }

    /// <summary>
    /// Evaluates <paramref name="sellers"/> (a batch) with their peer metrics judged in <paramref name="peers"/>,
    /// the pool of all the sellers: the same results as evaluating every seller of the pool at once. A seller
    /// the pool lacks is judged among the batch's own sellers.
    /// </summary>
    public PolicyEvaluation Evaluate(IReadOnlyList<SellerFacts> sellers, Instant asOf, PeerPool peers, bool explain = false, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (!ComparesSellers || sellers.Any(s => peers.Of(s.Seller) is null)) return Evaluate(sellers, asOf, explain, only: only);
        var selected = Enumerable.Range(0, sellers.Count).Where(i => only is null || sellers[i].Seller == only).ToArray();
        var measured = new MetricResult?[selected.Length][];
        Parallel.For(0, selected.Length, k =>
        {
            var facts = sellers[selected[k]];
            var results = Measure(facts, asOf, explain, peersOnly: false);
            var pooled = peers.Of(facts.Seller)!;
            for (var p = 0; p < _peerMetrics.Length; p++)
            {
                var m = _peerMetrics[p];
                // The pool's judgment on this measurement (with its explanation when one is asked for).
                results[m] = results[m]! with { Status = pooled[p].Status, Percentile = pooled[p].Percentile, PValue = pooled[p].PValue, PeerRate = pooled[p].PeerRate, Guard = pooled[p].Guard };
            }
            measured[k] = results;
        });
        var date = asOf.InZone(Policy.Zone).Date;
        var results = selected.Select((i, k) => WithAgents(Finish(sellers[i].Seller, measured[k], date, explain), sellers[i], asOf, explain)).ToArray();
        return new PolicyEvaluation(Policy, asOf, results);
    }

    /// <summary>
    /// Whether a pool holds all a seller's evaluation is made of: every measured metric is judged with the peers,
    /// and no agent scorecard is measured from the facts. Then <see cref="EvaluateFromPool"/> needs no facts.
    /// </summary>
    public bool PoolSuffices => ComparesSellers && Policy.Scorecard is null &&
        Enumerable.Range(0, _calculators.Length).All(i => _calculators[i] is null || _peerMetrics.Contains(i));

    /// <summary>
    /// The evaluation of a seller of <paramref name="peers"/> made from the pool alone, when <see cref="PoolSuffices"/>:
    /// what <see cref="Evaluate(IReadOnlyList{SellerFacts}, Instant, PeerPool, bool, string?)"/> gives for its facts
    /// (the same measurements with the pool's judgment), without reading the facts again. Not explained.
    /// </summary>
    public SellerEvaluation EvaluateFromPool(string seller, Instant asOf, PeerPool peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (!PoolSuffices) throw new InvalidOperationException($"{Policy.Id}: its evaluation needs more than the peer pool");
        var pooled = peers.Of(seller) ?? throw new ArgumentException($"seller {seller} is not in the pool", nameof(seller));
        var measured = peers.Measured[seller];
        var results = new MetricResult?[_calculators.Length];
        for (var p = 0; p < _peerMetrics.Length; p++)
        {
            results[_peerMetrics[p]] = measured[p] with { Status = pooled[p].Status, Percentile = pooled[p].Percentile, PValue = pooled[p].PValue, PeerRate = pooled[p].PeerRate, Guard = pooled[p].Guard };
        }
        return Finish(seller, results, asOf.InZone(Policy.Zone).Date, explain: false);
    }

    /// <summary>One seller on its own (its own peer, when the policy compares sellers).</summary>
    public SellerEvaluation EvaluateSeller(SellerFacts facts, Instant asOf, bool explain = false) =>
        Evaluate([facts], asOf, explain, maxParallelism: 1).Sellers[0];

    /// <summary>
    /// One seller on its own, as <see cref="EvaluateSeller(SellerFacts, Instant, bool)"/>, its metrics' items as
    /// <paramref name="detail"/> says. <see cref="ItemDetail.Listed"/> is the explained evaluation without each item's
    /// reason in words (scores and agents still explained): what a report naming the items that missed needs.
    /// </summary>
    public SellerEvaluation EvaluateSeller(SellerFacts facts, Instant asOf, ItemDetail detail)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = Measure(facts, asOf, detail, peersOnly: false);
        // Its own peer, as Evaluate judges a seller alone.
        foreach (var m in _peerMetrics) measured[m] = JudgeColumn([measured[m]!])[0];
        var explain = detail != ItemDetail.None;
        return WithAgents(Finish(facts.Seller, measured, asOf.InZone(Policy.Zone).Date, explain), facts, asOf, explain);
    }

    private MetricResult?[] Measure(SellerFacts facts, Instant asOf, bool explain, bool peersOnly) =>
        Measure(facts, asOf, explain ? ItemDetail.Explained : ItemDetail.None, peersOnly);

    private MetricResult?[] Measure(SellerFacts facts, Instant asOf, ItemDetail detail, bool peersOnly)
    {
        var results = new MetricResult?[_calculators.Length];
        for (var i = 0; i < _calculators.Length; i++)
        {
            if (_calculators[i] is not { } calculator) continue;
            if (peersOnly && !JudgedTogether(Policy.Metrics[i])) continue;
            results[i] = Guards.Wilson(calculator.Compute(facts, asOf, asOf, Policy.Calendar, detail));
        }
        return results;
    }

    /// <summary>A metric judged on every seller at once: against the others (peer), or through a prior fitted on all (beta-binomial guard).</summary>
    private static bool JudgedTogether(MetricDefinition metric) =>
        metric.Standard is { } s && (s.Peer is not null || s.Guard?.Method == GuardMethod.BetaBinomial);

    private static MetricResult[] JudgeColumn(MetricResult[] column) =>
        column.Length > 0 && column[0].Definition.Standard?.Peer is null ? Guards.BetaBinomial(column) : PeerComparison.Judge(column);

    /// <summary>The seller's agent scorecard, when the policy has one (else the evaluation as it is: no copy).</summary>
    private SellerEvaluation WithAgents(SellerEvaluation evaluation, SellerFacts facts, Instant asOf, bool explain) =>
        Policy.Scorecard is { } spec ? evaluation with { Agents = Scorecards.AgentScorecard.Compute(facts, asOf, Policy.Calendar, spec, explain) } : evaluation;

    private SellerEvaluation Finish(string seller, MetricResult?[] measured, LocalDate date, bool explain)
    {
        var metrics = new MetricResult[measured.Length];
        if (!_scoresOrRules)
        {
            // Nothing reads the results by id: skip the table (one evaluation makes one per seller).
            for (var i = 0; i < measured.Length; i++) metrics[i] = measured[i]!;
            return new SellerEvaluation(seller, metrics, []);
        }
        var byId = new Dictionary<string, MetricResult>(measured.Length, StringComparer.Ordinal);
        for (var i = 0; i < measured.Length; i++)
        {
            if (measured[i] is { } r) byId[r.Id] = r;
        }
        for (var i = 0; i < measured.Length; i++)
        {
            metrics[i] = measured[i] ?? ScoreCalculator.Compute(Policy.Metrics[i], byId, explain);
            byId[metrics[i].Id] = metrics[i];
        }
        var verdicts = Policy.Rules.SelectMany(r => RuleJudge.Judge(r, byId, date)).ToArray();
        return new SellerEvaluation(seller, metrics, verdicts);
    }
}
