using System.Collections.Concurrent;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Store;

/// <summary>An event on its way into the store, with where it was read (for messages and rejects).</summary>
public readonly record struct IncomingEvent(StandingEvent Event, string File, int Line)
{
    /// <summary>Its place in the log, when a load without indexes gives it one (its reading order); 0: the next free.</summary>
    public long Seq { get; init; }
}

/// <summary>What an ingest did, over all its batches.</summary>
public sealed class IngestSummary
{
    private readonly long[] _byType = new long[Enum.GetValues<EventType>().Length];

    public long Accepted { get; private set; }

    public long Duplicates { get; private set; }

    public long Conflicts { get; private set; }

    /// <summary>The sellers new events were stored for (their facts are folded again on the next evaluation).</summary>
    public HashSet<string> ChangedSellers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How many times a batch's events were folded onto a seller's stored facts (<see cref="FactProjection.AdvanceWhereItCan"/>):
    /// a seller advanced by two batches counts twice.
    /// </summary>
    public long FactsAdvanced { get; internal set; }

    /// <summary>Rejected lines or rows (conflicts included), in the order met.</summary>
    public List<Reject> Rejects { get; } = [];

    /// <summary>Rows a mapping skipped on purpose (e.g. an order without any seller), by reason.</summary>
    public SortedDictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>New events per type (types with none are absent).</summary>
    public IReadOnlyDictionary<EventType, long> AcceptedByType =>
        Enum.GetValues<EventType>().Where(t => _byType[(int)t] > 0).ToDictionary(t => t, t => _byType[(int)t]);

    /// <summary>
    /// The totals of several ingests (one per marketplace): counts, rejects and skips added up. Changed
    /// sellers are united by id, so a seller id in two marketplaces counts once here.
    /// </summary>
    public static IngestSummary Sum(IEnumerable<IngestSummary> parts)
    {
        var sum = new IngestSummary();
        foreach (var part in parts)
        {
            sum.Accepted += part.Accepted;
            sum.Duplicates += part.Duplicates;
            sum.Conflicts += part.Conflicts;
            sum.FactsAdvanced += part.FactsAdvanced;
            sum.ChangedSellers.UnionWith(part.ChangedSellers);
            sum.Rejects.AddRange(part.Rejects);
            foreach (var (reason, count) in part.Skipped) sum.Skipped[reason] = sum.Skipped.GetValueOrDefault(reason) + count;
            for (var t = 0; t < sum._byType.Length; t++) sum._byType[t] += part._byType[t];
        }
        return sum;
    }

    internal void Count(IncomingEvent incoming, EventLogOutcome outcome)
    {
        switch (outcome)
        {
            case EventLogOutcome.Accepted:
                Accepted++;
                _byType[(int)incoming.Event.Type]++;
                break;
            case EventLogOutcome.Duplicate:
                Duplicates++;
                break;
            case EventLogOutcome.Conflict:
                Conflicts++;
                break;
        }
    }
}

/// <summary>
/// Feeds events into a store in batches, each batch one transaction, while the caller goes on reading:
/// one batch is written while the next is filled. Conflicts become rejects at the later event's
/// line (the first event stays). <see cref="Complete"/> writes the last batch and returns the summary.
/// </summary>
/// <remarks>
/// With <c>advanceFacts</c>, into a store that already holds facts, each batch's events are folded onto the
/// stored facts of the sellers they touch right after the batch commits, as a server's write does
/// (<see cref="FactProjection.AdvanceWhereItCan"/>); the sellers that cannot be advanced are left stale, for
/// the caller's <see cref="FactProjection.Refresh"/> to fold once when the load is done.
/// Into an empty store that allows it (<see cref="IBulkLoad"/>), the batches are written without the event
/// indexes, which are built once after the last batch; an event whose id an earlier batch may have written
/// waits until then and is judged against the store with the indexes, in reading order.
/// </remarks>
public sealed class EventIngester : IEventSink, IDisposable
{
    public const int DefaultBatchSize = 50_000;

