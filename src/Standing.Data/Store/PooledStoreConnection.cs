using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Standing.Data.Store;

/// <summary>
/// A pooled read-write connection to a store this process has already checked and migrated with
/// <see cref="EventStore.Open"/>: what the key, enforcement and backtest tables open for each server request,
/// so the native connection, its parsed schema and its page cache are kept between requests.
/// </summary>
internal static class PooledStoreConnection
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> SqliteStrings = new(StringComparer.Ordinal);

    /// <summary>
    /// The pooled connection string of the SQLite file <paramref name="path"/> (the pool is per string: the event and the
    /// enforcement tables share it), made once per path rather than by a string builder on every request.
    /// </summary>
    public static string SqliteString(string path) => SqliteStrings.GetOrAdd(path, p =>
        new SqliteConnectionStringBuilder { DataSource = p, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = 60 }.ToString());

    /// <summary>Opens it; a failure is told in <see cref="StoreFailure"/>'s words, naming the store by <paramref name="name"/>.</summary>
    public static DbConnection Open(string target, string name)
    {
        ArgumentNullException.ThrowIfNull(target);
        DbConnection connection = EventStore.IsPostgres(target)
            ? new NpgsqlConnection(target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target)
            : new SqliteConnection(SqliteString(target));
        try
        {
            connection.Open();
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw new EventStoreException(StoreFailure.Describe(name, e), e);
        }
        return connection;
    }
}
