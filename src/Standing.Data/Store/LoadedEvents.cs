using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// The events a first load stored, with the log position each took, kept in memory so that the sellers' facts are
/// folded from them when the load ends rather than read back from the log and parsed again (most of what a first load
/// cost). Up to a limit: past it the events are let go (<see cref="Abandoned"/>) and the fold reads the log, so that
/// what a load holds stays bounded whatever its size.
/// </summary>
internal sealed class LoadedEvents(int limit)
{
    private List<StandingEvent>? _events = [];
    private List<long>? _positions = [];

    /// <summary>Whether the events were let go: more than the limit, or one stored without a known log position.</summary>
    public bool Abandoned => _events is null;

    /// <summary>Keeps the events of <paramref name="batch"/> that the store accepted (<paramref name="result"/>).</summary>
    public void Keep(IReadOnlyList<IncomingEvent> batch, AppendResult result)
    {
        if (_events is null || _positions is null) return;
        for (var i = 0; i < batch.Count; i++)
        {
            if (result.Outcomes[i] != EventLogOutcome.Accepted) continue;
            // A batch written after a load without indexes ended early takes the next free positions, which this does not know.
            if (batch[i].Seq <= 0 || _events.Count >= limit)
            {
                (_events, _positions) = (null, null);
                return;
            }
            _events.Add(batch[i].Event);
            _positions.Add(batch[i].Seq);
        }
    }

    /// <summary>
    /// The kept events in log order: reading order, which events deferred until the indexes were built keep too
    /// (they are stored after the others but take their reading place).
    /// </summary>
    public IReadOnlyList<StandingEvent>? InLogOrder()
    {
        if (_events is null || _positions is null) return null;
        for (var i = 1; i < _positions.Count; i++)
        {
            if (_positions[i] < _positions[i - 1])
            {
                var positions = _positions.ToArray();
                var events = _events.ToArray();
                Array.Sort(positions, events);
                (_events, _positions) = ([.. events], [.. positions]);
                break;
            }
        }
        return _events;
    }
}
