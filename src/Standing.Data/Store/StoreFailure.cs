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

    public static string Describe(string? target, DbException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var store = string.IsNullOrWhiteSpace(target) ? "the event store" : EventStore.Label(target);
        if (error is SqliteException sqlite)
        {
            return (sqlite.SqliteErrorCode & 0xff) switch
            {
                SqliteReadOnly => $"{store}: the store is read-only (check the file's and its folder's permissions); nothing was changed",
                SqliteCorrupt or SqliteNotADb => $"{store}: the store is damaged ({sqlite.Message}); nothing was changed. Restore it from a backup, or ingest the original event files again into a new store",
                SqliteFull => $"{store}: the disk is full; nothing was changed",
                SqliteCantOpen or SqliteIoErr => $"{store}: cannot read or write the store file ({sqlite.Message}); nothing was changed",
                SqliteBusy or SqliteLocked => $"{store}: the store is locked by another program; nothing was changed, try again when it is done",
                _ => $"{store}: cannot use the event store: {sqlite.Message}; nothing was changed",
            };
        }
        if (error is PostgresException pg)
        {
            return pg.SqlState switch
            {
                "25006" or "42501" => $"{store}: the database refuses writes here ({pg.MessageText}); nothing was changed",
                "XX001" or "XX002" => $"{store}: the database reports damaged data ({pg.MessageText}); nothing was changed. Restore it from a backup",
                _ => $"{store}: the database failed: {pg.MessageText}; nothing was changed",
            };
        }
        return $"{store}: the store failed: {error.Message}; nothing was changed";
    }
}
