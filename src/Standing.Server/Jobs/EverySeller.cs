using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Jobs;

/// <summary>
/// Every seller known before as-of evaluated under a policy, each with its accepted disputes taken out (what the
/// overview, the sellers list and <c>GET /v1/sellers</c> show), with what each seller's result was computed from:
/// the position of the last batch that added the seller's events (its projection row) and its disputes.
/// </summary>
/// <remarks>
/// Under a standard that compares no sellers a seller's result depends on its own events and disputes alone,
/// so a new result is <see cref="Advance"/>d from the last one: only the sellers whose events or disputes changed
/// since are evaluated again (after a batch of events, tens of sellers rather than the store's thousands), and the
/// result equals evaluating every seller afresh. A standard that compares sellers is evaluated whole each time.
/// </remarks>
public sealed record EverySeller(PolicyEvaluation Evaluation, IReadOnlyDictionary<string, long> Changed, ILookup<string, Dispute> Disputes)
{
    /// <summary>
    /// Every seller's evaluation as of <paramref name="asOf"/> with <paramref name="disputes"/> (every seller's)
    /// taken out; from <paramref name="last"/> (a result of the same policy and as-of) when it can be advanced.
    /// </summary>
    public static EverySeller Advance(StoreAccess access, Policy policy, Instant asOf, IReadOnlyList<Dispute> disputes, EverySeller? last)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(policy);
        var evaluator = CompiledPolicies.Evaluator(policy);
        var bySeller = disputes.ToLookup(d => d.Seller, StringComparer.Ordinal);
        using var events = access.Events();
        // The rows before the facts: a seller whose events come between is newer in the facts than in the rows,
        // so the next advance evaluates it again (never the other way round).
        var rows = events.Sellers();
        var changed = rows.ToDictionary(r => r.Seller, r => r.Changed, StringComparer.Ordinal);
        var projection = new FactProjection(events);
        if (last is null || evaluator.ComparesSellers || !ReferenceEquals(last.Evaluation.Policy, policy) || last.Evaluation.AsOf != asOf)
            return new EverySeller(Evaluate(policy, evaluator, projection.FactsAsOf(asOf), asOf, bySeller), changed, bySeller);

        var again = rows.Where(r => !last.Changed.TryGetValue(r.Seller, out var was) || was != r.Changed
            || !last.Disputes[r.Seller].SequenceEqual(bySeller[r.Seller])).ToList();
        if (again.Count == 0) return last with { Changed = changed, Disputes = bySeller };
        var evaluatedAgain = again.Select(r => r.Seller).ToHashSet(StringComparer.Ordinal);
        var fresh = Evaluate(policy, evaluator, projection.FactsAsOf(asOf, again), asOf, bySeller).Sellers.ToDictionary(s => s.Seller, StringComparer.Ordinal);
        var kept = last.Evaluation.Sellers.ToDictionary(s => s.Seller, StringComparer.Ordinal);
        // In the rows' order (seller order), as the facts of every seller come.
        var sellers = new List<SellerEvaluation>(kept.Count + fresh.Count);
        foreach (var row in rows)
        {
            if (fresh.TryGetValue(row.Seller, out var now)) sellers.Add(now);
            else if (!evaluatedAgain.Contains(row.Seller) && kept.TryGetValue(row.Seller, out var before)) sellers.Add(before);
        }
        return new EverySeller(last.Evaluation with { Sellers = sellers }, changed, bySeller);
    }

    /// <summary>The sellers of <paramref name="facts"/> evaluated, each with its accepted disputes taken out.</summary>
    private static PolicyEvaluation Evaluate(Policy policy, PolicyEvaluator evaluator, IReadOnlyList<SellerFacts> facts, Instant asOf, ILookup<string, Dispute> disputes)
    {
        var evaluation = evaluator.Evaluate(facts, asOf);
        if (disputes.Count == 0) return evaluation;
        var factsOf = facts.ToDictionary(f => f.Seller, StringComparer.Ordinal);
        return evaluation with
        {
            Sellers = evaluation.Sellers.Select(s => disputes[s.Seller].Any()
                ? new PolicyEvaluator(DisputeExclusion.Apply(policy, disputes[s.Seller].ToList(), asOf)).EvaluateSeller(factsOf[s.Seller], asOf)
                : s).ToList(),
        };
    }
}