    /// <summary>
    /// Events a first load keeps in memory at most for the fold at its end (<see cref="Loaded"/>), in their compact form
    /// (<see cref="CompactEvent"/>): 60–110 bytes each for the bench's events, so the 13 million of 100,000 sellers fit.
    /// A larger load (or one whose events take more than <see cref="KeptBytesAtMost"/>) lets them go and folds from the
    /// log, as before, so that what it holds stays bounded.
    /// </summary>
    public const int DefaultKeepUpTo = 20_000_000;

    /// <summary>Bytes the kept events' compact forms take at most (about 1 GB for 13 million of the bench's events).</summary>
    public const long KeptBytesAtMost = 1_536L << 20;

    private readonly IEventStore _store;
    private readonly int _batchSize;
    private readonly FactProjection? _projection;
    private readonly BlockingCollection<(List<IncomingEvent> Batch, BatchPlan? Plan)> _queue = new(boundedCapacity: 2);

    /// <summary>Set while this ingest loads an empty store without its indexes (<see cref="IBulkLoad"/>).</summary>
    private readonly IBulkLoad? _bulk;

    /// <summary>The ids written in the index-less load so far; null once the indexes are built.</summary>
    private SeenIds? _seen;

    /// <summary>Events read by the load without indexes so far: the log position the next one takes.</summary>
    private long _position;

    /// <summary>Events whose id may repeat one already written, kept for after the indexes are built.</summary>
    private List<IncomingEvent> _deferred = [];

    /// <summary>
    /// The events a first load has stored so far with their log positions, kept (on the writing thread) so that
    /// their sellers' facts are folded from memory at the end instead of from the log; null when not kept.
    /// </summary>
    private LoadedEvents? _loaded;

    /// <summary>The queue's sign for "build the indexes now", between the batches written before and after.</summary>
    private static readonly List<IncomingEvent> BuildIndexes = [];
    private readonly Thread _writer;
    private readonly object _gate = new();
    private List<IncomingEvent> _current;

    /// <summary>
    /// The canonical lines of <see cref="_current"/>'s events when each came with its line already rendered
    /// (<see cref="Add(StandingEvent, string, int, ReadOnlySpan{byte})"/>); null when any came without.
    /// </summary>
    private CanonicalLineBuffer? _currentLines;
    private Exception? _failure;
    private bool _completed;

    /// <param name="keepUpTo">
    /// with <paramref name="advanceFacts"/>, a first load keeps up to this many stored events in memory for the fold at its
    /// end (<see cref="Loaded"/>); past it they are let go and every seller is folded from the log
    /// </param>
    public EventIngester(IEventStore store, int batchSize = DefaultBatchSize, bool advanceFacts = false, int keepUpTo = DefaultKeepUpTo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _store = store;
        _batchSize = batchSize;
        // A store without facts (a first load) has nothing to advance: its facts are all folded at the end.
        _projection = advanceFacts && FactProjection.AnyStored(store) ? new FactProjection(store) : null;
        _current = new List<IncomingEvent>(batchSize);
        if (store is IBulkLoad bulk && bulk.BeginBulkLoad())
        {
            _bulk = bulk;
            _seen = new SeenIds();
            // The store held no event: every seller's facts are to be folded at the end, from what this load stores.
            if (advanceFacts && keepUpTo > 0) _loaded = new LoadedEvents(keepUpTo, KeptBytesAtMost);
        }
        _writer = new Thread(WriteBatches) { IsBackground = true, Name = "standing-ingest-writer" };
        _writer.Start();
    }

    public IngestSummary Summary { get; } = new();

    /// <summary>
    /// After <see cref="Complete"/>: every event this first load stored, with its log position, when it kept them all (see
    /// <see cref="FactProjection.Refresh(LoadedEvents, Action{long, long})"/>); null otherwise.
    /// </summary>
    public LoadedEvents? Loaded => _completed && Volatile.Read(ref _failure) is null ? _loaded : null;

