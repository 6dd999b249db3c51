using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Data.Store;

/// <summary>
/// Facts kept current by a write: a batch's new events folded onto the stored facts of the sellers they
/// touch (<see cref="FactIncrement"/>), so a write costs what its own events cost, not what the sellers'
/// histories cost. A seller whose facts cannot be advanced that way is folded again from the log, alone.
/// </summary>
public sealed partial class FactProjection
{
    /// <summary>How many sellers the last <see cref="Advance"/> brought up to date without reading their events.</summary>
    public int LastAdvanced { get; private set; }

    /// <summary>Whether <paramref name="store"/> holds any seller's facts, current or not (a first load has none to advance).</summary>
    public static bool AnyStored(IEventStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadFacts(null, bodies: false).Count > 0;
    }

    /// <summary>
    /// The projection rows of the sellers of <paramref name="batch"/>, read before it is appended: what
    /// <see cref="Advance"/> checks the stored facts and the appended events against.
    /// </summary>
    public IReadOnlyList<SellerProjection> RowsBefore(IReadOnlyList<StandingEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return RowsOf(batch.Select(e => e.Seller).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The projection rows of <paramref name="sellers"/>, in seller order: one look-up each for a few (a server's
    /// batch), the whole table in one read for many (a bulk load's batch touches most sellers).
    /// </summary>
    private List<SellerProjection> RowsOf(IReadOnlyCollection<string> sellers)
    {
        if (sellers.Count <= Chunk)
        {
            return [.. store.SellersNamed(sellers)];
        }
        var wanted = sellers.ToHashSet(StringComparer.Ordinal);
        return [.. store.Sellers().Where(r => wanted.Contains(r.Seller))];
    }

    /// <summary>
    /// Stores current facts for every seller <paramref name="batch"/> added events to (<paramref name="result"/>
    /// says which it added), given the sellers' rows <paramref name="before"/> it was appended. A seller's
    /// stored facts are advanced with the batch's events when they were current before it, when the store
    /// holds exactly those earlier events and this batch's (no other writer added any in between), and when
    /// <see cref="FactIncrement"/> can fold them on; every other changed seller is folded from the log.
    /// Returns the sellers folded from the log.
    /// </summary>
    public IReadOnlyList<string> Advance(IReadOnlyList<SellerProjection> before, IReadOnlyList<StandingEvent> batch, AppendResult result) =>
        FoldFromLog(AdvanceWhereItCan(before, batch, result));

    /// <summary>
    /// What <see cref="Advance"/> does without its last step: stores the advanced facts and returns the rows of the
    /// changed sellers it could not advance, whose stored facts are now stale. A bulk load, whose later batches
    /// often touch those sellers again, folds them once at its end (<see cref="Refresh"/>) instead of once per batch.
    /// </summary>
    public IReadOnlyList<SellerProjection> AdvanceWhereItCan(IReadOnlyList<SellerProjection> before, IReadOnlyList<StandingEvent> batch, AppendResult result)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(result);
        var added = new Dictionary<string, List<StandingEvent>>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (result.Outcomes[i] != EventLogOutcome.Accepted) continue;
            if (!added.TryGetValue(batch[i].Seller, out var list)) added[batch[i].Seller] = list = [];
            list.Add(batch[i]);
        }
        var earlier = before.ToDictionary(r => r.Seller, StringComparer.Ordinal);
        var now = RowsOf(result.ChangedSellers);

        // Sellers whose log now holds exactly their earlier events and this batch's.
        var candidates = store.ReadsInArrivalOrder
            ? now.Where(r => earlier.TryGetValue(r.Seller, out var b) && added.TryGetValue(r.Seller, out var mine) && r.Events == b.Events + mine.Count).ToList()
            : [];
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i += Chunk)
        {
            var chunk = candidates.GetRange(i, Math.Min(Chunk, candidates.Count - i));
            var position = chunk.ToDictionary(r => r.Seller, r => r.Changed, StringComparer.Ordinal);
            var stored = store.ReadFacts(position.Keys, bodies: true);
            var advanced = new StoredFacts?[stored.Count];
            // Each seller's decode, fold and encode is its own: a bulk load's chunk of them shares the cores.
            Parallel.For(0, stored.Count, new ParallelOptions { MaxDegreeOfParallelism = stored.Count < 16 ? 1 : -1 }, j =>
            {
                var row = stored[j];
                var b = earlier[row.Seller];
                if (row.Format != FactSnapshot.Format || row.Changed != b.Changed || FactSnapshot.Read(row.Body) is not { } facts) return;
                // The row keeps its last instant to the microsecond, rounded down (see AllBefore).
                var mine = added[row.Seller];
                if (FactIncrement.TryApply(facts, mine, b.LastAt + Duration.FromNanoseconds(1_000)) is not { } next) return;
                advanced[j] = new StoredFacts(row.Seller, position[row.Seller], FactSnapshot.Format, Encode(row.Body, facts, next, mine));
            });
            var written = advanced.OfType<StoredFacts>().ToList();
            store.WriteFacts(written);
            done.UnionWith(written.Select(f => f.Seller));
        }
        LastAdvanced = done.Count;
        return now.Where(r => !done.Contains(r.Seller)).ToList();
    }

    /// <summary>
    /// The stored bytes of <paramref name="next"/>, advanced from <paramref name="facts"/> (read from <paramref name="stored"/>)
    /// by <paramref name="added"/>. When every added event named an order the facts did not hold, no stored order changed:
    /// the new orders are put after the stored bytes' orders (<see cref="FactSnapshot.WithOrdersAdded"/>) instead of
    /// encoding the seller's whole history again, which was most of a write's cost.
    /// </summary>
    private static byte[] Encode(byte[] stored, SellerFacts facts, SellerFacts next, IReadOnlyList<StandingEvent> added)
    {
        var before = facts.Orders.Count;
        var orders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in added) orders.Add(e.Order!);
        // Every new slot is one of the added events' orders: as many slots as orders means none of them was stored.
        if (next.Orders.Count - before == orders.Count)
        {
            var grown = new OrderFact[orders.Count];
            for (var i = 0; i < grown.Length; i++) grown[i] = next.Orders[before + i];
            if (FactSnapshot.WithOrdersAdded(stored, grown) is { } bytes) return bytes;
        }
        return FactSnapshot.Write(next);
    }

    /// <summary>Folds the sellers of <paramref name="rows"/> from the log and stores their facts, a chunk at a time.</summary>
    private IReadOnlyList<string> FoldFromLog(IReadOnlyList<SellerProjection> rows)
    {
        LastStored = 0;
        for (var i = 0; i < rows.Count; i += Chunk)
        {
            var chunk = rows.Skip(i).Take(Chunk).ToList();
            LastStored += Store(chunk, FactFolder.Fold(store.ReadSellers(chunk.Select(r => r.Seller).ToList()), Instant.MaxValue));
        }
        Folds += rows.Count;
        LastFolded = rows.Select(r => r.Seller).ToList();
        return LastFolded;
    }
}
