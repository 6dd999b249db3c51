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
    /// <summary>
    /// The seller's forecast (docs/foresight.md), with accepted disputes taken out as in its evaluation: the API's standing
    /// resource and the seller's page show this one. <paramref name="evaluation"/> is the seller's evaluation at the same
    /// as-of: a beta-binomial guard's prior, fitted on every seller, comes from it.
    /// </summary>
    public static SellerForecast Forecast(Policy policy, Instant asOf, SellerFacts facts, IReadOnlyList<Dispute> disputes, SellerEvaluation evaluation) =>
        (disputes.Count == 0 ? CompiledPolicies.Forecaster(policy) : new SellerForecaster(DisputeExclusion.Apply(policy, disputes.ToList(), asOf)))
            .Forecast(facts, asOf, evaluation: evaluation);

    /// <summary>
    /// One seller's evaluation (explained: with the items), or null when the store has no event of the seller;
    /// computed once per change of the seller's events (of the log's, for a standard that compares sellers) and
    /// disputes of the seller (<see cref="StoreAccess.KeptOfSeller"/>, <see cref="StoreAccess.Kept"/>).
    /// </summary>
    public static (PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Seller(StoreAccess access, Policy policy, Instant asOf, string seller, bool explain)
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes(seller);
        var key = new SellerKey(policy.Id, seller, asOf, explain);
        Found Computed() => new(Compute(access, policy, asOf, seller, explain, disputes, out _, out _));
        // A standard that compares sellers reads every seller's events: kept per log position.
        return (CompiledPolicies.Evaluator(policy).ComparesSellers
            ? access.Kept(key, policy, disputes, Computed)
            : access.KeptOfSeller(seller, key, policy, disputes, Computed)).Value;
    }

    private sealed record SellerKey(string Policy, string Seller, Instant AsOf, bool Explain);

    private sealed record EveryKey(string Policy, Instant AsOf);

    /// <summary>A seller's evaluation, or null for a seller the store does not know (kept as well).</summary>
    private sealed record Found((PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Value);

    /// <summary>
    /// One seller's evaluation computed afresh (null for a seller the store does not know), with
    /// <paramref name="position"/> the store's log position and <paramref name="sellerChanged"/> the position of the
    /// last batch that added an event of the seller (-1: none) read after its facts, on the same connection.
    /// </summary>
    internal static (PolicyEvaluation Evaluation, IReadOnlyList<Dispute> Disputes, SellerFacts Facts)? Compute(
        StoreAccess access, Policy policy, Instant asOf, string seller, bool explain, IReadOnlyList<Dispute> disputes, out long position, out long sellerChanged)
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
                sellerChanged = -1;
                return null;
            }
            // A standard that compares sellers judges this one among all: their judged metrics are pooled once
            // per as-of and log position (as explain --db pools them) and the seller's facts read alone.
            if (evaluator.ComparesSellers) pool = access.PeerPool(events, evaluator, asOf);
            facts = new FactProjection(events).FactsAsOf(asOf, rows);
            position = events.LogPosition();
            sellerChanged = events.Sellers(seller) is [var after] ? after.Changed : -1;
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
    /// position and disputes, advanced from the last one (<see cref="EverySeller"/>, <see cref="StoreAccess.KeptFrom"/>):
    /// the overview and the sellers list share it.
    /// </summary>
    public static PolicyEvaluation All(StoreAccess access, Policy policy, Instant asOf)
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        return Every(access, policy, asOf, disputes);
    }

    private sealed record LinesKey(string Policy, Instant AsOf);

    /// <summary>
    /// Every seller known before as-of as the overview and the sellers list show them (<see cref="EveryLine"/>), each with
    /// its accepted disputes taken out; computed once per log position and disputes, advanced from the last one, and
    /// awaited: what the pages' warming computes.
    /// </summary>
    public static SellerLines Lines(StoreAccess access, Policy policy, Instant asOf)
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        return LinesKept(access, policy, asOf, disputes).Lines;
    }

    /// <summary>
    /// <see cref="Lines"/> of each of <paramref name="standards"/> (none comparing sellers) not kept yet, computed afresh in
    /// one walk of the store (<see cref="EveryLine.Afresh"/>) and kept as each one's own would be: the pages' warming, one
    /// decode of the stored facts for all of them instead of one each. A result is kept as of the log position read before
    /// the walk; when an append came since, each is computed on its own as <see cref="Lines"/> does.
    /// </summary>
    public static void LinesOfEach(StoreAccess access, IReadOnlyList<(Policy Policy, Instant AsOf)> standards)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(standards);
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        access.OneEveryAtATime(() =>
        {
            var position = access.LogPosition();
            // A page that asked first may have had one computed while the gate was held by another: not walked for again.
            var left = standards.Where(s => !access.HoldsCurrent(new LinesKey(s.Policy.Id, s.AsOf), s.Policy, disputes)).ToList();
            if (left.Count == 0) return 0;
            var all = EveryLine.Afresh(access, left, disputes);
            for (var i = 0; i < left.Count; i++)
            {
                var (policy, asOf) = left[i];
                var afresh = all[i];
                access.KeptFrom<EveryLine>(new LinesKey(policy.Id, asOf), policy, disputes,
                    last => access.LogPosition() == position ? afresh : EveryLine.Advance(access, policy, asOf, disputes, last), e => e.Lines.Count);
            }
            return all.Count;
        });
    }

    /// <summary>
    /// <see cref="Lines"/> for a page that may show the last one while the current one is computed (at most
    /// <paramref name="wait"/> on a large store: <see cref="StoreAccess.KeptOrLast"/>); null on a <paramref name="large"/>
    /// store when none was computed yet: the page says it is being computed (it is, once).
    /// </summary>
    public static KeptResults.Shown<SellerLines>? RecentLines(StoreAccess access, Policy policy, Instant asOf, TimeSpan wait, bool large)
    {
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        var shown = access.KeptOrLastOrStarted<EveryLine>(new LinesKey(policy.Id, asOf), policy, disputes,
            _ => LinesKept(access, policy, asOf, disputes), e => e.Lines.Count, wait, large);
        return shown is null ? null : new KeptResults.Shown<SellerLines>(shown.Value.Lines, shown.Version, shown.Current);
    }

    /// <summary>
    /// What <paramref name="summarize"/> makes of every seller's line (<see cref="Lines"/>), kept under <paramref name="key"/>
    /// with the same log position and disputes, for a page that may show the last one while the current one is computed,
    /// or nothing yet (as <see cref="RecentLines"/>): the overview's counts, histograms and worst sellers are not made
    /// again on each view.
    /// </summary>
    public static KeptResults.Shown<T>? RecentSummary<T>(StoreAccess access, Policy policy, Instant asOf, object key, Func<SellerLines, T> summarize, Func<T, int> sellers, TimeSpan wait, bool large)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(summarize);
        IReadOnlyList<Dispute> disputes;
        using (var store = access.Enforcement()) disputes = store.Disputes();
        return access.KeptOrLastOrStarted<T>(key, policy, disputes, _ => summarize(LinesKept(access, policy, asOf, disputes).Lines), sellers, wait, large);
    }

    /// <summary>
    /// Every seller's line, kept and advanced from the last one, computed when no other every-seller result of the store
    /// is (<see cref="StoreAccess.OneEveryAtATime"/>); the kept one is looked for inside the gate (as <see cref="EveryKept"/>).
    /// </summary>
    private static EveryLine LinesKept(StoreAccess access, Policy policy, Instant asOf, IReadOnlyList<Dispute> disputes) =>
        access.OneEveryAtATime(() => access.KeptFrom<EveryLine>(new LinesKey(policy.Id, asOf), policy, disputes,
            last => EveryLine.Advance(access, policy, asOf, disputes, last), e => e.Lines.Count));

    private static PolicyEvaluation Every(StoreAccess access, Policy policy, Instant asOf, IReadOnlyList<Dispute> disputes) =>
        EveryKept(access, policy, asOf, disputes).Evaluation;

    /// <summary>
    /// Every seller's evaluation, kept and advanced from the last one, computed when no other of the store is
    /// (<see cref="StoreAccess.OneEveryAtATime"/>); the kept one is looked for inside the gate, so that a read that
    /// waited for another's computation of the same result finds it rather than computing it again.
    /// </summary>
    private static EverySeller EveryKept(StoreAccess access, Policy policy, Instant asOf, IReadOnlyList<Dispute> disputes) =>
        access.OneEveryAtATime(() => access.KeptFrom<EverySeller>(new EveryKey(policy.Id, asOf), policy, disputes,
            last => EverySeller.Advance(access, policy, asOf, disputes, last), e => e.Evaluation.Sellers.Count));
}
