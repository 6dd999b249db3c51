using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Core.Policies;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Jobs;

/// <summary>
/// Sellers measured against a policy from the stored facts, with accepted disputes taken out: the
/// same steps as <c>standing evaluate --db</c> and <c>standing explain --db</c>.
/// </summary>
public static class Evaluations
{
    /// <summary>The seller's forecast (docs/foresight.md), with accepted disputes taken out as in its evaluation: the API's standing resource and the seller's page show this one.</summary>
    public static SellerForecast Forecast(Policy policy, Instant asOf, SellerFacts facts, IReadOnlyList<Dispute> disputes) =>
        (disputes.Count == 0 ? CompiledPolicies.Forecaster(policy) : new SellerForecaster(DisputeExclusion.Apply(policy, disputes.ToList(), asOf))).Forecast(facts, asOf);

    /// <summary>
    /// One seller's evaluation (explained: with the items), or null when the store has no event of the seller;
    /// computed once per log position and disputes of the seller (<see cref="StoreAccess.Kept"/>).
    /// </summary>
    public static (PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Seller(StoreAccess access, Policy policy, Instant asOf, string seller, bool explain)
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes(seller);
        return access.Kept(new SellerKey(policy.Id, seller, asOf, explain), policy, disputes,
            () => new Found(Compute(access, policy, asOf, seller, explain, disputes, out _))).Value;
    }

    private sealed record SellerKey(string Policy, string Seller, Instant AsOf, bool Explain);

    private sealed record EveryKey(string Policy, Instant AsOf);

    /// <summary>A seller's evaluation, or null for a seller the store does not know (kept as well).</summary>
    private sealed record Found((PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Value);

    /// <summary>
    /// One seller's evaluation computed afresh (null for a seller the store does not know), with
    /// <paramref name="position"/> the store's log position read after its facts, on the same connection.
    /// </summary>
    internal static (PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Compute(
        StoreAccess access, Policy policy, Instant asOf, string seller, bool explain, IReadOnlyList<Dispute> disputes, out long position)
    {
        IReadOnlyList<SellerFacts> facts;
        var evaluator = CompiledPolicies.Evaluator(policy);
        PeerPool? pool = null;
        using (var events = access.Events())
        {
            var rows = events.Sellers(seller);
            if (rows.Count == 0)
            {
                position = events.LogPosition();
                return null;
            }
            // A standard that compares sellers judges this one among all: their judged metrics are pooled once
            // per as-of and log position (as explain --db pools them) and the seller's facts read alone.
            if (evaluator.ComparesSellers) pool = access.PeerPool(events, evaluator, asOf);
            facts = new FactProjection(events).FactsAsOf(asOf, rows);
            position = events.LogPosition();
        }
        if (!facts.Any(f => f.Seller == seller)) facts = [.. facts, new SellerFacts(seller, [], [], [])];
        if (pool is not null && disputes.Count > 0)
        {
            // The seller's accepted disputes change its own metrics in the pool: judged with every seller's facts, as before.
            using var events = access.Events();
            facts = new FactProjection(events).FactsAsOf(asOf);
            position = events.LogPosition();
            if (!facts.Any(f => f.Seller == seller)) facts = [.. facts, new SellerFacts(seller, [], [], [])];
            pool = null;
        }
        var sellerFacts = facts.First(f => f.Seller == seller);
        SellerEvaluation result;
        if (pool is not null)
        {
            result = evaluator.Evaluate([sellerFacts], asOf, pool, explain, only: seller).Sellers[0];
        }
        else if (explain)
        {
            var withoutDisputed = disputes.Count == 0 ? evaluator : new PolicyEvaluator(DisputeExclusion.Apply(policy, disputes.ToList(), asOf));
            result = withoutDisputed.Evaluate(facts, asOf, explain: true, only: seller).Sellers[0];
        }
        else
        {
            result = disputes.Count == 0
                ? evaluator.Evaluate(facts, asOf, only: seller).Sellers[0]
                : new PolicyEvaluator(DisputeExclusion.Apply(policy, disputes.ToList(), asOf)).EvaluateSeller(sellerFacts, asOf);
        }
        return (new PolicyEvaluation(policy, asOf, [result]), disputes, sellerFacts);
    }

    /// <summary>
    /// Every seller known before as-of, each with its accepted disputes taken out; computed once per log
    /// position and disputes (<see cref="StoreAccess.Kept"/>): the overview and the sellers list share it.
    /// </summary>
    public static PolicyEvaluation All(StoreAccess access, Policy policy, Instant asOf)
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        return access.Kept(new EveryKey(policy.Id, asOf), policy, disputes, () => All(access, policy, asOf, disputes), e => e.Sellers.Count);
    }

    /// <summary>
    /// What <paramref name="summarize"/> makes of every seller's evaluation (<see cref="All(StoreAccess, Policy, Instant)"/>),
    /// kept under <paramref name="key"/> with the same log position and disputes: a page that shows a summary of
    /// every seller (the overview's counts, histograms and worst sellers) does not go over them on each view.
    /// </summary>
    public static T Summary<T>(StoreAccess access, Policy policy, Instant asOf, object key, Func<PolicyEvaluation, T> summarize)
        where T : class
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        return access.Kept(key, policy, disputes, () => summarize(access.Kept(new EveryKey(policy.Id, asOf), policy, disputes,
            () => All(access, policy, asOf, disputes), e => e.Sellers.Count)));
    }

    private static PolicyEvaluation All(StoreAccess access, Policy policy, Instant asOf, IReadOnlyList<Dispute> disputes)
    {
        IReadOnlyList<SellerFacts> facts;
        using (var events = access.Events()) facts = new FactProjection(events).FactsAsOf(asOf);
        var evaluation = CompiledPolicies.Evaluator(policy).Evaluate(facts, asOf);
        if (disputes.Count == 0) return evaluation;
        var bySeller = disputes.ToLookup(d => d.Seller, StringComparer.Ordinal);
        var factsOf = facts.ToDictionary(f => f.Seller, StringComparer.Ordinal);
        return evaluation with
        {
            Sellers = evaluation.Sellers.Select(s => bySeller[s.Seller].Any()
                ? new PolicyEvaluator(DisputeExclusion.Apply(policy, bySeller[s.Seller].ToList(), asOf)).EvaluateSeller(factsOf[s.Seller], asOf)
                : s).ToList(),
        };
    }
}
