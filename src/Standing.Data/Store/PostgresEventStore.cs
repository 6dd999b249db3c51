using System.Globalization;
using Npgsql;
using NodaTime;
using NpgsqlTypes;
using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// The event store on PostgreSQL. A batch goes in by binary COPY into a session-local staging table,
/// then one INSERT … SELECT of the ids not stored yet, in one transaction. Writers take a
/// transaction-level advisory lock of their schema (<see cref="AppendLockStatement"/>), so an id can be
/// checked across sellers without a unique index on id alone (which a table distributed by seller could
/// not have), while the marketplaces of one database, each a schema of its own, append side by side.
/// </summary>
public sealed class PostgresEventStore : IEventStore, IPlannedAppend
{
    /// <summary>
    /// Takes the appends' advisory lock of the connection's schema: the two-key form, "Stnd" and the
    /// schema's name hashed, so each marketplace's store (a schema) serialises its own writers only.
    /// Two schemas whose hashes collide merely wait for each other.
    /// </summary>
    public const string AppendLockStatement = "SELECT pg_advisory_xact_lock(1400139364, hashtext(coalesce(current_schema(), '')))";

    private readonly NpgsqlConnection _connection;
    private bool _stagingReady;

    private PostgresEventStore(string name, NpgsqlConnection connection)
    {
        Name = name;
        _connection = connection;
    }

    public string Engine => "postgresql";

    public bool ReadsInArrivalOrder => true;

    public string Name { get; }

