using Microsoft.Data.Sqlite;

namespace Standing.Data.Store;

/// <summary>
/// A first load without the event indexes (docs/ingest.md, "A first load"): rows are appended to the table
/// alone and the two indexes are built once at the end, each by one sort. While they are pending,
/// <c>standing_meta</c> holds <see cref="IndexesPendingKey"/> and the loading process holds an exclusive lock
/// on the file <c>STORE-load</c> beside the store (released by the kernel when the process dies). Every
/// other append builds the indexes first, whether the loader is alive or not, so no row is ever added
/// unchecked but the loader's, whose ids are all different (<see cref="EventIngester"/> defers the rest);
/// opening the store builds them when the loader is gone (a killed load).
/// </summary>
public sealed partial class SqliteEventStore : IBulkLoad
{
    private const string IndexesPendingKey = "indexes_pending";
    private const int SqliteFullCode = 13; // SQLITE_FULL
    private const int SqliteIoErrCode = 10; // SQLITE_IOERR: a write that found no room can also end here

    /// <summary>The event indexes as the schema creates them (StoreSchema versions 1 and 2), by name.</summary>
    private static readonly (string Name, string Sql)[] EventIndexes =
    [
        ("events_by_id", "CREATE UNIQUE INDEX events_by_id ON events (id)"),
        ("events_by_seller", "CREATE INDEX events_by_seller ON events (seller)"),
    ];

    /// <summary>Held while this connection loads without the indexes.</summary>
    private FileStream? _loadLock;

    private string LoadLockPath => Name + "-load";

    bool IBulkLoad.BeginBulkLoad()
    {
        if (IsReadOnly || _loadLock is not null)
        {
            return false;
        }
        var held = TryLock(LoadLockPath);
        if (held is null)
        {
            return false;
        }
        using var transaction = _connection.BeginTransaction(deferred: false);
        if (ScalarIn("SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM standing_meta WHERE key = '" + IndexesPendingKey + "')", transaction) is not 0L)
        {
            transaction.Rollback();
            held.Dispose();
            TryDelete(LoadLockPath);
            return false;
        }
        foreach (var (name, _) in EventIndexes)
        {
            Execute($"DROP INDEX IF EXISTS {name}", transaction);
        }
        Execute($"INSERT INTO standing_meta (key, value) VALUES ('{IndexesPendingKey}', 'a first load is building them at its end')", transaction);
        transaction.Commit();
        _loadLock = held;
        return true;
    }

    void IBulkLoad.FinishBulkLoad()
    {
        BuildPendingIndexes();
        ReleaseLoadLock();
    }

    /// <summary>On opening: a load killed before its indexes were built leaves them to the next process; build them now.</summary>
    private void FinishInterruptedLoad()
    {
        if (ScalarIn($"SELECT count(*) FROM standing_meta WHERE key = '{IndexesPendingKey}'", null) is 0L)
        {
            return;
        }
        using var held = TryLock(LoadLockPath);
        if (held is null)
        {
            return; // the loader is alive and builds them itself (or the next append does)
        }
        try
        {
            BuildPendingIndexes();
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xff) is SqliteFullCode or SqliteIoErrCode)
        {
            // A load cut short by a full disk cannot build its indexes on that disk either. The store is
            // still read (without the indexes: slower, the same answers); the marker stays, so the next
            // write, or the next opening on a disk with room, builds them.
            return;
        }
        TryDelete(LoadLockPath);
    }

    private void BuildPendingIndexes()
    {
        // The sorts spill to temporary files rather than memory: a load of 13 million events would
        // otherwise hold every id and seller in memory at once.
        Execute("PRAGMA temp_store = FILE");
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            BuildPendingIndexes(transaction);
            transaction.Commit();
        }
        finally
        {
            Execute("PRAGMA temp_store = MEMORY");
        }
    }

    /// <summary>In <paramref name="transaction"/>: when the marker is set, creates the missing event indexes and clears it.</summary>
    private void BuildPendingIndexes(SqliteTransaction transaction)
    {
        if (ScalarIn($"SELECT count(*) FROM standing_meta WHERE key = '{IndexesPendingKey}'", transaction) is 0L)
        {
            return;
        }
        foreach (var (name, sql) in EventIndexes)
        {
            if (ScalarIn($"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{name}'", transaction) is 0L)
            {
                Execute(sql, transaction);
            }
        }
        Execute($"DELETE FROM standing_meta WHERE key = '{IndexesPendingKey}'", transaction);
    }

    private void ReleaseLoadLock()
    {
        if (_loadLock is null)
        {
            return;
        }
        _loadLock.Dispose();
        _loadLock = null;
        TryDelete(LoadLockPath);
    }

    /// <summary>An exclusive lock on <paramref name="path"/> (created if need be), or null while another process holds it.</summary>
    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A lock file left behind holds nothing: the next load takes it again.
        }
    }

    private object? ScalarIn(string sql, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
