using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Jobs;

/// <summary>
/// A seller's metrics day by day (the seller pages' trend charts): the seller's own events are read
/// once and folded forward day by day (<see cref="IncrementalFold"/>: each event once, the facts as of each
/// day exactly as a fold of the events before it), each day evaluated by the policy's evaluator with the
/// disputes accepted by then taken out, exactly as <see cref="Evaluations.Seller"/> does for one instant.
/// A standard judged against the other sellers (promua) gives the seller's own values here.
/// </summary>
public static class Trends
{
    public sealed record Point(Instant At, double? Value);

    private sealed record TrendKey(string Policy, string Seller, Instant AsOf, int Days);

    private sealed record Trend(IReadOnlyDictionary<string, IReadOnlyList<Point>> Points);

    /// <summary>
    /// Each metric's values at <paramref name="asOf"/> and at the same time on each of the <paramref name="days"/> − 1 days
    /// before; computed once per change of the seller's events and <paramref name="disputes"/> (the seller's:
    /// <see cref="StoreAccess.KeptOfSeller"/>; it reads no other seller's).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Point>> Daily(StoreAccess access, Policy policy, string seller, Instant asOf, int days, IReadOnlyList<Dispute> disputes) =>
        access.KeptOfSeller(seller, new TrendKey(policy.Id, seller, asOf, days), policy, disputes, () => new Trend(Compute(access, policy, seller, asOf, days, disputes))).Points;

    private static IReadOnlyDictionary<string, IReadOnlyList<Point>> Compute(StoreAccess access, Policy policy, string seller, Instant asOf, int days, IReadOnlyList<Dispute> disputes)
    {
        IReadOnlyList<StandingEvent> events;
        using (var store = access.Events()) events = store.ReadAll(seller);
        var fold = new IncrementalFold(events.Where(e => e.Seller == seller));
        var points = policy.Metrics.ToDictionary(m => m.Id, _ => new List<Point>(days), StringComparer.Ordinal);
        var ofPolicy = disputes.Where(d => d.Policy == policy.Id).ToList();
        // The disputes that count grow with the day (accepted before it): a new evaluator only when they do.
        var evaluator = CompiledPolicies.Evaluator(policy);
        var counted = 0;
        for (var back = days - 1; back >= 0; back--)
        {
            var at = asOf - Duration.FromDays(back);
            var facts = fold.AdvanceTo(at) is [var folded, ..] ? folded : new SellerFacts(seller, [], [], []);
            var excluding = ofPolicy.Count(d => d.ExcludesAt(at));
            if (excluding != counted)
            {
                evaluator = new PolicyEvaluator(DisputeExclusion.Apply(policy, ofPolicy, at));
                counted = excluding;
            }
            foreach (var metric in evaluator.EvaluateSeller(facts, at).Metrics)
                if (points.TryGetValue(metric.Id, out var list)) list.Add(new Point(at, metric.Value));
        }
        return points.ToDictionary(p => p.Key, p => (IReadOnlyList<Point>)p.Value, StringComparer.Ordinal);
    }
}
