using Microsoft.Data.Sqlite;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// A server's pooled connections (<see cref="SqliteEventStore.Connect"/>) are set up once per native connection:
/// each must still have the server's page cache and memory map, whether the pool made it for this open or handed
/// back one an earlier open set up.
/// </summary>
public sealed class PooledSettingsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void Every_pooled_connection_has_the_servers_settings_new_or_handed_back()
    {
        var path = _temp.File("store.db");
        SqliteEventStore.Open(path, create: true).Dispose();
        // Two open at once: two native connections, both new to the pool.
        using (var first = SqliteEventStore.Connect(path))
        using (var second = SqliteEventStore.Connect(path))
        {
            HasTheSettings(first);
            HasTheSettings(second);
        }
        // Handed back by the pool: not set up again, still set.
        using (var again = SqliteEventStore.Connect(path)) HasTheSettings(again);
        // The pool's connections closed: the next open is a new native connection, set up again.
        SqliteConnection.ClearAllPools();
        using (var fresh = SqliteEventStore.Connect(path)) HasTheSettings(fresh);
    }

    private static void HasTheSettings(SqliteEventStore store)
    {
        Assert.Equal(-SqliteEventStore.PooledCacheKiB, Convert.ToInt64(store.Setting("cache_size"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SqliteEventStore.PooledMapBytes, Convert.ToInt64(store.Setting("mmap_size"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(16384L, Convert.ToInt64(store.Setting("wal_autocheckpoint"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
