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
        new SellerForecaster(disputes.Count == 0 ? policy : DisputeExclusion.Apply(policy, disputes.ToList(), asOf)).Forecast(facts, asOf);

    /// <summary>One seller's evaluation (explained: with the items), or null when the store has no event of the seller.</summary>
    public static (PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Seller(StoreAccess access, Policy policy, Instant asOf, string seller, bool explain)
    {
        IReadOnlyList<SellerFacts> facts;
        var evaluator = new PolicyEvaluator(policy);
        using (var events = access.Events())
        {
            if (events.Sellers(seller).Count == 0) return null;
            // A standard that compares sellers needs every seller's facts: read once per as-of and log position, then shared.
            facts = evaluator.ComparesSellers ? access.PeerFacts(events, asOf) : new FactProjection(events).FactsAsOf(asOf, seller);
        }
        if (!facts.Any(f => f.Seller == seller)) facts = [.. facts, new SellerFacts(seller, [], [], [])];
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes(seller);
        var sellerFacts = facts.First(f => f.Seller == seller);
        SellerEvaluation result;
        if (explain)
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

    /// <summary>Every seller known before as-of, each with its accepted disputes taken out.</summary>
    public static PolicyEvaluation All(StoreAccess access, Policy policy, Instant asOf)
    {
        IReadOnlyList<SellerFacts> facts;
        using (var events = access.Events()) facts = new FactProjection(events).FactsAsOf(asOf);
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        var evaluation = new PolicyEvaluator(policy).Evaluate(facts, asOf);
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
