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
    /// <summary>How many sellers the last <see cref="Refresh(IReadOnlyList{StandingEvent}, Action{long, long})"/> folded from the loaded events.</summary>
    public int LastFromLoad { get; private set; }

    /// <summary>
    /// What <see cref="Refresh(Action{long, long})"/> does, taking a stale seller's events from <paramref name="loaded"/>
    /// (events stored by a load into an empty store, in log order) when the store holds exactly as many events of that
    /// seller as <paramref name="loaded"/> does, and the whole store as many as <paramref name="loaded"/>: then they are the
    /// same events (the load stored each of them, and the store held none before), in the same order, and the fold gives
    /// what a fold of the log gives. Otherwise (another writer wrote meanwhile), or with null <paramref name="loaded"/>,
    /// the stale sellers are folded from the log.
    /// </summary>
    public IReadOnlyList<string> Refresh(IReadOnlyList<StandingEvent>? loaded, Action<long, long>? progress = null)
    {
        LastFromLoad = 0;
        if (loaded is null || loaded.Count == 0) return Refresh(progress);
        var rows = store.Sellers();
        // Another writer's events in the store (one that wrote during the load) may also have moved some of the load's
        // to other places in the log than their reading order: then the log alone says what each seller's order is.
        if (rows.Sum(r => r.Events) != loaded.Count) return Refresh(progress);
        var stored = CurrentStored(rows, bodies: false);
        var stale = rows.Where(r => !stored.ContainsKey(r.Seller)).ToList();
        var bySeller = new LoadedBySeller(loaded);
        var fromMemory = stale.Where(r => bySeller.Count(r.Seller) == r.Events).ToList();
        var fromLog = stale.Where(r => bySeller.Count(r.Seller) != r.Events).ToList();
        LastStored = 0;
        LastFromLoad = fromMemory.Count;
        var done = 0;
        for (var i = 0; i < fromMemory.Count; i += Chunk)
        {
            var chunk = fromMemory.GetRange(i, Math.Min(Chunk, fromMemory.Count - i));
            var events = new List<StandingEvent>();
            foreach (var row in chunk) bySeller.AddTo(events, row.Seller);
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

    /// <summary>Events in log order, grouped by seller (a counting sort of their positions), each seller's in log order.</summary>
    private sealed class LoadedBySeller
    {
        private readonly IReadOnlyList<StandingEvent> _events;
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<int> _counts = [];
        private readonly int[] _starts;
        private readonly int[] _grouped;

        public LoadedBySeller(IReadOnlyList<StandingEvent> events)
        {
            _events = events;
            var sellerOf = new int[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                if (!_numbers.TryGetValue(events[i].Seller, out var number))
                {
                    _numbers[events[i].Seller] = number = _counts.Count;
                    _counts.Add(0);
                }
                sellerOf[i] = number;
                _counts[number]++;
            }
            _starts = new int[_counts.Count];
            for (var s = 1; s < _starts.Length; s++) _starts[s] = _starts[s - 1] + _counts[s - 1];
            var fill = (int[])_starts.Clone();
            _grouped = new int[events.Count];
            for (var i = 0; i < events.Count; i++) _grouped[fill[sellerOf[i]]++] = i;
        }

        /// <summary>How many of the events are the seller's (-1 for a seller with none, which no stored seller matches).</summary>
        public long Count(string seller) => _numbers.TryGetValue(seller, out var number) ? _counts[number] : -1;

        public void AddTo(List<StandingEvent> into, string seller)
        {
            var number = _numbers[seller];
            for (var k = _starts[number]; k < _starts[number] + _counts[number]; k++) into.Add(_events[_grouped[k]]);
        }
    }
}
