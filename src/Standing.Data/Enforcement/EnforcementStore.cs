using System.Data.Common;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Standing.Data.Store;
using Standing.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;

namespace Standing.Data.Enforcement;

/// <summary>
/// Enforcement's tables in the event store (SQLite or PostgreSQL, the same SQL on both): cases,
/// their audit trail, the outbox of notices and its deliveries, disputes. Saving a run's case books
/// is one transaction; audit entries are keyed by (seller, case, seq), so two writers advancing the
/// same case cannot both succeed.
/// </summary>
public sealed partial class EnforcementStore : IDisposable
{
    private readonly DbConnection _connection;

    private EnforcementStore(string name, DbConnection connection)
    {
        Name = name;
        _connection = connection;
    }

    public string Name { get; }

    /// <summary>
    /// On PostgreSQL, the lock a run of policy <c>@policy</c> takes to save: one per policy and schema,
    /// so each marketplace's store (a schema of its own) runs its policies apart from the others'.
    /// </summary>
    public const string RunLockStatement = "SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ' standing enforcement run ' || @policy))";

    /// <summary>Opens the enforcement tables of an existing store (bringing its schema up to date).</summary>
    public static EnforcementStore Open(string target)
    {
        string name;
        using (var events = EventStore.Open(target, create: false))
        {
            name = events.Name; // checks the store is ours and migrates it
        }
        DbConnection connection = EventStore.IsPostgres(target)
            ? new NpgsqlConnection(target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString());
        try
        {
            connection.Open();
            if (connection is SqliteConnection sqlite && SqliteEventStore.OpenedReadOnly(sqlite))
            {
                throw new SqliteException("attempt to write a readonly database", 8);
            }
            CreateQueueIndexes(connection);
            CreateCaseCounts(connection);
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xff) is 8 or 14)
        {
            // Read-only file, folder or disk: the store is still read (cases list, cases show);
            // a write then fails as read-only, in the words of StoreFailure.
            connection.Dispose();
            connection = OpenReadOnly(target, name, e);
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw new EventStoreException(StoreFailure.Describe(name, e), e);
        }
        return new EnforcementStore(name, connection);
    }

    /// <summary>
    /// Opens the enforcement tables of a store this process has already opened with <see cref="Open"/>
    /// (checked and up to date), on a pooled connection and without checking again: a server's requests.
    /// </summary>
    public static EnforcementStore Connect(string target, string name)
    {
        var connection = PooledStoreConnection.Open(target, name);
        if (QueueIndexed.TryAdd(target, true))
        {
            try
            {
                CreateQueueIndexes(connection);
                CreateCaseCounts(connection);
            }
            catch (DbException)
            {
                // A store this process cannot write: the queue reads the same cases without them, only slower.
            }
        }
        return new EnforcementStore(name, connection);
    }

    /// <summary>The stores whose queue indexes this process has made (or found) on <see cref="Connect"/>: once each.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> QueueIndexed = new(StringComparer.Ordinal);

    /// <summary>
    /// The queue's band indexes (<see cref="QueueBand.Indexes"/>), made if missing: they only serve reads, so a store
    /// keeps its schema version. Two servers opening one PostgreSQL schema at once may race to make one: the loser's
    /// error says it exists.
    /// </summary>
    private static void CreateQueueIndexes(DbConnection connection)
    {
        foreach (var sql in QueueBand.Indexes(connection is NpgsqlConnection).Append(CaseListIndex(connection is NpgsqlConnection)))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
            }
        }
    }

    private static SqliteConnection OpenReadOnly(string path, string name, SqliteException first)
    {
        foreach (var connectionString in SqliteEventStore.ReadOnlyConnectionStrings(path))
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var probe = connection.CreateCommand();
                probe.CommandText = "SELECT count(*) FROM (SELECT 1 FROM enforcement_cases LIMIT 1)"; // reads a page: the WAL index opens
                probe.ExecuteScalar();
                return connection;
            }
            catch (SqliteException)
            {
                connection.Dispose();
            }
        }
        throw new EventStoreException(StoreFailure.Describe(name, first), first);
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// Raises <see cref="EventStoreException"/> when the store cannot be written (a read-only file or
    /// database): checked before anything leaves the store, so that nothing is sent whose delivery
    /// could not then be recorded. Changes nothing.
    /// </summary>
    public void CheckWritable()
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM enforcement_deliveries WHERE attempts < 0";
            command.ExecuteNonQuery();
            transaction.Rollback();
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    // ---- cases -------------------------------------------------------------------------------

    /// <summary>The cases of a policy, of a seller, or of both, by opening instant then id.</summary>
    /// <remarks>
    /// With a seller, the seller's cases are read by the table's key and the policy is picked in memory: asked for both,
    /// SQLite chose the index by policy and kind and walked every case of the standard (117,575 of Mall's at 100,000
    /// sellers) to find the seller's few. The order is the sort's, whichever index reads them.
    /// </remarks>
    public IReadOnlyList<EnforcementCase> Cases(string? policy = null, string? seller = null)
    {
        if (seller is not null)
        {
            using var bySeller = Command(
                "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases WHERE seller = @seller",
                ("seller", seller));
            var cases = ReadCases(bySeller);
            if (policy is not null) cases.RemoveAll(c => c.Policy != policy);
            return cases;
        }
        using var command = Command(
            "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases"
            + (policy is not null ? " WHERE policy = @policy" : ""),
            ("policy", policy));
        return ReadCases(command);
    }

    /// <summary>
    /// The open cases that have a due date, in the order of <see cref="Cases"/>: the few a report of overdue cases looks at,
    /// read through the index of open cases by due date rather than by reading every case of the store.
    /// </summary>
    public IReadOnlyList<EnforcementCase> OpenCasesWithDueDate()
    {
        using var command = Command(
            "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases " +
            "WHERE closed_at IS NULL AND due_at IS NOT NULL");
        return ReadCases(command);
    }

    public EnforcementCase? Case(string id)
    {
        using var command = Command(
            "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases WHERE id = @id",
            ("id", id));
        return ReadCases(command).SingleOrDefault();
    }

    private static List<EnforcementCase> ReadCases(DbCommand command)
    {
        var cases = new List<EnforcementCase>();
        using var r = command.ExecuteReader();
        while (r.Read()) cases.Add(ReadCase(r));
        cases.Sort((a, b) => a.OpenedAt != b.OpenedAt ? a.OpenedAt.CompareTo(b.OpenedAt) : string.CompareOrdinal(a.Id, b.Id));
        return cases;
    }

    /// <summary>A case from a row of seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data.</summary>
    private static EnforcementCase ReadCase(DbDataReader r) => new()
    {
        Seller = r.GetString(0),
        Id = r.GetString(1),
        Policy = r.GetString(2),
        Kind = r.GetString(3),
        State = r.GetString(4),
        OpenedAt = EnforcementJson.ParseInstant(r.GetString(5)),
        DueAt = r.IsDBNull(6) ? null : EnforcementJson.ParseInstant(r.GetString(6)),
        ClosedAt = r.IsDBNull(7) ? null : EnforcementJson.ParseInstant(r.GetString(7)),
        UpdatedAt = EnforcementJson.ParseInstant(r.GetString(8)),
        AuditCount = Convert.ToInt32(r.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
        Data = EnforcementJson.ParseData(r.GetString(10)),
    };

    /// <summary>A case's audit trail; with its <paramref name="seller"/>, read by the table's key (without it, a scan of every case's entries).</summary>
    public IReadOnlyList<AuditEntry> Audit(string caseId, string? seller = null)
    {
        using var command = Command(
            "SELECT seller, case_id, seq, at, actor, action, from_state, to_state, reason, snapshot FROM enforcement_audit WHERE "
            + (seller is null ? "" : "seller = @seller AND ") + "case_id = @id ORDER BY seq",
            ("id", caseId), ("seller", seller));
        return ReadAudit(command);
    }

    /// <summary>Audit entries from rows of seller, case_id, seq, at, actor, action, from_state, to_state, reason, snapshot.</summary>
    private static List<AuditEntry> ReadAudit(DbCommand command)
    {
        var entries = new List<AuditEntry>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            entries.Add(new AuditEntry
            {
                Seller = r.GetString(0),
                CaseId = r.GetString(1),
                Seq = Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                At = EnforcementJson.ParseInstant(r.GetString(3)),
                Actor = r.GetString(4),
                Action = r.GetString(5),
                FromState = r.IsDBNull(6) ? null : r.GetString(6),
                ToState = r.GetString(7),
                Reason = r.GetString(8),
                Snapshot = EnforcementJson.ParseSnapshot(r.GetString(9)),
            });
        }
        return entries;
    }

    /// <summary>
    /// Stores what the books changed — cases, audit entries, notices — in one transaction; with
    /// <paramref name="run"/>, also records that the policy's daily job ran as of that instant, and
    /// saves nothing when another run of the policy recorded a later as-of meanwhile.
    /// </summary>
    public void Save(IEnumerable<CaseBook> books, (string Policy, Instant AsOf)? run = null)
    {
        using var transaction = _connection.BeginTransaction();
        try
        {
            if (run is { } r)
            {
                LockRun(r.Policy, r.AsOf, transaction);
                RefuseWhileUnfinished(r.Policy, transaction);
            }
            var counts = StartCounting(transaction);
            foreach (var book in books) Write(book, transaction, counts);
            KeepCounts(counts, transaction);
            if (run is { } done) InsertRun(done.Policy, done.AsOf, transaction);
            transaction.Commit();
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    /// <summary>
    /// Within a transaction that stores part or all of a run of <paramref name="policy"/> as of <paramref name="asOf"/>:
    /// waits for any other run of the policy to commit, then refuses when one recorded a later as-of meanwhile.
    /// </summary>
    private void LockRun(string policy, Instant asOf, DbTransaction transaction)
    {
        if (_connection is NpgsqlConnection)
        {
            // Read committed alone would let two runs of a policy both pass the check below: the
            // lock makes the second wait for the first's commit, then see its as-of. (SQLite's
            // transaction already holds the database's write lock.) Per schema: each marketplace's runs
            // are their own.
            using var wait = Command(RunLockStatement, ("policy", policy));
            wait.Transaction = transaction;
            wait.ExecuteNonQuery();
        }
        if (Runs(policy, transaction).Latest is { } latest && latest > asOf)
        {
            throw new EventStoreException($"{Name}: {policy} was run as of {EnforcementJson.Instant(latest)} meanwhile, " +
                $"after {EnforcementJson.Instant(asOf)}: the run as of {EnforcementJson.Instant(asOf)} was not saved");
        }
    }

    /// <summary>
    /// A whole run saved at once (the server's daily job) would advance again the sellers a run cut short already
    /// stored (<see cref="SaveBatch"/>): refused until that run is finished.
    /// </summary>
    private void RefuseWhileUnfinished(string policy, DbTransaction transaction)
    {
        using var command = Command("SELECT min(as_of) FROM enforcement_run_sellers WHERE policy = @policy", ("policy", policy));
        command.Transaction = transaction;
        if (command.ExecuteScalar() is string unfinished)
        {
            throw new EventStoreException($"{Name}: the run of {policy} as of {unfinished} was cut short after storing some sellers' cases; " +
                "finish it with standing run as of that instant first. Nothing was saved");
        }
    }

    /// <summary>What one book changed: its cases, audit entries and notices.</summary>
    private void Write(CaseBook book, DbTransaction transaction, CaseCountChanges? counts)
    {
        foreach (var c in book.ChangedCases) Upsert(c, transaction, counts);
        foreach (var a in book.AuditEntries) Insert(a, transaction);
        foreach (var n in book.Notices) Insert(n, transaction);
    }

    // ---- runs --------------------------------------------------------------------------------

    /// <summary>The as-of instants the daily job has run for, per policy (<see cref="RunHistory"/>).</summary>
    public RunHistory Runs(string policy) => Runs(policy, null);

    /// <summary>Every recorded run, by policy then as-of.</summary>
    public IReadOnlyList<(string Policy, Instant AsOf)> AllRuns()
    {
        using var command = Command("SELECT policy, as_of FROM enforcement_runs");
        var runs = new List<(string, Instant)>();
        using var r = command.ExecuteReader();
        while (r.Read()) runs.Add((r.GetString(0), EnforcementJson.ParseInstant(r.GetString(1))));
        return runs.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2).ToList();
    }

    private RunHistory Runs(string policy, DbTransaction? transaction)
    {
        using var command = Command("SELECT as_of FROM enforcement_runs WHERE policy = @policy", ("policy", policy));
        command.Transaction = transaction;
        var done = new List<Instant>();
        using var r = command.ExecuteReader();
        while (r.Read()) done.Add(EnforcementJson.ParseInstant(r.GetString(0)));
        return new RunHistory(policy, done);
    }

    private void InsertRun(string policy, Instant asOf, DbTransaction transaction)
    {
        using var command = Command(
            "INSERT INTO enforcement_runs (policy, as_of) VALUES (@policy, @asof) ON CONFLICT (policy, as_of) DO NOTHING",
            ("policy", policy), ("asof", EnforcementJson.Instant(asOf)));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>Writes a case, and what that changes to the counts (<see cref="KeepCounts"/>) when they are kept.</summary>
    private void Upsert(EnforcementCase c, DbTransaction transaction, CaseCountChanges? counts)
    {
        if (counts is not null)
        {
            // A stored case keeps its policy and kind (the write below changes neither).
            var before = CountedAs(c, transaction);
            counts.Move(before, before is { } b ? CaseCountKey.Of(c) with { Policy = b.Policy, Kind = b.Kind } : CaseCountKey.Of(c));
        }
        using var command = Command(
            "INSERT INTO enforcement_cases (seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data) " +
            "VALUES (@seller, @id, @policy, @kind, @state, @opened, @due, @closed, @updated, @count, @data) " +
            "ON CONFLICT (seller, id) DO UPDATE SET state = excluded.state, due_at = excluded.due_at, closed_at = excluded.closed_at, " +
            "updated_at = excluded.updated_at, audit_count = excluded.audit_count, data = excluded.data",
            ("seller", c.Seller), ("id", c.Id), ("policy", c.Policy), ("kind", c.Kind), ("state", c.State),
            ("opened", EnforcementJson.Instant(c.OpenedAt)), ("due", c.DueAt is { } d ? EnforcementJson.Instant(d) : null),
            ("closed", c.ClosedAt is { } x ? EnforcementJson.Instant(x) : null), ("updated", EnforcementJson.Instant(c.UpdatedAt)),
            ("count", c.AuditCount), ("data", EnforcementJson.Data(c.Data)));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private void Insert(AuditEntry a, DbTransaction transaction)
    {
        using var command = Command(
            "INSERT INTO enforcement_audit (seller, case_id, seq, at, actor, action, from_state, to_state, reason, snapshot) " +
            "VALUES (@seller, @case, @seq, @at, @actor, @action, @from, @to, @reason, @snapshot)",
            ("seller", a.Seller), ("case", a.CaseId), ("seq", a.Seq), ("at", EnforcementJson.Instant(a.At)), ("actor", a.Actor),
            ("action", a.Action), ("from", a.FromState), ("to", a.ToState), ("reason", a.Reason), ("snapshot", EnforcementJson.Snapshot(a.Snapshot)));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private void Insert(Notice n, DbTransaction transaction)
    {
        using var command = Command(
            "INSERT INTO enforcement_notices (seller, id, case_id, policy, kind, audience, at, body) " +
            "VALUES (@seller, @id, @case, @policy, @kind, @audience, @at, @body) ON CONFLICT (seller, id) DO NOTHING",
            ("seller", n.Seller), ("id", n.Id), ("case", n.CaseId), ("policy", n.Policy), ("kind", n.Kind), ("audience", n.Audience),
            ("at", EnforcementJson.Instant(n.At)), ("body", EnforcementJson.NoticeBody(n)));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    // ---- outbox ------------------------------------------------------------------------------

    /// <summary>Notices (of one case, or all), oldest first.</summary>
    public IReadOnlyList<StoredNotice> Notices(string? caseId = null)
    {
        using var command = Command(
            "SELECT seller, id, case_id, policy, kind, audience, at, body FROM enforcement_notices" + (caseId is null ? "" : " WHERE case_id = @case"),
            ("case", caseId));
        return ReadNotices(command);
    }

    /// <summary>The notices a sink has not received yet, oldest first.</summary>
    public IReadOnlyList<StoredNotice> Undelivered(string sink)
    {
        using var command = Command(
            "SELECT n.seller, n.id, n.case_id, n.policy, n.kind, n.audience, n.at, n.body FROM enforcement_notices n " +
            "WHERE NOT EXISTS (SELECT 1 FROM enforcement_deliveries d WHERE d.seller = n.seller AND d.notice_id = n.id AND d.sink = @sink AND (d.delivered_at IS NOT NULL OR d.failed_at IS NOT NULL))",
            ("sink", sink));
        return ReadNotices(command);
    }

    private static List<StoredNotice> ReadNotices(DbCommand command)
    {
        var notices = new List<StoredNotice>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            notices.Add(new StoredNotice(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                EnforcementJson.ParseInstant(r.GetString(6)), r.GetString(7)));
        }
        notices.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id));
        return notices;
    }

    // ---- disputes ----------------------------------------------------------------------------

    public IReadOnlyList<Dispute> Disputes(string? seller = null)
    {
        using var command = Command(
            "SELECT seller, id, policy, metric, item, reason, opened_at, state, decided_at, decided_by, note FROM disputes" + (seller is null ? "" : " WHERE seller = @seller"),
            ("seller", seller));
        return ReadDisputes(command);
    }

    public Dispute? Dispute(string id)
    {
        using var command = Command(
            "SELECT seller, id, policy, metric, item, reason, opened_at, state, decided_at, decided_by, note FROM disputes WHERE id = @id", ("id", id));
        return ReadDisputes(command).SingleOrDefault();
    }

    private static List<Dispute> ReadDisputes(DbCommand command)
    {
        var list = new List<Dispute>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Dispute
            {
                Seller = r.GetString(0),
                Id = r.GetString(1),
                Policy = r.GetString(2),
                Metric = r.IsDBNull(3) ? null : r.GetString(3),
                Item = r.GetString(4),
                Reason = r.GetString(5),
                OpenedAt = EnforcementJson.ParseInstant(r.GetString(6)),
                State = r.GetString(7),
                DecidedAt = r.IsDBNull(8) ? null : EnforcementJson.ParseInstant(r.GetString(8)),
                DecidedBy = r.IsDBNull(9) ? null : r.GetString(9),
                Note = r.IsDBNull(10) ? null : r.GetString(10),
            });
        }
        list.Sort((a, b) => a.OpenedAt != b.OpenedAt ? a.OpenedAt.CompareTo(b.OpenedAt) : string.CompareOrdinal(a.Id, b.Id));
        return list;
    }

    /// <summary>Adds a dispute, or stores its decision; false when a new dispute's id exists already.</summary>
    public bool Save(Dispute d, bool isNew)
    {
        using var command = isNew
            ? Command(
                "INSERT INTO disputes (seller, id, policy, metric, item, reason, opened_at, state) VALUES (@seller, @id, @policy, @metric, @item, @reason, @opened, @state) ON CONFLICT (seller, id) DO NOTHING",
                ("seller", d.Seller), ("id", d.Id), ("policy", d.Policy), ("metric", d.Metric), ("item", d.Item), ("reason", d.Reason),
                ("opened", EnforcementJson.Instant(d.OpenedAt)), ("state", d.State))
            : Command(
                "UPDATE disputes SET state = @state, decided_at = @decided, decided_by = @by, note = @note WHERE seller = @seller AND id = @id AND state = 'open'",
                ("seller", d.Seller), ("id", d.Id), ("state", d.State), ("decided", d.DecidedAt is { } t ? EnforcementJson.Instant(t) : null),
                ("by", d.DecidedBy), ("note", d.Note));
        return command.ExecuteNonQuery() == 1;
    }

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (!sql.Contains("@" + name, StringComparison.Ordinal)) continue;
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
