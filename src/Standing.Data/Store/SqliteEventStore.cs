using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;
using SQLitePCL;
using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// The event store in one SQLite file (WAL journal: a killed process loses at most the batch it was
/// writing, never a committed one). Opening checks the file is ours before anything is written.
/// </summary>
public sealed partial class SqliteEventStore : IEventStore, IPlannedAppend
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private static readonly byte[][] TypeNames = Utf8TypeNames();

    /// <summary>
    /// Each event type's name as UTF-8, by its number. A plain loop: a query over the enum's values is code no
    /// ahead-of-time image holds (generic code over a value type of another assembly), compiled at every start
    /// of a process that opens a store.
    /// </summary>
    private static byte[][] Utf8TypeNames()
    {
        var types = Enum.GetValues<EventType>();
        var names = new byte[types.Length][];
        foreach (var type in types)
        {
            names[(int)type] = System.Text.Encoding.UTF8.GetBytes(EventSchema.Name(type));
        }
        return names;
    }

    private readonly SqliteConnection _connection;

    private readonly WalCheckpointer _checkpointer;

    private SqliteEventStore(string path, SqliteConnection connection)
    {
        Name = path;
        _connection = connection;
        _checkpointer = new WalCheckpointer(connection.ConnectionString);
    }

    public string Engine => "sqlite";

    public bool ReadsInArrivalOrder => true;

    public string Name { get; }

    /// <summary>Opens (and with <paramref name="create"/> creates) the store at <paramref name="path"/>.</summary>
    public static SqliteEventStore Open(string path, bool create)
    {
        var exists = File.Exists(path);
        if (!exists && Directory.Exists(path))
        {
            throw new EventStoreException($"{path}: is a directory, not an event store");
        }
        if (!exists && !create)
        {
            throw new EventStoreException($"{path}: no such event store (create one with standing ingest --db {path})");
        }
        if (exists && !create && new FileInfo(path).Length == 0)
        {
            // An empty file is not a store: a read must not turn it into one.
            throw new EventStoreException($"{path}: no Standing event store in this file (it is empty; create a store with standing ingest --db {path})");
        }
        if (exists)
        {
            CheckHeader(path);
        }

        if (!exists && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            throw new EventStoreException($"{path}: the folder {folder} does not exist (create it first, or name a store in a folder that exists)");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            if (exists && OpenedReadOnly(connection))
            {
                // SQLite opens a file it may not write read-only without a word; reads of a WAL
                // store then fail later. Take the read-only path now.
                throw new SqliteException("attempt to write a readonly database", 8);
            }
            var store = new SqliteEventStore(path, connection);
            store.Prepare();
            return store;
        }
        catch (SqliteException e) when (exists && CannotWrite(e))
        {
            connection.Dispose();
            var store = OpenReadOnly(path, e);
            if (create)
            {
                store.Dispose();
                throw new EventStoreException(ReadOnlyRefusal(path));
            }
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new EventStoreException(StoreFailure.Describe(path, e), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How much of the store file a connection maps into memory (256 MiB). The mapped pages a job or a server
    /// touched count in its resident set: with 2 GiB, a 100,000-seller store added 1.5–2.1 GB to every long
    /// command's peak. A fold of every seller (`rebuild`, the end of a first load) pays about a tenth more CPU
    /// for its scattered reads (docs/performance.md, "A smaller memory map").
    /// </summary>
    internal const long MapBytes = 256L * 1024 * 1024;

    /// <summary>
    /// A pooled connection's page cache (32 MiB, in KiB) and map (64 MiB): the pool keeps each connection a server had
    /// open at once, with its cache full, and a map's pages count in the resident set once per connection that maps
    /// them. With a job's 128 MiB cache and 256 MiB map, four pooled connections held up to 1.5 GB of a server's
    /// resident set on the 100,000-seller store (docs/performance.md, "Every standard's list kept as the pages show it").
    /// </summary>
    internal const long PooledMapBytes = 64L * 1024 * 1024, PooledCacheKiB = 32 * 1024;

    /// <summary>
    /// Opens a store this process has already opened with <see cref="Open"/> (which checked it is ours and
    /// brought its schema up to date) on a pooled connection, without checking again: what a server does on
    /// every request. The pool keeps the native connection, its parsed schema and its page cache between
    /// requests; the per-connection settings are applied again, since a pooled connection may be new.
    /// </summary>
    public static SqliteEventStore Connect(string path)
    {
        var connection = new SqliteConnection(PooledStoreConnection.SqliteString(path));
        try
        {
            connection.Open();
            var store = new SqliteEventStore(path, connection);
            // Once per native connection: a pooled one keeps its settings, and a server's every read opened one and
            // parsed the five again (each a statement prepared, about a tenth of a first standing read's store work).
            if (!PooledSettings.Applied(connection))
            {
                store.Execute($"PRAGMA synchronous = FULL; PRAGMA cache_size = -{PooledCacheKiB}; PRAGMA temp_store = MEMORY; " +
                    $"PRAGMA mmap_size = {PooledMapBytes}; PRAGMA wal_autocheckpoint = 16384");
                PooledSettings.Remember(connection);
            }
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new EventStoreException(StoreFailure.Describe(path, e), e);
        }
    }

    /// <summary>The one sentence a command that writes gets from a store it may only read.</summary>
    public static string ReadOnlyRefusal(string path) =>
        StoreFailure.Describe(path, new SqliteException("attempt to write a readonly database", 8));

    /// <summary>Opening for writing failed the way a read-only file, folder or disk fails it.</summary>
    private static bool CannotWrite(SqliteException e) => (e.SqliteErrorCode & 0xff) is 8 or 14; // SQLITE_READONLY, SQLITE_CANTOPEN

    /// <summary>
    /// Opens a store that cannot be written (docs/ingest.md: a read-only store is still read). A store
    /// in WAL mode on a read-only disk has no shared-memory file to open, so it is read as immutable.
    /// Raises the first error, described, when it cannot be read either.
    /// </summary>
    private static SqliteEventStore OpenReadOnly(string path, SqliteException first)
    {
        foreach (var connectionString in ReadOnlyConnectionStrings(path))
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                var store = new SqliteEventStore(path, connection) { IsReadOnly = true };
                store.PrepareReadOnly();
                store.Scalar("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)"); // reads a page: the WAL index opens
                return store;
            }
            catch (SqliteException)
            {
                connection.Dispose();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        throw new EventStoreException(StoreFailure.Describe(path, first), first);
    }

    /// <summary>Whether SQLite opened the connection's database read-only (it may not write the file).</summary>
    public static bool OpenedReadOnly(SqliteConnection connection) => raw.sqlite3_db_readonly(connection.Handle, "main") == 1;

    /// <summary>How to read a store file that cannot be written: as is, then (WAL on a read-only disk) as immutable.</summary>
    public static IEnumerable<string> ReadOnlyConnectionStrings(string path)
    {
        var uri = "file:" + Uri.EscapeDataString(Path.GetFullPath(path)).Replace("%2F", "/", StringComparison.Ordinal) + "?immutable=1";
        foreach (var source in new[] { path, uri })
        {
            yield return new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 60 }.ToString();
        }
    }

    /// <summary>Whether the store was opened read-only (its writes fail, described as such).</summary>
    public bool IsReadOnly { get; private init; }

    private void PrepareReadOnly()
    {
        var applicationId = Convert.ToInt32(Scalar("PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        if (applicationId != StoreSchema.SqliteApplicationId && applicationId != 0)
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, $"SQLite application id {applicationId:x8} is another program's"));
        }
        if (Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'standing_meta'") is not (long and > 0))
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, "it has no standing_meta table"));
        }
        var version = ReadVersion();
        if (version > StoreSchema.CurrentVersion)
        {
            throw new EventStoreException(StoreSchema.Newer(Name, version));
        }
        if (version < StoreSchema.CurrentVersion)
        {
            throw new EventStoreException($"{Name}: the store is read-only here and from an older version of Standing (schema {version}, this one reads {StoreSchema.CurrentVersion}); open it once where it can be written to bring it up to date");
        }
        Execute("PRAGMA cache_size = -131072");
        Execute("PRAGMA temp_store = MEMORY");
        Execute($"PRAGMA mmap_size = {MapBytes}");
    }

    private static void CheckHeader(string path)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EventStoreException($"{path}: cannot read: {e.Message}", e);
        }
        if (read != 0 && (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader)))
        {
            throw new EventStoreException(StoreSchema.NotOurs(path, "not a SQLite database"));
        }
    }

    private void Prepare()
    {
        var applicationId = Convert.ToInt32(Scalar("PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = new List<string>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        int version;
        if (tables.Count == 0 && applicationId == 0)
        {
            version = 0; // a new, empty database: ours to set up
        }
        else
        {
            if (applicationId != StoreSchema.SqliteApplicationId && applicationId != 0)
            {
                throw new EventStoreException(StoreSchema.NotOurs(Name, $"SQLite application id {applicationId:x8} is another program's"));
            }
            if (!tables.Contains("standing_meta"))
            {
                throw new EventStoreException(StoreSchema.NotOurs(Name, $"it holds other tables: {string.Join(", ", tables.Take(5))}"));
            }
            version = ReadVersion();
        }

        if (version > StoreSchema.CurrentVersion)
        {
            throw new EventStoreException(StoreSchema.Newer(Name, version));
        }
        if (version == 0)
        {
            // Set before the first table: 16 KiB pages take a bulk load with about a quarter of the page
            // writes and page-cache lookups of the default 4 KiB (measured with standing bench --ingest).
            Execute($"PRAGMA page_size = {StoreSchema.SqlitePageSize}");
        }
        if (version < StoreSchema.CurrentVersion)
        {
            Migrate(version);
        }
        Execute("PRAGMA journal_mode = WAL");
        // A batch reported as stored survives a power cut: in WAL mode FULL syncs the log at each commit,
        // one fsync per batch of up to 50,000 events (docs/ingest.md gives the measured cost).
        Execute("PRAGMA synchronous = FULL");
        Execute("PRAGMA cache_size = -131072");
        Execute("PRAGMA temp_store = MEMORY");
        // Reads by seller jump across a log stored in arrival order: through a memory map they cost no
        // system call per page, within the map's size.
        Execute($"PRAGMA mmap_size = {MapBytes}");
        Execute("PRAGMA wal_autocheckpoint = 16384"); // checkpoint every 64 MiB of log, not every 4 MiB
        FinishInterruptedLoad();
    }

    private int ReadVersion()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM standing_meta";
        string? application = null;
        string? version = null;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                switch (reader.GetString(0))
                {
                    case "application": application = reader.GetString(1); break;
                    case "schema_version": version = reader.GetString(1); break;
                }
            }
        }
        if (application != StoreSchema.Application)
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, $"its standing_meta names application \"{application}\""));
        }
        if (!int.TryParse(version, out var number) || number < 1)
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, $"schema version \"{version}\" is not a number"));
        }
        return number;
    }

    private void Migrate(int from)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        // Another process (an ingest creating the file, a reader opening it) may have migrated since we
        // looked: read the version again under the write lock and carry on from there.
        from = ReadVersionIn(transaction);
        if (from > StoreSchema.CurrentVersion)
        {
            throw new EventStoreException(StoreSchema.Newer(Name, from));
        }
        if (from == StoreSchema.CurrentVersion)
        {
            transaction.Commit();
            return;
        }
        for (var v = from + 1; v <= StoreSchema.CurrentVersion; v++)
        {
            foreach (var sql in StoreSchema.Sqlite[v - 1])
            {
                Execute(sql, transaction);
            }
            Execute($"INSERT INTO standing_meta (key, value) VALUES ('application', '{StoreSchema.Application}') ON CONFLICT (key) DO NOTHING", transaction);
            Execute($"INSERT INTO standing_meta (key, value) VALUES ('schema_version', '{v}') ON CONFLICT (key) DO UPDATE SET value = excluded.value", transaction);
        }
        Execute($"PRAGMA application_id = {StoreSchema.SqliteApplicationId}", transaction);
        transaction.Commit();
    }

    private int ReadVersionIn(SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'standing_meta'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }
        command.CommandText = "SELECT value FROM standing_meta WHERE key = 'schema_version'";
        return int.Parse((string)command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public AppendResult Append(IReadOnlyList<StandingEvent> batch) => Append(BatchPlan.For(batch));

    AppendResult IPlannedAppend.Append(BatchPlan plan) => Append(plan);

    private AppendResult Append(BatchPlan plan)
    {
        var batch = plan.Batch;
        using var transaction = _connection.BeginTransaction(deferred: false);
        if (_loadLock is null)
        {
            BuildPendingIndexes(transaction); // another process's first load is still on: never insert beside it without the id index
        }
        using var lookup = _connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT body FROM events WHERE id = $id";
        var lookupId = lookup.Parameters.Add("$id", SqliteType.Text);

        // The bulk path talks to SQLite directly (one prepared statement, bind, step, reset), in the
        // transaction the connection holds: the driver's per-command work would cost more than SQLite.
        var db = _connection.Handle!;
        var accepted = 0;
        // ?6, the row's place in the log: NULL takes the next one; a load without indexes gives each event its reading order.
        Check(raw.sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO events (seller, id, type, at, body, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", out var insert));
        using (insert)
        {
            foreach (var i in plan.Firsts)
            {
                var ev = batch[i];
                Check(raw.sqlite3_bind_text(insert, 1, plan.Utf8Seller(i)));
                Check(raw.sqlite3_bind_text(insert, 2, plan.Utf8Id(i)));
                Check(raw.sqlite3_bind_text(insert, 3, TypeNames[(int)ev.Type]));
                Check(raw.sqlite3_bind_int64(insert, 4, Micros(ev.At)));
                Check(raw.sqlite3_bind_text(insert, 5, plan.Utf8Line(i)));
                Check(plan.Seqs is { } seqs ? raw.sqlite3_bind_int64(insert, 6, seqs[i]) : raw.sqlite3_bind_null(insert, 6));
                var added = Step(insert);
                string? stored = null;
                if (added == 0)
                {
                    lookupId.Value = ev.Id;
                    stored = lookup.ExecuteScalar() as string;
                }
                if (added == 0 && stored is null)
                {
                    // Not the id: its place was taken by another process's append during the load. The next free one.
                    Check(raw.sqlite3_bind_null(insert, 6));
                    added = Step(insert);
                }
                if (added == 0)
                {
                    plan.AgainstStored(i, stored!);
                }
                else
                {
                    accepted++;
                }
            }
        }
        plan.Accepted(accepted, i => plan.Outcomes[i] == EventLogOutcome.Accepted);
        if (plan.Changes.Count > 0)
        {
            Project(plan.Changes, transaction);
        }
        transaction.Commit();
        _checkpointer.AfterCommit();
        return plan.Result();
    }

    /// <summary>Runs a prepared insert once and resets it; returns the rows it added.</summary>
    private int Step(sqlite3_stmt insert)
    {
        var rc = raw.sqlite3_step(insert);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
        var added = raw.sqlite3_changes(_connection.Handle);
        raw.sqlite3_reset(insert);
        return added;
    }

    /// <summary>Moves the log position and the rows of the sellers a batch added to, in the batch's transaction.</summary>
    private void Project(SellerChanges changes, SqliteTransaction transaction)
    {
        using var bump = _connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = "UPDATE standing_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'log_position' RETURNING CAST(value AS INTEGER)";
        var position = Convert.ToInt64(bump.ExecuteScalar(), CultureInfo.InvariantCulture);

        // One upsert per seller the batch touched: as many as the batch's events when they come in time
        // order from many sellers, so this goes through the prepared statement directly too.
        Check(raw.sqlite3_prepare_v2(_connection.Handle!,
            "INSERT INTO seller_projection (seller, events, first_at, last_at, changed) VALUES (?1, ?2, ?3, ?4, ?5) " +
            "ON CONFLICT (seller) DO UPDATE SET events = events + excluded.events, first_at = min(first_at, excluded.first_at), " +
            "last_at = max(last_at, excluded.last_at), changed = excluded.changed", out var upsert));
        using (upsert)
        {
            Check(raw.sqlite3_bind_int64(upsert, 5, position));
            foreach (var (seller, change) in changes.All)
            {
                Check(raw.sqlite3_bind_text(upsert, 1, seller));
                Check(raw.sqlite3_bind_int64(upsert, 2, change.Events));
                Check(raw.sqlite3_bind_int64(upsert, 3, Micros(change.FirstAt)));
                Check(raw.sqlite3_bind_int64(upsert, 4, Micros(change.LastAt)));
                Check(raw.sqlite3_step(upsert));
                raw.sqlite3_reset(upsert);
            }
        }
    }

    private static long Micros(Instant at) => at.ToUnixTimeTicks() / 10;

    private static Instant FromMicros(long micros) => Instant.FromUnixTimeTicks(micros * 10);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new EventStoreException($"{Name}: SQLite error {rc}: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}");
        }
    }

    public IReadOnlyList<StandingEvent> ReadAll(string? seller = null)
    {
        var events = new List<StandingEvent>();
        if (seller is null)
        {
            ReadBodies("SELECT body FROM events ORDER BY seller, seq", [null], events);
        }
        else
        {
            ReadBodies("SELECT body FROM events WHERE seller = ?1 ORDER BY seq", [seller], events);
        }
        return events;
    }

    public IReadOnlyList<StandingEvent> ReadEvery()
    {
        var events = new List<StandingEvent>();
        ReadBodies("SELECT body FROM events", [null], events); // rowid order: arrival order, read straight through
        return events;
    }

    public IReadOnlyList<StandingEvent> ReadSellers(IReadOnlyCollection<string> sellers)
    {
        var events = new List<StandingEvent>();
        ReadBodies("SELECT body FROM events WHERE seller = ?1 ORDER BY seq", [.. sellers.Order(StringComparer.Ordinal)], events);
        return events;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (its first column a stored body) once for each of <paramref name="sellers"/>
    /// bound as ?1 (null: bound to nothing) and appends the events the bodies hold. It talks to SQLite directly
    /// and parses each body from the bytes SQLite holds: going through a .NET string would decode every body from
    /// UTF-8 and encode it back before parsing (a fold of every seller reads every stored event once).
    /// </summary>
    private void ReadBodies(string sql, IReadOnlyList<string?> sellers, List<StandingEvent> into)
    {
        Check(raw.sqlite3_prepare_v2(_connection.Handle!, sql, out var query));
        using (query)
        {
            foreach (var seller in sellers)
            {
                if (seller is not null) Check(raw.sqlite3_bind_text(query, 1, seller));
                int rc;
                while ((rc = raw.sqlite3_step(query)) == raw.SQLITE_ROW)
                {
                    into.Add(BatchPlan.Parse(raw.sqlite3_column_blob(query, 0), Name));
                }
                Check(rc);
                raw.sqlite3_reset(query);
            }
        }
    }

    public long LogPosition() =>
        Convert.ToInt64(Scalar("SELECT CAST(value AS INTEGER) FROM standing_meta WHERE key = 'log_position'"), CultureInfo.InvariantCulture);

    public Instant? LatestEventAt() => Scalar("SELECT max(last_at) FROM seller_projection") is long micros ? FromMicros(micros) : null;

    public IReadOnlyList<SellerProjection> Sellers(string? seller = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT seller, events, first_at, last_at, changed FROM seller_projection"
            + (seller is null ? "" : " WHERE seller = $seller") + " ORDER BY seller";
        if (seller is not null)
        {
            command.Parameters.AddWithValue("$seller", seller);
        }
        var rows = new List<SellerProjection>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SellerProjection(reader.GetString(0), reader.GetInt64(1), FromMicros(reader.GetInt64(2)), FromMicros(reader.GetInt64(3)), reader.GetInt64(4)));
        }
        return rows;
    }

    public IReadOnlyList<SellerProjection> SellersNamed(IReadOnlyCollection<string> sellers)
    {
        ArgumentNullException.ThrowIfNull(sellers);
        var rows = new List<SellerProjection>(sellers.Count);
        // One statement for all, bound per seller: a command per seller parsed its SQL each time.
        Check(raw.sqlite3_prepare_v2(_connection.Handle!, "SELECT seller, events, first_at, last_at, changed FROM seller_projection WHERE seller = ?1", out var query));
        using (query)
        {
            foreach (var seller in sellers.Order(StringComparer.Ordinal))
            {
                Check(raw.sqlite3_bind_text(query, 1, seller));
                int rc;
                while ((rc = raw.sqlite3_step(query)) == raw.SQLITE_ROW)
                {
                    rows.Add(new SellerProjection(raw.sqlite3_column_text(query, 0).utf8_to_string(), raw.sqlite3_column_int64(query, 1),
                        FromMicros(raw.sqlite3_column_int64(query, 2)), FromMicros(raw.sqlite3_column_int64(query, 3)), raw.sqlite3_column_int64(query, 4)));
                }
                Check(rc);
                raw.sqlite3_reset(query);
            }
        }
        return rows;
    }

    public long RebuildProjection()
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        Execute("UPDATE standing_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'log_position'", transaction);
        Execute("DELETE FROM seller_projection", transaction);
        Execute("DELETE FROM seller_facts", transaction);
        Execute("INSERT INTO seller_projection (seller, events, first_at, last_at, changed) " +
            "SELECT seller, count(*), min(at), max(at), (SELECT CAST(value AS INTEGER) FROM standing_meta WHERE key = 'log_position') FROM events GROUP BY seller", transaction);
        transaction.Commit();
        return LogPosition();
    }

    public IReadOnlyList<StoredFacts> ReadFacts(IReadOnlyCollection<string>? sellers = null, bool bodies = true)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT seller, changed, format, {(bodies ? "body" : "x''")} FROM seller_facts"
            + (sellers is null ? " ORDER BY seller" : " WHERE seller = $seller");
        var facts = new List<StoredFacts>();
        if (sellers is null)
        {
            ReadFactRows(command, facts);
            return facts;
        }
        var seller = command.Parameters.Add("$seller", SqliteType.Text);
        command.Prepare();
        foreach (var name in sellers.Order(StringComparer.Ordinal))
        {
            seller.Value = name;
            ReadFactRows(command, facts);
        }
        return facts;
    }

    private static void ReadFactRows(SqliteCommand command, List<StoredFacts> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(new StoredFacts(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), (byte[])reader.GetValue(3)));
        }
    }

    public void WriteFacts(IReadOnlyList<StoredFacts> facts)
    {
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO seller_facts (seller, changed, format, body) VALUES ($seller, $changed, $format, $body) "
                + "ON CONFLICT (seller) DO UPDATE SET changed = excluded.changed, format = excluded.format, body = excluded.body "
                + "WHERE excluded.changed >= seller_facts.changed";
            var seller = command.Parameters.Add("$seller", SqliteType.Text);
            var changed = command.Parameters.Add("$changed", SqliteType.Integer);
            var format = command.Parameters.Add("$format", SqliteType.Integer);
            var body = command.Parameters.Add("$body", SqliteType.Blob);
            command.Prepare();
            foreach (var row in facts)
            {
                seller.Value = row.Seller;
                changed.Value = row.Changed;
                format.Value = row.Format;
                body.Value = row.Body;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new EventStoreException($"{Name}: cannot store facts: {e.Message}", e);
        }
    }

    public long Count() => Convert.ToInt64(Scalar("SELECT count(*) FROM events"), System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<string> RegisteredMarketplaces()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id FROM marketplaces ORDER BY id";
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    public void RegisterMarketplace(string id, Instant at)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO marketplaces (id, created_at) VALUES ($id, $at) ON CONFLICT (id) DO NOTHING";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", NodaTime.Text.InstantPattern.ExtendedIso.Format(at));
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        ReleaseLoadLock();
        _checkpointer.Dispose();
        _connection.Dispose();
    }

    /// <summary>A setting of this connection (<c>PRAGMA name</c>): what the tests of <see cref="Connect"/> look at.</summary>
    internal object? Setting(string name) => Scalar($"PRAGMA {name}");

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
