using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Jobs;

/// <summary>
/// A seller's metrics day by day (the seller pages' trend charts): the seller's own events are read
/// once, then for each day folded as of that day and evaluated by the policy's evaluator, with the
/// disputes accepted by then taken out, exactly as <see cref="Evaluations.Seller"/> does for one
/// instant. A standard judged against the other sellers (promua) gives the seller's own values here.
/// </summary>
public static class Trends
{
    public sealed record Point(Instant At, double? Value);

    /// <summary>Each metric's values at <paramref name="asOf"/> and at the same time on each of the <paramref name="days"/> − 1 days before.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Point>> Daily(StoreAccess access, Policy policy, string seller, Instant asOf, int days, IReadOnlyList<Dispute> disputes)
    {
        IReadOnlyList<StandingEvent> events;
        using (var store = access.Events()) events = store.ReadAll(seller);
        var plain = new PolicyEvaluator(policy);
        var points = policy.Metrics.ToDictionary(m => m.Id, _ => new List<Point>(days), StringComparer.Ordinal);
        var ofPolicy = disputes.Where(d => d.Policy == policy.Id).ToList();
        for (var back = days - 1; back >= 0; back--)
        {
            var at = asOf - Duration.FromDays(back);
            var known = events.Where(e => e.At < at).ToList();
            var facts = FactFolder.Fold(known, at).FirstOrDefault(f => f.Seller == seller) ?? new SellerFacts(seller, [], [], []);
            var evaluator = ofPolicy.Any(d => d.DecidedAt < at) ? new PolicyEvaluator(DisputeExclusion.Apply(policy, ofPolicy, at)) : plain;
            foreach (var metric in evaluator.EvaluateSeller(facts, at).Metrics)
                if (points.TryGetValue(metric.Id, out var list)) list.Add(new Point(at, metric.Value));
        }
        return points.ToDictionary(p => p.Key, p => (IReadOnlyList<Point>)p.Value, StringComparer.Ordinal);
    }
}
