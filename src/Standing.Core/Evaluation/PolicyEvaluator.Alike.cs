using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;

namespace Standing.Core.Evaluation;

/// <summary>Two policies that measure alike evaluated from one measurement (a backtest's baseline and candidate).</summary>
public sealed partial class PolicyEvaluator
{
    /// <summary>Whether <paramref name="other"/>'s evaluation can be made from this one's measurement (<see cref="MeasuredAlike"/>).</summary>
    public bool MeasuresAlike(PolicyEvaluator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return MeasuredAlike.Policies(Policy, other.Policy);
    }

    /// <summary>
    /// Every seller evaluated under this policy and under <paramref name="other"/>'s, each seller's metrics measured
    /// once: each result is what that policy's own <see cref="Evaluate(IReadOnlyList{SellerFacts}, Instant, bool, int, string?)"/>
    /// gives, not explained. The measurement is the metric's counts over its window; each policy then judges them by its
    /// own standard (and guard), and computes its scores and rules. Only when <see cref="MeasuresAlike"/>.
    /// <paramref name="maxParallelism"/> 1 evaluates on the calling thread alone (a caller that already keeps every core busy).
    /// </summary>
    public (PolicyEvaluation Mine, PolicyEvaluation Theirs) EvaluateAlike(PolicyEvaluator other, IReadOnlyList<SellerFacts> sellers, Instant asOf, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(sellers);
        if (!MeasuresAlike(other)) throw new ArgumentException($"{other.Policy.Id} {other.Policy.Version} does not measure as {Policy.Id} {Policy.Version} does", nameof(other));
        var mine = new SellerEvaluation[sellers.Count];
        var theirs = new SellerEvaluation[sellers.Count];
        var date = asOf.InZone(Policy.Zone).Date;
        var otherDate = asOf.InZone(other.Policy.Zone).Date;
        Parallel.For(0, sellers.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            var facts = sellers[i];
            var measured = new MetricResult?[_calculators.Length];
            var judged = new MetricResult?[_calculators.Length];
            for (var m = 0; m < _calculators.Length; m++)
            {
                if (_calculators[m] is not { } calculator) continue;
                var raw = calculator.Compute(facts, asOf, asOf, Policy.Calendar, ItemDetail.None);
                measured[m] = Guards.Wilson(raw);
                judged[m] = Guards.Wilson(Rejudged(raw, other.Policy.Metrics[m]));
            }
            mine[i] = WithAgents(Finish(facts.Seller, measured, date, explain: false), facts, asOf, explain: false);
            theirs[i] = other.WithAgents(other.Finish(facts.Seller, judged, otherDate, explain: false), facts, asOf, explain: false);
        });
        return (new PolicyEvaluation(Policy, asOf, mine), new PolicyEvaluation(other.Policy, asOf, theirs));
    }

    /// <summary>
    /// A measurement judged by another definition of the same metric, before any guard: the status its calculator
    /// gives from the same counts (a mean duration is alike only under the same standard, so keeps its status).
    /// </summary>
    private static MetricResult Rejudged(MetricResult raw, MetricDefinition definition) =>
        Equals(raw.Definition.Standard, definition.Standard)
            ? raw with { Definition = definition }
            : raw with
            {
                Definition = definition,
                Status = definition.Standard?.Judge(raw.Value, raw.Denominator, raw.Numerator)
                    ?? (raw.Value is null ? MetricStatus.InsufficientData : MetricStatus.Good),
            };
}
