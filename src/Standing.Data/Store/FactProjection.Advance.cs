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

    /// <summary>
    /// The projection rows of the sellers of <paramref name="batch"/>, read before it is appended: what
    /// <see cref="Advance"/> checks the stored facts and the appended events against.
    /// </summary>
    public IReadOnlyList<SellerProjection> RowsBefore(IReadOnlyList<StandingEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = new List<SellerProjection>();
        foreach (var seller in batch.Select(e => e.Seller).Distinct(StringComparer.Ordinal)) rows.AddRange(store.Sellers(seller));
        return rows;
    }

    /// <summary>
    /// Stores current facts for every seller <paramref name="batch"/> added events to (<paramref name="result"/>
    /// says which it added), given the sellers' rows <paramref name="before"/> it was appended. A seller's
    /// stored facts are advanced with the batch's events when they were current before it, when the store
    /// holds exactly those earlier events and this batch's (no other writer added any in between), and when
    /// <see cref="FactIncrement"/> can fold them on; every other changed seller is folded from the log.
    /// Returns the sellers folded from the log.
    /// </summary>
    public IReadOnlyList<string> Advance(IReadOnlyList<SellerProjection> before, IReadOnlyList<StandingEvent> batch, AppendResult result)
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
        var now = result.ChangedSellers.Order(StringComparer.Ordinal).SelectMany(s => store.Sellers(s)).ToList();

        // Sellers whose log now holds exactly their earlier events and this batch's.
        var candidates = store.ReadsInArrivalOrder
            ? now.Where(r => earlier.TryGetValue(r.Seller, out var b) && added.TryGetValue(r.Seller, out var mine) && r.Events == b.Events + mine.Count).ToList()
            : [];
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i += Chunk)
        {
            var chunk = candidates.GetRange(i, Math.Min(Chunk, candidates.Count - i));
            var position = chunk.ToDictionary(r => r.Seller, r => r.Changed, StringComparer.Ordinal);
            var advanced = new List<StoredFacts>(chunk.Count);
            foreach (var stored in store.ReadFacts(position.Keys, bodies: true))
            {
                var b = earlier[stored.Seller];
                if (stored.Format != FactSnapshot.Format || stored.Changed != b.Changed || FactSnapshot.Read(stored.Body) is not { } facts) continue;
                // The row keeps its last instant to the microsecond, rounded down (see AllBefore).
                if (FactIncrement.TryApply(facts, added[stored.Seller], b.LastAt + Duration.FromNanoseconds(1_000)) is not { } next) continue;
                advanced.Add(new StoredFacts(stored.Seller, position[stored.Seller], FactSnapshot.Format, FactSnapshot.Write(next)));
            }
            store.WriteFacts(advanced);
            done.UnionWith(advanced.Select(f => f.Seller));
        }
        LastAdvanced = done.Count;
        return FoldFromLog(now.Where(r => !done.Contains(r.Seller)).ToList());
    }

    /// <summary>Folds the sellers of <paramref name="rows"/> from the log and stores their facts, a chunk at a time.</summary>
    private IReadOnlyList<string> FoldFromLog(List<SellerProjection> rows)
    {
        LastStored = 0;
        for (var i = 0; i < rows.Count; i += Chunk)
        {
            var chunk = rows.GetRange(i, Math.Min(Chunk, rows.Count - i));
            LastStored += Store(chunk, FactFolder.Fold(store.ReadSellers(chunk.Select(r => r.Seller).ToList()), Instant.MaxValue));
        }
        Folds += rows.Count;
        LastFolded = rows.Select(r => r.Seller).ToList();
        return LastFolded;
    }
}
