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
/// result equals evaluating every seller afresh. A standard that compares sellers is evaluated whole each time, with
/// its peer pool (kept per log position and advanced) judging each seller: what evaluating every seller's facts at once gives.
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
            return new EverySeller(new PolicyEvaluation(policy, asOf, Afresh(access, events, projection, rows, policy, evaluator, asOf, bySeller)), changed, bySeller);

        var again = rows.Where(r => !last.Changed.TryGetValue(r.Seller, out var was) || was != r.Changed
            || !last.Disputes[r.Seller].SequenceEqual(bySeller[r.Seller])).ToList();
        if (again.Count == 0) return last with { Changed = changed, Disputes = bySeller };
        var evaluatedAgain = again.Select(r => r.Seller).ToHashSet(StringComparer.Ordinal);
        var fresh = Batched(projection, again, policy, evaluator, null, asOf, bySeller).ToDictionary(s => s.Seller, StringComparer.Ordinal);
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

    /// <summary>Every seller of <paramref name="rows"/> known before as-of evaluated afresh, in seller order (<see cref="AfreshBatches"/>).</summary>
    private static List<SellerEvaluation> Afresh(StoreAccess access, IEventStore events, FactProjection projection, IReadOnlyList<SellerProjection> rows,
        Policy policy, PolicyEvaluator evaluator, Instant asOf, ILookup<string, Dispute> disputes) =>
        [.. AfreshBatches(access, events, projection, rows, policy, evaluator, asOf, disputes).SelectMany(b => b)];

    /// <summary>
    /// Every seller of <paramref name="rows"/> known before as-of evaluated afresh, a batch of at most
    /// <see cref="FactProjection.Chunk"/> sellers at a time, in seller order: a caller that keeps less than the whole
    /// evaluation of each (<see cref="EveryLine"/>) never holds every seller's at once. A standard that compares sellers
    /// judges them with its peer pool (<see cref="StoreAccess.PeerPool"/>: kept, and shared with the seller pages); when
    /// the pool holds all of an evaluation, every seller's comes from it and only the disputed sellers' facts are read.
    /// Otherwise the facts are read a batch at a time: what is held at once depends on the batch, not on the store, as
    /// in the daily run. Enumerated while <paramref name="events"/> is open.
    /// </summary>
    internal static IEnumerable<IReadOnlyList<SellerEvaluation>> AfreshBatches(StoreAccess access, IEventStore events, FactProjection projection,
        IReadOnlyList<SellerProjection> rows, Policy policy, PolicyEvaluator evaluator, Instant asOf, ILookup<string, Dispute> disputes)
    {
        var known = rows.Where(r => r.FirstAt < asOf).ToList();
        var pool = evaluator.ComparesSellers ? access.PeerPool(events, evaluator, asOf) : null;
        // A seller the pool lacks (it cannot: the pool is read after the rows) would be judged among its batch alone.
        var pooled = pool is not null && evaluator.PoolSuffices ? new HashSet<string>(pool.Sellers, StringComparer.Ordinal) : null;
        var fromPool = pooled is not null && known.TrueForAll(r => pooled.Contains(r.Seller));
        if (!fromPool)
        {
            foreach (var batch in Batches(projection, known, policy, evaluator, pool, asOf, disputes)) yield return batch;
            yield break;
        }
        foreach (var chunk in known.Chunk(FactProjection.Chunk))
        {
            var sellers = new SellerEvaluation[chunk.Length];
            Parallel.For(0, chunk.Length, i => sellers[i] = evaluator.EvaluateFromPool(chunk[i].Seller, asOf, pool!));
            var disputed = chunk.Where(r => disputes.Contains(r.Seller)).ToList();
            if (disputed.Count > 0)
            {
                var at = Enumerable.Range(0, chunk.Length).ToDictionary(i => chunk[i].Seller, StringComparer.Ordinal);
                foreach (var s in Batched(projection, disputed, policy, evaluator, pool, asOf, disputes)) sellers[at[s.Seller]] = s;
            }
            yield return sellers;
        }
    }

    /// <summary>The sellers of <paramref name="rows"/> known before as-of evaluated from their facts, read a batch at a time, in seller order.</summary>
    internal static List<SellerEvaluation> Batched(FactProjection projection, IReadOnlyList<SellerProjection> rows, Policy policy, PolicyEvaluator evaluator,
        PeerPool? pool, Instant asOf, ILookup<string, Dispute> disputes) =>
        [.. Batches(projection, rows, policy, evaluator, pool, asOf, disputes).SelectMany(b => b)];

    /// <summary><see cref="Batched"/> one batch at a time.</summary>
    private static IEnumerable<IReadOnlyList<SellerEvaluation>> Batches(FactProjection projection, IReadOnlyList<SellerProjection> rows, Policy policy,
        PolicyEvaluator evaluator, PeerPool? pool, Instant asOf, ILookup<string, Dispute> disputes)
    {
        foreach (var batch in rows.Chunk(FactProjection.Chunk))
            yield return Evaluate(policy, evaluator, pool, projection.FactsAsOf(asOf, batch), asOf, disputes).Sellers;
    }

    /// <summary>The sellers of <paramref name="facts"/> evaluated, each with its accepted disputes taken out.</summary>
    internal static PolicyEvaluation Evaluate(Policy policy, PolicyEvaluator evaluator, PeerPool? pool, IReadOnlyList<SellerFacts> facts, Instant asOf, ILookup<string, Dispute> disputes)
    {
        var evaluation = pool is null ? evaluator.Evaluate(facts, asOf) : evaluator.Evaluate(facts, asOf, pool);
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
