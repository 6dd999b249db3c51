using Npgsql;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// On PostgreSQL each marketplace is a schema of one database: its appends take the advisory lock of
/// their own schema, so two marketplaces ingest side by side while one marketplace's writers still
/// take turns (docs/marketplaces.md).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMarketplaceLockTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_append_to_one_marketplace_waits_for_its_lock_while_another_marketplace_appends()
    {
        var database = cluster.NewDatabase();
        using (var main = EventStore.Open(database, create: true)) main.Append([Events.Placed("m0", "s")]);
        var north = MarketplaceStores.Target(database, "north");
        var south = MarketplaceStores.Target(database, "south");
        using var northStore = EventStore.Open(north, create: true);
        using var southStore = EventStore.Open(south, create: true);

        // Another writer of north holds north's append lock, in an open transaction.
        using var holder = new NpgsqlConnection(north);
        holder.Open();
        using var transaction = holder.BeginTransaction();
        using (var take = new NpgsqlCommand(PostgresEventStore.AppendLockStatement, holder, transaction)) take.ExecuteNonQuery();

        var southAppend = Task.Run(() => southStore.Append([Events.Placed("s1", "seller-s"), Events.Placed("s2", "seller-s", 1)]));
        var northAppend = Task.Run(() => northStore.Append([Events.Placed("n1", "seller-n")]));

        // South's schema has a lock of its own: its append is done while north's lock is still held.
        await southAppend.WaitAsync(Patience); // a TimeoutException: south waited for north's lock
        Assert.Equal(2, southStore.Count());

        // North's append waits for the holder: the server shows a session waiting for an advisory lock.
        Assert.True(WaitsForAdvisoryLock(holder, transaction), "no session waited for north's append lock");
        Assert.False(northAppend.IsCompleted);

        transaction.Commit();
        await northAppend.WaitAsync(Patience);
        Assert.Equal(1, northStore.Count());
    }

    private static bool WaitsForAdvisoryLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()", connection, transaction);
            if ((long)waiting.ExecuteScalar()! > 0) return true;
            Thread.Sleep(50);
        }
        return false;
    }
}
