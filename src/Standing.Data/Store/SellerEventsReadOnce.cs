using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// The events of many sellers for a replay that asks for them batch by batch (a backtest): read from a SQLite store in
/// one pass in the file's order and held compactly in memory (<see cref="LoadedEvents"/>, about 80 bytes an event),
/// then handed out batch by batch from memory. Why: a seller's events lie in arrival order across the whole file, so
/// reading them by seller, batch after batch, reads pages scattered over it, each one a system call once the file is
/// larger than what SQLite maps; at 100,000 sellers that was most of a backtest's system time (docs/performance.md,
/// "A backtest's events read once in the file's order"). Where that cannot be — a PostgreSQL store, more events than
/// <see cref="EventsAtMost"/>, or held bytes past <see cref="BytesAtMost"/> — each batch is read from the store as
/// before, so memory stays bounded whatever the store's size. Either way a batch gets exactly what
/// <see cref="IEventStore.ReadSellers"/> gives: the sellers in id order, each one's events in log order.
/// </summary>
public sealed class SellerEventsReadOnce
{
    /// <summary>At most this many events are held: about 1.3 GB in the compact form (100,000 sellers' 13 million fit).</summary>
    public const long EventsAtMost = 16_000_000;

    /// <summary>At most this many bytes of events held (the first load's bound): past it the pass lets them go and batches are read.</summary>
    public const long BytesAtMost = EventIngester.KeptBytesAtMost;

    /// <summary>Events handed to the compact form at a time.</summary>
    private const int Chunk = 4096;

    private readonly IEventStore _store;
    private readonly LoadedEvents? _held;
    private readonly object _reading = new();

    private SellerEventsReadOnce(IEventStore store, LoadedEvents? held)
    {
        _store = store;
        _held = held;
    }

    /// <summary>Whether the events are held in memory (false: each batch is read from the store).</summary>
    public bool Held => _held is not null;

    /// <summary>How many events are held (0 when none are).</summary>
    public long HeldEvents => _held?.Count ?? 0;

    /// <summary>
    /// Reads the events of <paramref name="sellers"/> in one pass where the store allows it and they fit in the bounds
    /// given (<see cref="EventsAtMost"/> and <see cref="BytesAtMost"/> by default); otherwise leaves them to be read batch by batch.
    /// </summary>
    public static SellerEventsReadOnce Read(IEventStore store, IReadOnlyCollection<SellerProjection> sellers, long eventsAtMost = EventsAtMost,
        long bytesAtMost = BytesAtMost, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sellers);
        var count = sellers.Sum(s => s.Events);
        if (store is not SqliteEventStore sqlite || count == 0 || count > eventsAtMost || count > int.MaxValue) return new(store, null);
        var wanted = new HashSet<string>(sellers.Select(s => s.Seller), StringComparer.Ordinal);
        // The events the projection counts and the ones the pass meets may differ by what is appended meanwhile: room for those.
        var held = new LoadedEvents((int)Math.Min(int.MaxValue, count + (count / 8) + Chunk), bytesAtMost);
        var batch = new List<IncomingEvent>(Chunk);
        var accepted = new EventLogOutcome[Chunk];
        Array.Fill(accepted, EventLogOutcome.Accepted);
        var result = new AppendResult(accepted, new Dictionary<int, int>(), []);
        sqlite.ReadInFileOrder((e, position) =>
        {
            if (held.Abandoned || !wanted.Contains(e.Seller)) return;
            batch.Add(new IncomingEvent(e, "", 0) { Seq = position });
            if (batch.Count == Chunk) Keep();
        }, cancel);
        Keep();
        return new(store, held.Abandoned ? null : held);

        void Keep()
        {
            held.Keep(batch, result);
            batch.Clear();
        }
    }

    /// <summary>
    /// The events of <paramref name="sellers"/>, the sellers in id order and each one's events in log order, as
    /// <see cref="IEventStore.ReadSellers"/> gives them. Safe to call from several threads at once.
    /// </summary>
    public IReadOnlyList<StandingEvent> ReadSellers(IReadOnlyCollection<string> sellers)
    {
        ArgumentNullException.ThrowIfNull(sellers);
        if (_held is null)
        {
            lock (_reading) return _store.ReadSellers(sellers);
        }
        var events = new List<StandingEvent>();
        // Only read: the held events, their sellers' numbers and the vocabulary do not change after the pass.
        foreach (var seller in sellers.Order(StringComparer.Ordinal)) _held.AddTo(events, seller);
        return events;
    }
}
