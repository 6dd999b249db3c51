using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Server;

/// <summary>
/// Opens the store the server was started on, once per request (connections are not shared between
/// requests; SQLite serialises writers with its own lock, PostgreSQL with transactions).
/// </summary>
public sealed class StoreAccess
{
    private readonly string _target;

    /// <summary>Checks the store (ours, schema up to date) once, at start; raises <see cref="EventStoreException"/> when it is not usable.</summary>
    public StoreAccess(string target)
    {
        _target = target;
        using var events = EventStore.Open(target, create: false);
        Name = events.Name;
        Engine = events.Engine;
    }

    public string Name { get; }

    public string Engine { get; }

    /// <summary>
    /// Where the store's data ends for a policy: the later of its latest run's as-of and the instant just
    /// after the latest stored event (to the millisecond, so that event counts: evaluations know only the
    /// events before their as-of). Null when the store has neither. A replayed or simulated history lies
    /// far from today, so reads without as-of are answered here, never at the wall clock.
    /// </summary>
    public Instant? DataTime(string policy)
    {
        Instant? latestEvent;
        using (var events = Events()) latestEvent = events.LatestEventAt();
        Instant? latestRun;
        using (var store = Enforcement()) latestRun = store.Runs(policy).Latest;
        Instant? afterEvent = latestEvent is { } e ? Instant.FromUnixTimeMilliseconds(e.ToUnixTimeTicks() / NodaConstants.TicksPerMillisecond + 1) : null;
        return afterEvent is { } a && latestRun is { } r ? (a > r ? a : r) : afterEvent ?? latestRun;
    }

    public IEventStore Events() => EventStore.Open(_target, create: false);

    public EnforcementStore Enforcement() => EnforcementStore.Open(_target);

    public KeyStore Keys() => KeyStore.Connect(_target, Name);
}
