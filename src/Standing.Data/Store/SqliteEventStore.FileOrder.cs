using SQLitePCL;
using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>Every stored event read in one pass in the file's order (for <see cref="SellerEventsReadOnce"/>).</summary>
public sealed partial class SqliteEventStore
{
    /// <summary>
    /// Hands every stored event with its log position to <paramref name="each"/>, in rowid order: the table's pages in
    /// the order they were appended, so the file is read once front to back instead of a page here and a page there
    /// for each seller (a seller's events lie in arrival order across the whole file). One statement: one snapshot of
    /// the store, whatever is appended meanwhile.
    /// </summary>
    internal void ReadInFileOrder(Action<StandingEvent, long> each, CancellationToken cancel = default)
    {
        Check(raw.sqlite3_prepare_v2(_connection.Handle!, "SELECT seq, body FROM events", out var query));
        using (query)
        {
            int rc;
            var rows = 0;
            while ((rc = raw.sqlite3_step(query)) == raw.SQLITE_ROW)
            {
                if ((++rows & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                each(BatchPlan.Parse(raw.sqlite3_column_blob(query, 1), Name), raw.sqlite3_column_int64(query, 0));
            }
            Check(rc);
        }
    }
}
