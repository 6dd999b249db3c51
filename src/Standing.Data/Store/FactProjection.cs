using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Data.Store;

/// <summary>
/// The sellers' facts as a projection of a store's event log, kept in the store itself
/// (<see cref="StoredFacts"/>, one row per seller) and refreshed as it is read: <see cref="FactsAsOf"/>
/// takes stored facts wherever they serve, folds the rest from the log, and stores what it folded
/// from all of a seller's events; <see cref="Refresh"/> brings every seller up to date at once (rebuild).
/// An append only moves the projection rows of the sellers it touched, which keeps loading at the
/// speed of the log; the next read folds those sellers, and only those, again.
/// </summary>
/// <remarks>
/// Stored facts are folded from all of a seller's events, so they serve any as-of after the seller's
/// last event; a seller with events at or after as-of is folded as of that instant from its events,
/// as <see cref="FactFolder"/> would. Facts are current for a seller while its projection row keeps
/// the log position they were folded at: every batch that adds one of its events moves the row in
/// the batch's own transaction, so no append can be missed.
/// </remarks>
public sealed partial class FactProjection(IEventStore store)
{
    /// <summary>Sellers folded, or serialized and stored, per step: bounds what is held at once.</summary>
    public const int Chunk = 2_000;

    /// <summary>How many seller folds this projection has done, in all.</summary>
    public long Folds { get; private set; }

    /// <summary>The sellers the last call folded (read from the log), in seller order.</summary>
    public IReadOnlyList<string> LastFolded { get; private set; } = [];

    /// <summary>How many sellers the last call took from stored facts, without reading their events.</summary>
    public int LastReused { get; private set; }

    /// <summary>How many sellers' facts the last call stored.</summary>
    public int LastStored { get; private set; }

    /// <summary>
    /// Brings the stored facts up to date with the log: folds every seller whose stored facts are
    /// missing, stale or of another format, and stores them, a chunk of sellers per transaction (each
    /// stamped with the log position it was folded at: a crash leaves whole chunks, and the rest stale,
    /// never wrong). Returns the sellers folded; <paramref name="progress"/> hears (sellers folded, of how many).
    /// </summary>
    public IReadOnlyList<string> Refresh(Action<long, long>? progress = null)
    {
        var rows = store.Sellers();
        var stored = CurrentStored(rows, bodies: false);
        var stale = rows.Where(r => !stored.ContainsKey(r.Seller)).ToList();
        LastStored = 0;
        for (var i = 0; i < stale.Count; i += Chunk)
        {
            var chunk = stale.GetRange(i, Math.Min(Chunk, stale.Count - i));
            var folded = FactFolder.Fold(store.ReadSellers(chunk.Select(r => r.Seller).ToList()), Instant.MaxValue);
            LastStored += Store(chunk, folded);
            progress?.Invoke(i + chunk.Count, stale.Count);
        }
        Folds += stale.Count;
        LastReused = rows.Count - stale.Count;
        LastFolded = stale.Select(r => r.Seller).ToList();
        return LastFolded;
    }

    /// <summary>
    /// The facts of every seller known before <paramref name="asOf"/> (or of <paramref name="seller"/>),
    /// in seller order, equal to folding the whole log as of that instant. Sellers folded from all of
    /// their events are stored for later reads, when the store can be written (a store that cannot
    /// is read all the same).
    /// </summary>
    public IReadOnlyList<SellerFacts> FactsAsOf(Instant asOf, string? seller = null) =>
        FactsAsOf(asOf, store.Sellers(seller), wholeStore: seller is null);

    /// <summary>
    /// The facts of the sellers of <paramref name="rows"/> (projection rows, a batch of them) known before
    /// <paramref name="asOf"/>, in seller order: what <see cref="FactsAsOf(Instant, string?)"/> gives for
    /// them, reading only their stored facts and, for the sellers whose stored facts do not serve, their events.
    /// Jobs walk the store in such batches so that what they hold depends on the batch, not on the store.
    /// </summary>
    public IReadOnlyList<SellerFacts> FactsAsOf(Instant asOf, IReadOnlyList<SellerProjection> rows) =>
        FactsAsOf(asOf, rows, wholeStore: false);

    /// <summary>
    /// What <see cref="FactsAsOf(Instant, IReadOnlyList{SellerProjection})"/> gives, the stored facts decoded with only
    /// the lists of <paramref name="kinds"/> (<see cref="FactSnapshot.Read(byte[], FactKinds)"/>): for a reader that
    /// declares what it reads (<see cref="Standing.Core.Evaluation.PolicyEvaluator.Reads"/>). Sellers folded from their events
    /// come whole.
    /// </summary>
    public IReadOnlyList<SellerFacts> FactsAsOf(Instant asOf, IReadOnlyList<SellerProjection> rows, FactKinds kinds) =>
        FactsAsOf(asOf, rows, wholeStore: false, kinds);

