using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Standing.Data.Store;

/// <summary>
/// Turns a database error met while using a store (after it opened) into a message for the user:
/// which store, what went wrong, and what to do. Nothing is committed by the failed step: every
/// write is one transaction.
/// </summary>
public static class StoreFailure
{
    // SQLite primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteFull = 13;
    private const int SqliteNotADb = 26;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoErr = 10;

    /// <param name="target">The store as the user named it.</param>
    /// <param name="error">What the database said.</param>
    /// <param name="committed">
    /// New events and batches an ingest committed before the failed batch: they stay stored, and the
    /// message says so instead of "nothing was changed".
    /// </param>
    public static string Describe(string? target, DbException error, (long Events, long Batches)? committed = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var store = string.IsNullOrWhiteSpace(target) ? "the event store" : EventStore.Label(target);
        var unchanged = committed is { Batches: > 0 } c
            ? $"the batch being written was not stored, but the {c.Batches} batch{(c.Batches == 1 ? "" : "es")} before it {(c.Batches == 1 ? "was" : "were")} ({c.Events} new event{(c.Events == 1 ? "" : "s")}, stored for good); run the same command again to complete it (what is stored counts as duplicates)"
            : "nothing was changed";
        if (error is SqliteException sqlite)
        {
            return (sqlite.SqliteErrorCode & 0xff) switch
            {
                SqliteReadOnly => $"{store}: the store can only be read here (its file, folder or disk is read-only), and this command writes to it; {unchanged}. evaluate, explain, causes and cases list/show still read it",
                SqliteCorrupt or SqliteNotADb => $"{store}: the store is damaged ({sqlite.Message}); {unchanged}. Restore it from a backup, or ingest the original event files again into a new store",
                SqliteFull => $"{store}: the disk is full; {unchanged}",
                SqliteCantOpen or SqliteIoErr => $"{store}: cannot read or write the store file ({sqlite.Message}); {unchanged}",
                SqliteBusy or SqliteLocked => $"{store}: the store is locked by another program; {unchanged}, try again when it is done",
                _ => $"{store}: cannot use the event store: {sqlite.Message}; {unchanged}",
            };
        }
        if (error is PostgresException pg)
        {
            return pg.SqlState switch
            {
                "25006" or "42501" => $"{store}: the database refuses writes here ({pg.MessageText}); {unchanged}",
                "53100" => $"{store}: the database server's disk is full; {unchanged}",
                "XX001" or "XX002" => $"{store}: the database reports damaged data ({pg.MessageText}); {unchanged}. Restore it from a backup",
                _ => $"{store}: the database failed: {pg.MessageText}; {unchanged}",
            };
        }
        return $"{store}: the store failed: {error.Message}; {unchanged}";
    }
}