    /// <summary>Events written (committed) so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    private long _written;

    private long _batches;

    /// <summary>Batches committed so far: each one stored for good, whatever happens to the next.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>New events (not duplicates) committed so far.</summary>
    public long Committed
    {
        get
        {
            lock (_gate)
            {
                return Summary.Accepted;
            }
        }
    }

    public void Add(StandingEvent ev, string file, int line)
    {
        _currentLines = null; // the batch's lines are rendered when it is planned
        _current.Add(new IncomingEvent(ev, file, line));
        if (_current.Count >= _batchSize)
        {
            Flush();
        }
    }

    /// <summary>
    /// Adds an event with its canonical line (<see cref="NdjsonEventWriter"/>, without the newline) already rendered,
    /// as a writer of the same event to a file has it: the batch's plan takes those bytes instead of rendering them
    /// again. A batch with any event added without its line renders them all as usual.
    /// </summary>
    public void Add(StandingEvent ev, string file, int line, ReadOnlySpan<byte> canonicalLine)
    {
        if (_current.Count == 0) _currentLines = new CanonicalLineBuffer(_batchSize);
        _currentLines?.Add(canonicalLine);
        _current.Add(new IncomingEvent(ev, file, line));
        if (_current.Count >= _batchSize)
        {
            Flush();
        }
    }

    public void Reject(Reject reject)
    {
        lock (_gate)
        {
            Summary.Rejects.Add(reject);
        }
    }

