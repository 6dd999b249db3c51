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

    public IEventStore Events() => EventStore.Open(_target, create: false);

    public EnforcementStore Enforcement() => EnforcementStore.Open(_target);

    public KeyStore Keys() => KeyStore.Connect(_target, Name);
}
