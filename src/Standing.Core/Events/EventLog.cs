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
/// The events accepted so far, in arrival order, de-duplicated by id (event format: the same id with
/// the same body again is a no-op, with a different body a conflict). Pure: no I/O, no clock.
/// </summary>
public sealed class EventLog
{
    private readonly List<StandingEvent> _events;
    private readonly List<EventSource> _sources;
    private readonly Dictionary<string, int> _byId;
    private readonly int[] _byType = new int[Enum.GetValues<EventType>().Length];

    public EventLog()
        : this(0)
    {
    }

    /// <param name="capacity">Expected number of events, to avoid regrowing large logs.</param>
    public EventLog(int capacity)
    {
        _events = new List<StandingEvent>(capacity);
        _sources = new List<EventSource>(capacity);
        _byId = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
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

    /// <summary>Where the accepted event with this id was read.</summary>
    public bool TryGetSource(string id, out EventSource source)
    {
        if (_byId.TryGetValue(id, out var index))
        {
            source = _sources[index];
            return true;
        }
        source = default;
        return false;
    }

    /// <summary>The source of the accepted event at <paramref name="index"/> in <see cref="Events"/>.</summary>
    public EventSource SourceAt(int index) => _sources[index];

    public EventLogOutcome Add(StandingEvent ev, string file, int line) => Add(ev, file, line, out _);

    /// <summary>
    /// Offers an event read at <paramref name="file"/>:<paramref name="line"/>. On a conflict,
    /// <paramref name="conflictReason"/> says where the first event with that id was read.
    /// </summary>
    public EventLogOutcome Add(StandingEvent ev, string file, int line, out string? conflictReason)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(file);

        if (_byId.TryAdd(ev.Id, _events.Count))
        {
            _events.Add(ev);
            _sources.Add(new EventSource(file, line));
            _byType[(int)ev.Type]++;
            conflictReason = null;
            return EventLogOutcome.Accepted;
        }

        var first = _byId[ev.Id];
        if (_events[first].Equals(ev))
        {
            DuplicateCount++;
            conflictReason = null;
            return EventLogOutcome.Duplicate;
        }

        ConflictCount++;
        conflictReason = $"conflict: event id \"{ev.Id}\" was already read at {_sources[first]} with a different body";
        return EventLogOutcome.Conflict;
    }
}
