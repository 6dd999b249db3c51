namespace Standing.Core.Events;

/// <summary>Where an event was read: the file as the user named it and its 1-based line.</summary>
public readonly record struct EventSource(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>What <see cref="EventLog.Add"/> did with an event.</summary>
public enum EventLogOutcome
{
    /// <summary>A new id: the event was kept.</summary>
    Accepted,

    /// <summary>The id was seen before with an equal body: a no-op, counted.</summary>
    Duplicate,

    /// <summary>The id was seen before with a different body: rejected, the first one stays.</summary>
    Conflict,
}

/// <summary>
/// The events accepted so far, in arrival order, de-duplicated by id within each marketplace (event
/// format: an id is unique per marketplace; the same id with the same body again is a no-op, with a
/// different body a conflict). Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Per event it keeps the event, its line number and its id in the de-duplication index; the file
/// names are kept once per run of consecutive events read from the same file.
/// </remarks>
public sealed class EventLog
{
    /// <summary>The marketplace of an event without the field (docs/marketplaces.md).</summary>
    private const string DefaultMarketplace = "default";

    private readonly List<StandingEvent> _events;
    private readonly List<int> _lines;
    private readonly List<(int First, string File)> _files = []; // from event First on, events came from File
    private readonly Dictionary<string, int> _byId; // the default marketplace's ids
    private Dictionary<string, Dictionary<string, int>>? _byIdIn; // other marketplaces' ids, by marketplace
    private readonly int[] _byType = new int[Enum.GetValues<EventType>().Length];

    public EventLog()
        : this(0)
    {
    }

    /// <param name="capacity">Expected number of events, to avoid regrowing large logs.</param>
    public EventLog(int capacity)
    {
        _events = new List<StandingEvent>(capacity);
        _lines = new List<int>(capacity);
        _byId = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
    }

    /// <summary>Makes room for <paramref name="capacity"/> events in all, so a large read does not regrow the log.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= _events.Capacity) return;
        _events.Capacity = capacity;
        _lines.Capacity = capacity;
        _byId.EnsureCapacity(capacity);
    }

    /// <summary>The accepted events, in arrival order.</summary>
    public IReadOnlyList<StandingEvent> Events => _events;

    public int AcceptedCount => _events.Count;

    public int DuplicateCount { get; private set; }

    public int ConflictCount { get; private set; }

    /// <summary>Accepted events per type (types with none are absent).</summary>
    public IReadOnlyDictionary<EventType, int> AcceptedByType
    {
        get
        {
            var counts = new SortedDictionary<EventType, int>();
            for (var i = 0; i < _byType.Length; i++)
            {
                if (_byType[i] > 0)
                {
                    counts[(EventType)i] = _byType[i];
                }
            }
            return counts;
        }
    }

    /// <summary>How many events of <paramref name="type"/> were accepted.</summary>
    public int AcceptedOf(EventType type) => _byType[(int)type];

    /// <summary>Where the accepted event with this id was read (the default marketplace's).</summary>
    public bool TryGetSource(string id, out EventSource source) => TryGetSource(null, id, out source);

    /// <summary>Where the accepted event with this id in <paramref name="marketplace"/> (null: the default) was read.</summary>
    public bool TryGetSource(string? marketplace, string id, out EventSource source)
    {
        if (IdsOf(marketplace, create: false) is { } ids && ids.TryGetValue(id, out var index))
        {
            source = SourceAt(index);
            return true;
        }
        source = default;
        return false;
    }

    /// <summary>The source of the accepted event at <paramref name="index"/> in <see cref="Events"/>.</summary>
    public EventSource SourceAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _events.Count);
        // The last run whose first event is at or before index.
        int low = 0, high = _files.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_files[middle].First <= index) low = middle;
            else high = middle - 1;
        }
        return new EventSource(_files[low].File, _lines[index]);
    }

    public EventLogOutcome Add(StandingEvent ev, string file, int line) => Add(ev, file, line, out _);

    /// <summary>
    /// Offers an event read at <paramref name="file"/>:<paramref name="line"/>. On a conflict,
    /// <paramref name="conflictReason"/> says where the first event with that id was read.
    /// </summary>
    public EventLogOutcome Add(StandingEvent ev, string file, int line, out string? conflictReason)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(file);

        // Ids are unique per marketplace: the same id in two marketplaces is two events.
        ref var first = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(IdsOf(ev.Marketplace, create: true)!, ev.Id, out var seen);
        if (!seen)
        {
            first = _events.Count;
            if (_files.Count == 0 || !string.Equals(_files[^1].File, file, StringComparison.Ordinal))
            {
                _files.Add((_events.Count, file));
            }
            _events.Add(ev);
            _lines.Add(line);
            _byType[(int)ev.Type]++;
            conflictReason = null;
            return EventLogOutcome.Accepted;
        }

        if (_events[first].Equals(ev))
        {
            DuplicateCount++;
            conflictReason = null;
            return EventLogOutcome.Duplicate;
        }

        ConflictCount++;
        conflictReason = $"conflict: event id \"{ev.Id}\" was already read at {SourceAt(first)} with a different body";
        return EventLogOutcome.Conflict;
    }

    /// <summary>The id index of a marketplace; the default one (no field, or "default") is kept apart so its lookups stay a single dictionary.</summary>
    private Dictionary<string, int>? IdsOf(string? marketplace, bool create)
    {
        if (marketplace is null || string.Equals(marketplace, DefaultMarketplace, StringComparison.Ordinal))
        {
            return _byId;
        }
        if (_byIdIn is null)
        {
            if (!create) return null;
            _byIdIn = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        }
        if (!_byIdIn.TryGetValue(marketplace, out var ids) && create)
        {
            ids = new Dictionary<string, int>(StringComparer.Ordinal);
            _byIdIn.Add(marketplace, ids);
        }
        return ids;
    }
}