    /// <summary>
    /// The facts of the sellers of <paramref name="rows"/> (a batch of projection rows) as of each of
    /// <paramref name="asOfs"/>, in rising order of as-of, each in seller order and equal to what
    /// <see cref="FactsAsOf(Instant, IReadOnlyList{SellerProjection})"/> gives for that as-of alone. One day's
    /// policies run at as-ofs that differ by time zone; this reads and decodes the batch's stored facts once
    /// for all of them, and reads the events of the sellers that need folding once, folding each event once
    /// (<see cref="IncrementalFold"/>) from one as-of to the next.
    /// </summary>
    /// <remarks>
    /// Lazy: each as-of's facts are valid until the next one is asked for (the fold may update them in place),
    /// so a caller uses them before it moves on. Sellers whose every event precedes the earliest as-of are
    /// decoded from their stored facts (in parallel) and shared by every as-of; the others, and those without
    /// current stored facts, are folded, and those of them folded from all their events stored for later reads.
    /// </remarks>
    public IEnumerable<(Instant AsOf, IReadOnlyList<SellerFacts> Facts)> FactsAsOf(IReadOnlyList<Instant> asOfs, IReadOnlyList<SellerProjection> rows)
    {
        ArgumentNullException.ThrowIfNull(asOfs);
        ArgumentNullException.ThrowIfNull(rows);
        var instants = asOfs.Distinct().Order().ToList();
        if (instants.Count == 0) yield break;
        var (first, last) = (instants[0], instants[^1]);
        var known = rows.Where(r => r.FirstAt < last).ToList();
        var shared = new List<SellerFacts>();
        var read = known.Where(r => !AllBefore(r, first)).ToList();
        // Of those, the ones whose stored facts are current need not be stored again.
        var toStore = new HashSet<string>(read.Count == 0 ? [] : read.Select(r => r.Seller).Except(CurrentStored(read, bodies: false).Keys), StringComparer.Ordinal);
        var complete = known.Where(r => AllBefore(r, first)).ToList();
        for (var i = 0; i < complete.Count; i += Chunk)
        {
            var chunk = complete.GetRange(i, Math.Min(Chunk, complete.Count - i));
            var decoded = Decode(chunk);
            for (var j = 0; j < chunk.Count; j++)
            {
                if (decoded[j] is { } facts)
                {
                    shared.Add(facts);
                }
                else
                {
                    read.Add(chunk[j]);
                    toStore.Add(chunk[j].Seller);
                }
            }
        }
        shared.Sort((a, b) => string.CompareOrdinal(a.Seller, b.Seller));
        LastReused = shared.Count;
        LastFolded = read.Select(r => r.Seller).Order(StringComparer.Ordinal).ToList();
        LastStored = 0;
        Folds += read.Count;
        var fold = read.Count == 0 ? null : new IncrementalFold(store.ReadSellers(read.Select(r => r.Seller).ToList()));
        foreach (var asOf in instants)
        {
            if (fold is null)
            {
                yield return (asOf, shared); // every seller known at the first as-of, and no other
                continue;
            }
            var folded = fold.AdvanceTo(asOf);
            if (asOf == last) StoreQuietly(read.Where(r => toStore.Contains(r.Seller) && AllBefore(r, asOf)).ToList(), folded);
            yield return (asOf, Merge(shared, folded));
        }
    }

