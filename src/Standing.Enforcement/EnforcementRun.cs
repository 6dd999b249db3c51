using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement;

/// <summary>
/// One policy's enforcement at one as-of: evaluates every seller (with its accepted disputes taken
/// out) and lets the policy's machine carry each seller's cases forward. Pure: what to store comes
/// back as the changed case books. A job may pass the sellers a batch at a time, with the
/// <see cref="PeerPool"/> of all of them; <c>seen</c>, when given, receives the evaluation each seller's
/// machine saw (a backtest counts statuses from them without evaluating twice); <c>evaluated</c>, when given,
/// holds every seller's evaluation under <c>policy</c> at <c>asOf</c> already made (the demo evaluates every pack
/// before its run; a backtest makes its two rule sets' from one measurement), used instead of evaluating the batch
/// again when it holds every seller of the batch. <c>maxParallelism</c> 1 steps the sellers on the calling thread alone
/// (a backtest that replays a batch per core).
/// </summary>
public static class EnforcementRun
{
    public static IReadOnlyList<CaseBook> Advance(
        Policy policy,
        IPackMachine machine,
        Instant asOf,
        IReadOnlyList<SellerFacts> sellers,
        IReadOnlyDictionary<string, List<StandingEvent>> eventsBySeller,
        IReadOnlyDictionary<string, List<EnforcementCase>> casesBySeller,
        IReadOnlyDictionary<string, List<Dispute>> disputesBySeller,
        Instant? previousRun = null,
        PeerPool? peers = null,
        SellerEvaluation[]? seen = null,
        IReadOnlyDictionary<string, SellerEvaluation>? evaluated = null,
        int maxParallelism = -1)
    {
        var evaluator = new PolicyEvaluator(policy);
        // All sellers at once, or a batch of them judged against the pool of all: a standard that compares
        // sellers (Prom.ua) needs every one of them.
        if (evaluated is null || !sellers.All(s => evaluated.ContainsKey(s.Seller)))
            evaluated = (peers is null ? evaluator.Evaluate(sellers, asOf, maxParallelism: maxParallelism) : evaluator.Evaluate(sellers, asOf, peers)).Sellers.ToDictionary(s => s.Seller, StringComparer.Ordinal);
        var books = new CaseBook[sellers.Count];
        Parallel.For(0, sellers.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            var facts = sellers[i];
            var seller = facts.Seller;
            var sellerEvaluator = evaluator;
            if (disputesBySeller.TryGetValue(seller, out var disputes))
            {
                var adjusted = DisputeExclusion.Apply(policy, disputes, asOf);
                if (!ReferenceEquals(adjusted, policy)) sellerEvaluator = new PolicyEvaluator(adjusted);
            }
            var events = eventsBySeller.TryGetValue(seller, out var all) ? all.Where(e => e.At < asOf).ToList() : [];
            var book = new CaseBook(seller, policy.Id, casesBySeller.TryGetValue(seller, out var cases) ? cases : [], policy.Version);
            var evaluation = ReferenceEquals(sellerEvaluator, evaluator) ? evaluated[seller] : sellerEvaluator.EvaluateSeller(facts, asOf);
            if (seen is not null) seen[i] = evaluation;
            machine.Advance(new MachineInput
            {
                Policy = policy,
                AsOf = asOf,
                Evaluation = evaluation,
                Facts = facts,
                Events = events,
                PreviousRun = previousRun,
                // A seller judged alone when the standard compares none: the same evaluation, without a loop over the others.
                Explained = () => !ReferenceEquals(sellerEvaluator, evaluator) || !evaluator.ComparesSellers
                    ? sellerEvaluator.EvaluateSeller(facts, asOf, explain: true)
                    : (peers is null ? evaluator.Evaluate(sellers, asOf, explain: true, only: seller) : evaluator.Evaluate(sellers, asOf, peers, explain: true, only: seller)).Sellers[0],
            }, book);
            books[i] = book;
        });
        return books.Where(b => b.HasChanges).ToList();
    }
}
