using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Standing.Data.Store;

/// <summary>
/// Which native SQLite connections of the pool have had <see cref="SqliteEventStore.Connect"/>'s settings applied.
/// The pool hands the same native connection (the same handle object) to one open after another, and the settings
/// are the connection's own, so they are applied the first time a handle is seen and not again. Keyed by the
/// handle object, not its address: a connection the pool closes is forgotten with its handle, and a new one is
/// always set up.
/// </summary>
internal static class PooledSettings
{
    private static readonly ConditionalWeakTable<object, object> Done = new();

    private static readonly object Mark = new();

    /// <summary>Whether <paramref name="connection"/>'s native connection already has the settings.</summary>
    public static bool Applied(SqliteConnection connection) => connection.Handle is { } handle && Done.TryGetValue(handle, out _);

    /// <summary>Remembers that the settings were applied to <paramref name="connection"/>'s native connection (after they were).</summary>
    public static void Remember(SqliteConnection connection)
    {
        if (connection.Handle is { } handle) Done.AddOrUpdate(handle, Mark);
    }
}