    /// <summary>Two lists each in seller order (no seller in both) merged into one in seller order.</summary>
    private static List<SellerFacts> Merge(List<SellerFacts> a, IReadOnlyList<SellerFacts> b)
    {
        var merged = new List<SellerFacts>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            merged.Add(j == b.Count || (i < a.Count && string.CompareOrdinal(a[i].Seller, b[j].Seller) < 0) ? a[i++] : b[j++]);
        }
        return merged;
    }

    /// <summary>
    /// The current stored facts of <paramref name="chunk"/> (at most <see cref="Chunk"/> rows), decoded in
    /// parallel, by position; null where a seller has none (missing, stale, another format or damaged).
    /// </summary>
    private SellerFacts?[] Decode(IReadOnlyList<SellerProjection> chunk, FactKinds kinds = FactKinds.All)
    {
        var stored = CurrentStored(chunk, bodies: true);
        var bodies = chunk.Select(r => stored.GetValueOrDefault(r.Seller)?.Body).ToArray();
        var decoded = new SellerFacts?[chunk.Count];
        if (bodies.Length < 16)
        {
            // One seller's read (a server's request): handing a few decodes to other threads costs more than they do.
            for (var i = 0; i < bodies.Length; i++) decoded[i] = bodies[i] is { } body ? FactSnapshot.Read(body, kinds) : null;
        }
        else
        {
            Parallel.For(0, bodies.Length, i => decoded[i] = bodies[i] is { } body ? FactSnapshot.Read(body, kinds) : null);
        }
        return decoded;
    }

    /// <summary>
    /// Stores facts as <see cref="Store"/> does; storing is a saving for later reads, not part of the answer,
    /// so a store opened by a user who may not write to it is still read.
    /// </summary>
    private void StoreQuietly(IReadOnlyList<SellerProjection> rows, IReadOnlyList<SellerFacts> folded)
    {
        try
        {
            LastStored = Store(rows, folded);
        }
        catch (EventStoreException)
        {
            // Read all the same.
        }
    }

    /// <summary>The projection rows of every seller known before <paramref name="asOf"/> cut into batches of <paramref name="size"/>, in seller order.</summary>
    public IEnumerable<IReadOnlyList<SellerProjection>> Batches(Instant asOf, int size = Chunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return store.Sellers().Where(r => r.FirstAt < asOf).Chunk(size);
    }

    private IReadOnlyList<SellerFacts> FactsAsOf(Instant asOf, IReadOnlyList<SellerProjection> rows, bool wholeStore, FactKinds kinds = FactKinds.All)
    {
        var known = rows.Where(r => r.FirstAt < asOf).ToList();
        // Only sellers whose every event precedes as-of can use facts folded from all of their events.
        var complete = known.Where(r => AllBefore(r, asOf)).ToList();
        var reuse = new List<SellerFacts>(complete.Count);
        var read = known.Where(r => !AllBefore(r, asOf)).ToList();
        // A chunk of sellers at a time, so that only one chunk's stored bytes are held besides the facts.
        for (var i = 0; i < complete.Count; i += Chunk)
        {
            var chunk = complete.GetRange(i, Math.Min(Chunk, complete.Count - i));
            var decoded = Decode(chunk, kinds);
            for (var j = 0; j < chunk.Count; j++)
            {
                if (decoded[j] is { } snapshot) reuse.Add(snapshot);
                else read.Add(chunk[j]);
            }
        }

        IReadOnlyList<SellerFacts> fresh = [];
        LastStored = 0;
        if (read.Count > 0)
        {
            IReadOnlyList<StandingEvent> events = wholeStore && read.Count == rows.Count
                ? store.ReadEvery()
                : store.ReadSellers(read.Select(r => r.Seller).ToList());
            fresh = FactFolder.Fold(events, asOf);
            Folds += read.Count;
            StoreQuietly(read.Where(r => AllBefore(r, asOf)).ToList(), fresh);
        }
        LastReused = reuse.Count;
        LastFolded = read.Select(r => r.Seller).Order(StringComparer.Ordinal).ToList();
        return [.. reuse.Concat(fresh).OrderBy(f => f.Seller, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every event of the seller is before <paramref name="asOf"/>. The stores keep <c>last_at</c> to the
    /// microsecond, rounded down, while events and as-of may carry nanoseconds: the seller's last event
    /// may be up to a microsecond after its row's <c>last_at</c>.
    /// </summary>
    private static bool AllBefore(SellerProjection row, Instant asOf) => row.LastAt + Duration.FromNanoseconds(1_000) <= asOf;

    /// <summary>Stores the facts of <paramref name="rows"/> found in <paramref name="folded"/>, a chunk per transaction.</summary>
    private int Store(IReadOnlyList<SellerProjection> rows, IReadOnlyList<SellerFacts> folded)
    {
        var bySeller = folded.ToDictionary(f => f.Seller, StringComparer.Ordinal);
        var written = 0;
        for (var i = 0; i < rows.Count; i += Chunk)
        {
            var chunk = new List<StoredFacts>(Chunk);
            for (var j = i; j < Math.Min(i + Chunk, rows.Count); j++)
            {
                if (bySeller.TryGetValue(rows[j].Seller, out var facts))
                {
                    chunk.Add(new StoredFacts(rows[j].Seller, rows[j].Changed, FactSnapshot.Format, FactSnapshot.Write(facts)));
                }
            }
            store.WriteFacts(chunk);
            written += chunk.Count;
        }
        return written;
    }

    /// <summary>The stored facts still current for <paramref name="rows"/>: same log position, this build's format.</summary>
    private Dictionary<string, StoredFacts> CurrentStored(IReadOnlyList<SellerProjection> rows, bool bodies)
    {
        var current = new Dictionary<string, StoredFacts>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return current;
        }
        var changed = rows.ToDictionary(r => r.Seller, r => r.Changed, StringComparer.Ordinal);
        // By name for a chunk of sellers; the whole table at once for a position-only look at every seller.
        var stored = rows.Count <= Chunk ? store.ReadFacts(changed.Keys, bodies) : store.ReadFacts(null, bodies);
        foreach (var facts in stored)
        {
            if (facts.Format == FactSnapshot.Format && changed.TryGetValue(facts.Seller, out var position) && position == facts.Changed)
            {
                current[facts.Seller] = facts;
            }
        }
        return current;
    }
}
