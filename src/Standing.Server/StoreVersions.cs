using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Standing.Server;

/// <summary>
/// For each SQLite store the server reads, a number that changes whenever anything is committed to the file,
/// by this process or another (<c>standing ingest</c>, <c>keys revoke</c> beside the server): SQLite's
/// <c>PRAGMA data_version</c> on a connection of our own that never writes. While it stays the same, whatever was
/// read from the store is still what the store holds, so a read of it can be given again without opening the store.
/// </summary>
/// <remarks>
/// The pragma begins a read transaction, which looks at the write-ahead log's index: a microsecond, against a
/// pooled connection's pragmas and queries. PostgreSQL has no such number: <see cref="Of"/> gives null for it and
/// for a store that cannot be written (opened unpooled), and callers read the store as before.
/// </remarks>
public sealed class StoreVersions : IDisposable
{
    private readonly ConcurrentDictionary<string, Watch> _watches = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>The data version of the SQLite file <paramref name="path"/>, or null when it cannot be read (then read the store).</summary>
    public long? Of(string path)
    {
        if (_disposed) return null;
        return _watches.GetOrAdd(path, p => new Watch(p)).Version();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var watch in _watches.Values) watch.Dispose();
        _watches.Clear();
    }

    /// <summary>One store's connection and its prepared pragma, used by one request at a time.</summary>
    private sealed class Watch(string path) : IDisposable
    {
        private readonly object _gate = new();
        private SqliteConnection? _connection;
        private SqliteCommand? _pragma;
        private bool _closed;

        /// <summary>How many times the connection was opened: a new connection counts its versions from the start again.</summary>
        private long _opening;

        /// <summary>Calls to <see cref="Version"/> so far; the last read's answer serves every call up to <see cref="_answeredUpTo"/>.</summary>
        private long _asked;
        private long _answeredUpTo;
        private long? _answer;

        /// <summary>
        /// The version now. Under load many requests ask at once: a request that waited for the connection while another
        /// read it takes that answer when that read began after the request asked (it saw every commit made before), so
        /// the pragma runs once per wait, not once per waiting request.
        /// </summary>
        public long? Version()
        {
            var asked = Interlocked.Increment(ref _asked);
            lock (_gate)
            {
                if (_answeredUpTo >= asked) return _answer;
                _answeredUpTo = Volatile.Read(ref _asked);
                _answer = Read();
                return _answer;
            }
        }

        /// <summary>Reads the pragma (the caller holds the gate).</summary>
        private long? Read()
        {
            if (_closed) return null;
            try
            {
                if (_pragma is null)
                {
                    // Read-write like the server's own connections (a read-only one cannot open the log's index
                    // by itself), but it only ever reads this pragma.
                    _connection = new SqliteConnection(new SqliteConnectionStringBuilder
                    {
                        DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 5,
                    }.ToString());
                    _connection.Open();
                    _pragma = _connection.CreateCommand();
                    _pragma.CommandText = "PRAGMA data_version";
                    _opening++;
                }
                // Each opening's versions apart from the last's, so a number never stands for two states of the file.
                return (_opening << 40) + (long)_pragma.ExecuteScalar()!;
            }
            catch (SqliteException)
            {
                // The store is busy recovering or gone: this read goes to the store, the next one tries again.
                Close();
                return null;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Close();
                _closed = true;
            }
        }

        private void Close()
        {
            _pragma?.Dispose();
            _connection?.Dispose();
            _pragma = null;
            _connection = null;
        }
    }
}