    public void Skip(string reason)
    {
        lock (_gate)
        {
            Summary.Skipped[reason] = Summary.Skipped.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>Writes what is buffered, waits for every batch to commit, and returns the summary.</summary>
    public IngestSummary Complete()
    {
        if (!_completed)
        {
            Flush();
            if (_seen is not null)
            {
                EndBulkLoad();
            }
            _completed = true;
            _queue.CompleteAdding();
            _writer.Join();
        }
        ThrowIfFailed();
        return Summary;
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _queue.CompleteAdding();
            _writer.Join();
        }
        _queue.Dispose();
    }

    private void Flush()
    {
        ThrowIfFailed();
        if (_seen is not null)
        {
            DeferPossibleRepeats();
        }
        Enqueue(_current, _currentLines);
        _current = new List<IncomingEvent>(_batchSize);
        _currentLines = null;
        if (_deferred.Count >= _batchSize)
        {
            EndBulkLoad(); // many repeats: what is deferred is bounded by one batch
        }
    }

    /// <summary>
    /// Moves the events whose id an earlier batch of the index-less load may have written to the deferred
    /// list (in reading order). Repeats inside the batch stay in it: its plan settles them.
    /// </summary>
    private void DeferPossibleRepeats()
    {
        var kept = new List<IncomingEvent>(_current.Count);
        var keptLines = _currentLines;
        for (var i = 0; i < _current.Count; i++)
        {
            // Each event keeps its reading order in the log, deferred or not: a seller's facts follow that order.
            var incoming = _current[i] with { Seq = ++_position };
            if (_seen!.MayContain(incoming.Event.Id))
            {
                _deferred.Add(incoming);
                // The lines rendered with the batch go with the events kept in it (the deferred ones render theirs later).
                if (keptLines is not null && ReferenceEquals(keptLines, _currentLines)) keptLines = LinesBefore(_currentLines, i);
            }
            else
            {
                kept.Add(incoming);
                if (keptLines is not null && !ReferenceEquals(keptLines, _currentLines)) keptLines.Add(_currentLines![i]);
            }
        }
        foreach (var incoming in kept) _seen!.Add(incoming.Event.Id);
        _current = kept;
        _currentLines = keptLines;
    }

    /// <summary>The first <paramref name="count"/> lines of <paramref name="lines"/>, in a new buffer.</summary>
    private CanonicalLineBuffer LinesBefore(CanonicalLineBuffer lines, int count)
    {
        var copy = new CanonicalLineBuffer(_batchSize);
        for (var k = 0; k < count; k++) copy.Add(lines[k]);
        return copy;
    }

    /// <summary>
    /// Has the writer build the indexes after the batches queued so far, then write the deferred events as
    /// ordinary batches (judged against the store, before any event read after them): from here on the load
    /// goes on with the indexes.
    /// </summary>
    private void EndBulkLoad()
    {
        _seen = null;
        AddToQueue((BuildIndexes, null));
        for (var i = 0; i < _deferred.Count; i += _batchSize)
        {
            Enqueue(_deferred.GetRange(i, Math.Min(_batchSize, _deferred.Count - i)));
        }
        _deferred = [];
    }

    private void Enqueue(List<IncomingEvent> batch, CanonicalLineBuffer? lines = null)
    {
        if (batch.Count == 0)
        {
            return;
        }
        // Plan (canonical lines, repeats inside the batch) here, on the reading thread, so the
        // writing thread only talks to the database.
        BatchPlan? plan = null;
        if (_store is IPlannedAppend)
        {
            var events = new StandingEvent[batch.Count];
            for (var i = 0; i < events.Length; i++) events[i] = batch[i].Event;
            plan = BatchPlan.For(events, lines);
            if (batch[0].Seq > 0)
            {
                plan.Seqs = [.. batch.Select(b => b.Seq)];
            }
        }
        AddToQueue((batch, plan));
    }

    private void AddToQueue((List<IncomingEvent> Batch, BatchPlan? Plan) item)
    {
        try
        {
            _queue.Add(item);
        }
        catch (InvalidOperationException)
        {
            ThrowIfFailed();
            throw;
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private void WriteBatches()
    {
        try
        {
            foreach (var (batch, plan) in _queue.GetConsumingEnumerable())
            {
                if (ReferenceEquals(batch, BuildIndexes))
                {
                    _bulk!.FinishBulkLoad();
                    continue;
                }
                var events = plan?.Batch ?? batch.Select(b => b.Event).ToArray();
                var before = _projection?.RowsBefore(events);
                AppendResult result;
                if (plan is not null)
                {
                    result = ((IPlannedAppend)_store).Append(plan);
                }
                else
                {
                    result = _store.Append(events);
                }
                _loaded?.Keep(batch, result);
                if (_loaded is { Abandoned: true }) _loaded = null;
                var advanced = 0;
                if (_projection is not null && result.ChangedSellers.Count > 0)
                {
                    _projection.AdvanceWhereItCan(before!, events, result);
                    advanced = _projection.LastAdvanced;
                }
                lock (_gate)
                {
                    Summary.FactsAdvanced += advanced;
                    Summary.ChangedSellers.UnionWith(result.ChangedSellers);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var outcome = result.Outcomes[i];
                        Summary.Count(batch[i], outcome);
                        if (outcome == EventLogOutcome.Conflict)
                        {
                            var incoming = batch[i];
                            var with = result.Conflicts[i];
                            var reason = with == AppendResult.Stored
                                ? $"conflict: event id \"{incoming.Event.Id}\" is already stored with a different body (the stored event is kept)"
                                : $"conflict: event id \"{incoming.Event.Id}\" was already read at {batch[with].File}:{batch[with].Line} with a different body";
                            Summary.Rejects.Add(new Reject(incoming.File, incoming.Line, reason, NdjsonEventWriter.ToLine(incoming.Event)));
                        }
                    }
                }
                Interlocked.Add(ref _written, batch.Count);
                Interlocked.Increment(ref _batches);
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _failure, e);
            // Unblock the reader: drain what is left so Add does not wait forever.
            foreach (var _ in _queue.GetConsumingEnumerable())
            {
            }
        }
    }
}
