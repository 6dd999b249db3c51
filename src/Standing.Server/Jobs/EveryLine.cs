using NodaTime;
using Standing.Core.Policies;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Jobs;

/// <summary>
/// Every seller known before as-of under a policy as the overview and the sellers list show them (<see cref="SellerLines"/>),
/// with what each seller's line was computed from, as <see cref="EverySeller"/> keeps it: the position of the last batch
/// that added the seller's events, and its disputes. Computed a batch of sellers at a time, each batch's evaluations
/// made into lines and let go; advanced as <see cref="EverySeller.Advance"/> is (only the sellers whose events or disputes
/// changed evaluated again, under a standard that compares no sellers), giving what computing it afresh would.
/// </summary>
/// <remarks>
/// Kept as a summary (<see cref="KeptResults.ISummary"/>): at the size of the bytes it holds, counted in the kept results'
/// unit (an average evaluation's 3.1 kB), and dropped after the whole evaluations, so that every standard's list stays
/// answered once computed while the seller pages' evaluations take and give back the rest of the room.
/// </remarks>
public sealed record EveryLine(SellerLines Lines, IReadOnlyDictionary<string, long> Changed, ILookup<string, Dispute> Disputes) : KeptResults.ISummary
{
    /// <summary>The kept results' unit: a seller's evaluation without its items, 3.1 kB on average over the built-in standards.</summary>
    public const int BytesPerEvaluation = 3_100;

    /// <summary>The lines' bytes and the changed positions' (a dictionary entry and its key's share, about 40 bytes a seller).</summary>
    public int Held => (int)Math.Clamp((Lines.Bytes + (Changed.Count * 40L)) / BytesPerEvaluation, 1, int.MaxValue);

    /// <summary>
    /// Every seller's line under each of <paramref name="standards"/> (none of which compares sellers), computed afresh in
    /// one walk of the store: each batch's stored facts read and decoded once, and the sellers with later events folded
    /// once, for every as-of (<see cref="FactProjection.FactsAsOf(IReadOnlyList{Instant}, IReadOnlyList{SellerProjection})"/>),
    /// as the daily run reads them; each standard's lines equal <see cref="Advance"/>'s without a last one.
    /// </summary>
    public static IReadOnlyList<EveryLine> Afresh(StoreAccess access, IReadOnlyList<(Policy Policy, Instant AsOf)> standards, IReadOnlyList<Dispute> disputes)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(standards);
        ArgumentNullException.ThrowIfNull(disputes);
        var evaluators = standards.Select(s => CompiledPolicies.Evaluator(s.Policy)).ToList();
        if (evaluators.Any(e => e.ComparesSellers)) throw new ArgumentException("a standard that compares sellers is judged with its peer pool", nameof(standards));
        var bySeller = disputes.ToLookup(d => d.Seller, StringComparer.Ordinal);
        using var events = access.Events();
        var rows = events.Sellers();
        var changed = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
        foreach (var r in rows) changed[string.Intern(r.Seller)] = r.Changed;
        var projection = new FactProjection(events);
        var lines = standards.Select(s => new SellerLines.Builder(s.Policy, s.AsOf)).ToList();
        var asOfs = standards.Select(s => s.AsOf).Distinct().ToList();
        foreach (var batch in rows.Chunk(FactProjection.Chunk))
        {
            // Each as-of's facts are good until the next is asked for: every standard of that as-of is evaluated first.
            foreach (var (asOf, facts) in projection.FactsAsOf(asOfs, batch))
            {
                for (var i = 0; i < standards.Count; i++)
                {
                    if (standards[i].AsOf != asOf) continue;
                    foreach (var s in EverySeller.Evaluate(standards[i].Policy, evaluators[i], null, facts, asOf, bySeller).Sellers) lines[i].Add(s);
                }
            }
        }
        return [.. lines.Select(l => new EveryLine(l.Build(), changed, bySeller))];
    }

    /// <summary>
    /// Every seller's line as of <paramref name="asOf"/> with <paramref name="disputes"/> (every seller's) taken out; from
    /// <paramref name="last"/> (of the same policy and as-of) when it can be advanced.
    /// </summary>
    public static EveryLine Advance(StoreAccess access, Policy policy, Instant asOf, IReadOnlyList<Dispute> disputes, EveryLine? last)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(disputes);
        var evaluator = CompiledPolicies.Evaluator(policy);
        var bySeller = disputes.ToLookup(d => d.Seller, StringComparer.Ordinal);
        using var events = access.Events();
        // The rows before the facts, as in EverySeller: a seller whose events come between is evaluated again next time.
        var rows = events.Sellers();
        var changed = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
        foreach (var r in rows) changed[string.Intern(r.Seller)] = r.Changed;
        var projection = new FactProjection(events);
        var lines = new SellerLines.Builder(policy, asOf);
        if (last is null || evaluator.ComparesSellers || !ReferenceEquals(last.Lines.Policy, policy) || last.Lines.AsOf != asOf)
        {
            foreach (var batch in EverySeller.AfreshBatches(access, events, projection, rows, policy, evaluator, asOf, bySeller))
                foreach (var s in batch) lines.Add(s);
            return new EveryLine(lines.Build(), changed, bySeller);
        }

        var again = rows.Where(r => !last.Changed.TryGetValue(r.Seller, out var was) || was != r.Changed
            || !last.Disputes[r.Seller].SequenceEqual(bySeller[r.Seller])).ToList();
        if (again.Count == 0) return last with { Changed = changed, Disputes = bySeller };
        var evaluatedAgain = again.Select(r => r.Seller).ToHashSet(StringComparer.Ordinal);
        var fresh = EverySeller.Batched(projection, again, policy, evaluator, null, asOf, bySeller).ToDictionary(s => s.Seller, StringComparer.Ordinal);
        var kept = last.Lines.Positions();
        // In the rows' order (seller order), as the facts of every seller come.
        foreach (var row in rows)
        {
            if (fresh.TryGetValue(row.Seller, out var now)) lines.Add(now);
            else if (!evaluatedAgain.Contains(row.Seller) && kept.TryGetValue(row.Seller, out var before)) lines.Add(last.Lines, before);
        }
        return new EveryLine(lines.Build(), changed, bySeller);
    }
}