    /// <summary>Connects to <paramref name="connectionString"/> (Npgsql form) and checks or creates the schema.</summary>
    public static PostgresEventStore Open(string connectionString, string name, bool create)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new EventStoreException($"{name}: not a valid PostgreSQL connection string: {e.Message}", e);
        }
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException or TimeoutException)
        {
            connection.Dispose();
            throw new EventStoreException($"{name}: cannot connect to PostgreSQL: {e.Message}", e);
        }
        try
        {
            var store = new PostgresEventStore(name, connection);
            if (create) store.CreateSchema(connectionString);
            store.Prepare(create);
            return store;
        }
        catch (PostgresException e)
        {
            connection.Dispose();
            throw new EventStoreException($"{name}: {e.MessageText}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A marketplace's store lives in a schema of its own (<see cref="MarketplaceStores"/>), named by
    /// the connection's search path: creating the store creates the schema first.
    /// </summary>
    private void CreateSchema(string connectionString)
    {
        var searchPath = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        const string Prefix = "\"standing_";
        if (searchPath is null || !searchPath.StartsWith(Prefix, StringComparison.Ordinal) || !searchPath.EndsWith('"')
            || MarketplaceId.Problem(searchPath[Prefix.Length..^1]) is not null)
        {
            return; // not a marketplace's schema: the user's own search path, left as it is
        }
        using (var exists = new NpgsqlCommand("SELECT current_schema() IS NOT NULL", _connection))
        {
            if (exists.ExecuteScalar() is true) return;
        }
        Execute($"CREATE SCHEMA IF NOT EXISTS {searchPath}");
        // The search path named a schema that did not exist: resolve it again now that it does.
        Execute($"SET search_path TO {searchPath}");
    }

    private void Prepare(bool create)
    {
        // Both in one statement, so one snapshot: read apart, a migration committing between the two
        // looks like an events table without standing_meta (another program's table).
        var (hasMeta, hasEvents) = TablesExist();
        if (!hasMeta && hasEvents)
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, "it has an events table but no standing_meta"));
        }
        var version = hasMeta ? ReadVersion() : 0;
        if (version > StoreSchema.CurrentVersion)
        {
            throw new EventStoreException(StoreSchema.Newer(Name, version));
        }
        if (version == 0 && !create)
        {
            throw new EventStoreException($"{Name}: no Standing event store in this database (create one with standing ingest --db)");
        }
        if (version < StoreSchema.CurrentVersion)
        {
            Migrate();
        }
    }

    private (bool Meta, bool Events) TablesExist()
    {
        using var command = new NpgsqlCommand(
            "SELECT bool_or(c.relname = 'standing_meta'), bool_or(c.relname = 'events') FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relname IN ('standing_meta', 'events') AND n.nspname = current_schema()", _connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (!reader.IsDBNull(0) && reader.GetBoolean(0), !reader.IsDBNull(1) && reader.GetBoolean(1));
    }

    private bool TableExists(string table)
    {
        // Read pg_class with a fresh snapshot rather than to_regclass: that goes through the backend's
        // catalog cache, which may still hold "no such table" after another process created it while
        // we waited for the migration lock.
        using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relname = @name AND n.nspname = current_schema())", _connection);
        command.Parameters.AddWithValue("name", table);
        return (bool)command.ExecuteScalar()!;
    }

    private int ReadVersion(NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand("SELECT key, value FROM standing_meta", _connection, transaction);
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
        if (application is null && version is null && transaction is not null)
        {
            return 0;
        }
        if (application != StoreSchema.Application)
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, $"its standing_meta names application \"{application}\""));
        }
        if (!int.TryParse(version, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new EventStoreException(StoreSchema.NotOurs(Name, $"schema version \"{version}\" is not a number"));
        }
        return number;
    }

    private void Migrate()
    {
        using var transaction = _connection.BeginTransaction();
        Execute(AppendLockStatement, transaction);
        // Read again under the lock: another process may have created or migrated the schema.
        var version = TableExists("standing_meta") ? ReadVersion(transaction) : 0;
        if (version > StoreSchema.CurrentVersion)
        {
            throw new EventStoreException(StoreSchema.Newer(Name, version));
        }
        for (var v = version + 1; v <= StoreSchema.CurrentVersion; v++)
        {
            foreach (var sql in StoreSchema.Postgres[v - 1])
            {
                Execute(sql, transaction);
            }
            Execute($"INSERT INTO standing_meta (key, value) VALUES ('application', '{StoreSchema.Application}') ON CONFLICT (key) DO NOTHING", transaction);
            Execute($"INSERT INTO standing_meta (key, value) VALUES ('schema_version', '{v}') ON CONFLICT (key) DO UPDATE SET value = excluded.value", transaction);
        }
        transaction.Commit();
    }

    public AppendResult Append(IReadOnlyList<StandingEvent> batch) => Append(BatchPlan.For(batch));

    AppendResult IPlannedAppend.Append(BatchPlan plan) => Append(plan);

    private AppendResult Append(BatchPlan plan)
    {
        var batch = plan.Batch;
        if (!_stagingReady)
        {
            Execute("CREATE TEMP TABLE IF NOT EXISTS standing_incoming (ord int NOT NULL, seller text NOT NULL, id text NOT NULL, type text NOT NULL, at timestamptz NOT NULL, body text NOT NULL) ON COMMIT DELETE ROWS");
            _stagingReady = true;
        }
        try
        {
            using var transaction = _connection.BeginTransaction();
            Execute(AppendLockStatement, transaction);
            using (var copy = _connection.BeginBinaryImport("COPY standing_incoming (ord, seller, id, type, at, body) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var i in plan.Firsts)
                {
                    var ev = batch[i];
                    copy.StartRow();
                    copy.Write(i, NpgsqlDbType.Integer);
                    copy.Write(ev.Seller, NpgsqlDbType.Text);
                    copy.Write(ev.Id, NpgsqlDbType.Text);
                    copy.Write(EventSchema.Name(ev.Type), NpgsqlDbType.Text);
                    copy.Write(ev.At.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                    copy.Write(plan.Line(i), NpgsqlDbType.Text);
                }
                copy.Complete();
            }
            Execute("ANALYZE standing_incoming", transaction);
            // Ids already stored leave the staging table here, reporting the stored body (duplicate or
            // conflict); what stays is new, and the append lock keeps it so until the commit: the insert
            // below needs no second look-up per row.
            using (var existing = new NpgsqlCommand("DELETE FROM standing_incoming i USING events e WHERE e.id = i.id RETURNING i.ord, e.body", _connection, transaction))
            using (var reader = existing.ExecuteReader())
            {
                while (reader.Read())
                {
                    plan.AgainstStored(reader.GetInt32(0), reader.GetString(1));
                }
            }
            // The new events and, in the same statement, the projection rows of the sellers they belong to.
            using (var insert = new NpgsqlCommand(
                "WITH position AS (UPDATE standing_meta SET value = (value::bigint + 1)::text WHERE key = 'log_position' RETURNING value::bigint AS at), " +
                // In the batch's order, so that the arrival numbers the rows take follow it.
                "added AS (INSERT INTO events (seller, id, type, at, body) SELECT i.seller, i.id, i.type, i.at, i.body FROM standing_incoming i ORDER BY i.ord " +
                "RETURNING seller, at) " +
                "INSERT INTO seller_projection AS p (seller, events, first_at, last_at, changed) " +
                "SELECT a.seller, count(*), min(a.at), max(a.at), (SELECT at FROM position) FROM added a GROUP BY a.seller " +
                "ON CONFLICT (seller) DO UPDATE SET events = p.events + excluded.events, first_at = least(p.first_at, excluded.first_at), " +
                "last_at = greatest(p.last_at, excluded.last_at), changed = excluded.changed RETURNING p.seller",
                _connection, transaction))
            using (var reader = insert.ExecuteReader())
            {
                while (reader.Read())
                {
                    plan.Changes.Add(reader.GetString(0), default);
                }
            }
            transaction.Commit();
        }
        catch (PostgresException e)
        {
            throw new EventStoreException($"{Name}: {e.MessageText}", e);
        }
        catch (NpgsqlException e)
        {
            throw new EventStoreException($"{Name}: {e.Message}", e);
        }
        return plan.Result();
    }

    /// <summary>
    /// A seller's events in arrival order: those stored before version 10 (no arrival number) first, by id, the
    /// order their stored facts were folded in; then the others by the number each took at insert.
    /// </summary>
    private const string ArrivalOrder = "arrival NULLS FIRST, id COLLATE \"C\"";

    public IReadOnlyList<StandingEvent> ReadAll(string? seller = null)
    {
        using var command = new NpgsqlCommand(
            seller is null
                ? $"SELECT body FROM events ORDER BY seller COLLATE \"C\", {ArrivalOrder}"
                : $"SELECT body FROM events WHERE seller = @seller ORDER BY {ArrivalOrder}",
            _connection);
        if (seller is not null)
        {
            command.Parameters.AddWithValue("seller", seller);
        }
        var events = new List<StandingEvent>();
        BatchPlan.ReadBodies(command, Name, events);
        return events;
    }

    public IReadOnlyList<StandingEvent> ReadEvery()
    {
        using var command = new NpgsqlCommand("SELECT body FROM events", _connection); // a sequential scan
        var events = new List<StandingEvent>();
        BatchPlan.ReadBodies(command, Name, events);
        return events;
    }

    public IReadOnlyList<StandingEvent> ReadSellers(IReadOnlyCollection<string> sellers)
    {
        using var command = new NpgsqlCommand($"SELECT body FROM events WHERE seller = ANY(@sellers) ORDER BY seller COLLATE \"C\", {ArrivalOrder}", _connection);
        command.Parameters.AddWithValue("sellers", sellers.ToArray());
        var events = new List<StandingEvent>();
        BatchPlan.ReadBodies(command, Name, events);
        return events;
    }

    public long LogPosition()
    {
        using var command = new NpgsqlCommand("SELECT value::bigint FROM standing_meta WHERE key = 'log_position'", _connection);
        return (long)command.ExecuteScalar()!;
    }

    public Instant? LatestEventAt()
    {
        using var command = new NpgsqlCommand("SELECT max(last_at) FROM seller_projection", _connection);
        return command.ExecuteScalar() is DateTime at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public IReadOnlyList<SellerProjection> Sellers(string? seller = null)
    {
        using var command = new NpgsqlCommand(
            "SELECT seller, events, first_at, last_at, changed FROM seller_projection"
            + (seller is null ? "" : " WHERE seller = @seller") + " ORDER BY seller COLLATE \"C\"",
            _connection);
        if (seller is not null)
        {
            command.Parameters.AddWithValue("seller", seller);
        }
        var rows = new List<SellerProjection>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SellerProjection(reader.GetString(0), reader.GetInt64(1),
                Instant.FromDateTimeUtc(reader.GetDateTime(2)), Instant.FromDateTimeUtc(reader.GetDateTime(3)), reader.GetInt64(4)));
        }
        return rows;
    }

    public long RebuildProjection()
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            Execute(AppendLockStatement, transaction);
            Execute("UPDATE standing_meta SET value = (value::bigint + 1)::text WHERE key = 'log_position'", transaction);
            Execute("DELETE FROM seller_projection", transaction);
            Execute("DELETE FROM seller_facts", transaction);
            Execute("INSERT INTO seller_projection (seller, events, first_at, last_at, changed) " +
                "SELECT seller, count(*), min(at), max(at), (SELECT value::bigint FROM standing_meta WHERE key = 'log_position') FROM events GROUP BY seller", transaction);
            transaction.Commit();
        }
        catch (PostgresException e)
        {
            throw new EventStoreException($"{Name}: {e.MessageText}", e);
        }
        return LogPosition();
    }

    public IReadOnlyList<StoredFacts> ReadFacts(IReadOnlyCollection<string>? sellers = null, bool bodies = true)
    {
        using var command = new NpgsqlCommand(
            $"SELECT seller, changed, format, {(bodies ? "body" : "''::bytea")} FROM seller_facts"
            + (sellers is null ? "" : " WHERE seller = ANY(@sellers)") + " ORDER BY seller COLLATE \"C\"",
            _connection);
        if (sellers is not null)
        {
            command.Parameters.AddWithValue("sellers", sellers.ToArray());
        }
        var facts = new List<StoredFacts>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            facts.Add(new StoredFacts(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3)));
        }
        return facts;
    }

    public void WriteFacts(IReadOnlyList<StoredFacts> facts)
    {
        try
        {
            // One statement for the whole set: the rows travel as four arrays.
            using var command = new NpgsqlCommand(
                "INSERT INTO seller_facts (seller, changed, format, body) SELECT * FROM unnest(@sellers, @changed, @formats, @bodies) "
                + "ON CONFLICT (seller) DO UPDATE SET changed = excluded.changed, format = excluded.format, body = excluded.body "
                + "WHERE excluded.changed >= seller_facts.changed",
                _connection);
            command.Parameters.AddWithValue("sellers", facts.Select(f => f.Seller).ToArray());
            command.Parameters.AddWithValue("changed", facts.Select(f => f.Changed).ToArray());
            command.Parameters.AddWithValue("formats", facts.Select(f => f.Format).ToArray());
            command.Parameters.AddWithValue("bodies", facts.Select(f => f.Body).ToArray());
            command.ExecuteNonQuery();
        }
        catch (PostgresException e)
        {
            throw new EventStoreException($"{Name}: {e.MessageText}", e);
        }
        catch (NpgsqlException e)
        {
            throw new EventStoreException($"{Name}: cannot store facts: {e.Message}", e);
        }
    }

    public IReadOnlyList<string> RegisteredMarketplaces()
    {
        using var command = new NpgsqlCommand("SELECT id FROM marketplaces ORDER BY id COLLATE \"C\"", _connection);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    public void RegisterMarketplace(string id, Instant at)
    {
        using var command = new NpgsqlCommand("INSERT INTO marketplaces (id, created_at) VALUES (@id, @at) ON CONFLICT (id) DO NOTHING", _connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", NodaTime.Text.InstantPattern.ExtendedIso.Format(at));
        command.ExecuteNonQuery();
    }

    public long Count()
    {
        using var command = new NpgsqlCommand("SELECT count(*) FROM events", _connection);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, _connection, transaction);
        command.ExecuteNonQuery();
    }
}
