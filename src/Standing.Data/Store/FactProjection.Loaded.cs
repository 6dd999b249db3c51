using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Data.Store;

/// <summary>
/// The end of a first load: every seller's facts folded from the events the load kept in memory
/// (<see cref="EventIngester.Loaded"/>) rather than read back from the log and parsed again.
/// </summary>
public sealed partial class FactProjection
{
    /// <summary>How many sellers the last <see cref="Refresh(LoadedEvents, Action{long, long})"/> folded from the loaded events.</summary>
    public int LastFromLoad { get; private set; }

    /// <summary>
    /// What <see cref="Refresh(Action{long, long})"/> does, taking a stale seller's events from <paramref name="loaded"/>
    /// (events stored by a load into an empty store, with their log positions) when the store holds exactly as many events of that
    /// seller as <paramref name="loaded"/> does, and the whole store as many as <paramref name="loaded"/>: then they are the
    /// same events (the load stored each of them, and the store held none before), in the same order, and the fold gives
    /// what a fold of the log gives. Otherwise (another writer wrote meanwhile), or with null <paramref name="loaded"/>,
    /// the stale sellers are folded from the log.
    /// </summary>
    public IReadOnlyList<string> Refresh(LoadedEvents? loaded, Action<long, long>? progress = null)
    {
        LastFromLoad = 0;
        if (loaded is null || loaded.Count == 0) return Refresh(progress);
        var rows = store.Sellers();
        // Another writer's events in the store (one that wrote during the load) may also have moved some of the load's
        // to other places in the log than their reading order: then the log alone says what each seller's order is.
        if (rows.Sum(r => r.Events) != loaded.Count) return Refresh(progress);
        var stored = CurrentStored(rows, bodies: false);
        var stale = rows.Where(r => !stored.ContainsKey(r.Seller)).ToList();
        var fromMemory = stale.Where(r => loaded.CountOf(r.Seller) == r.Events).ToList();
        var fromLog = stale.Where(r => loaded.CountOf(r.Seller) != r.Events).ToList();
        LastStored = 0;
        LastFromLoad = fromMemory.Count;
        var done = 0;
        for (var i = 0; i < fromMemory.Count; i += Chunk)
        {
            var chunk = fromMemory.GetRange(i, Math.Min(Chunk, fromMemory.Count - i));
            var events = new List<StandingEvent>();
            foreach (var row in chunk) loaded.AddTo(events, row.Seller);
            LastStored += Store(chunk, FactFolder.Fold(events, Instant.MaxValue));
            progress?.Invoke(done += chunk.Count, stale.Count);
        }
        for (var i = 0; i < fromLog.Count; i += Chunk)
        {
            var chunk = fromLog.GetRange(i, Math.Min(Chunk, fromLog.Count - i));
            LastStored += Store(chunk, FactFolder.Fold(store.ReadSellers(chunk.Select(r => r.Seller).ToList()), Instant.MaxValue));
            progress?.Invoke(done += chunk.Count, stale.Count);
        }
        Folds += stale.Count;
        LastReused = rows.Count - stale.Count;
        LastFolded = stale.Select(r => r.Seller).ToList();
        return LastFolded;
    }
}
