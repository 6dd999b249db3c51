using Microsoft.Data.Sqlite;

namespace Standing.Data.Store;

/// <summary>
/// Copies a SQLite store's write-ahead log into the database file on a connection and thread of its
/// own, started after a commit when the previous copy is done: the thread appending batches then
/// spends its time inserting, not writing every page a second time. A passive checkpoint never blocks
/// the writer; the automatic checkpoint stays as a backstop.
/// </summary>
internal sealed class WalCheckpointer(string connectionString) : IDisposable
{
    private Task _running = Task.CompletedTask;

    public void AfterCommit()
    {
        if (_running.IsCompleted)
        {
            _running = Task.Run(Checkpoint);
        }
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Nothing is lost: the log stays, and the automatic checkpoint or closing the store copies it.
        }
    }

    public void Dispose()
    {
        _running.Wait();
    }
}
