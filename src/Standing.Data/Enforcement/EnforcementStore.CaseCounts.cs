using System.Data.Common;
using System.Globalization;
using Npgsql;
using Standing.Enforcement.Cases;

namespace Standing.Data.Enforcement;

/// <summary>
/// The cases counted per policy, kind, state, closed or not and due date or not (<c>enforcement_case_counts</c>), and a
/// number that every write of cases raises (<c>enforcement_case_version</c>), both kept in the transaction that writes
/// the cases: the queue's counts are then a read of a few rows rather than a pass over every case (219,519 at 100,000
/// sellers), and a queue read once can be shown again until the cases change, whatever else is written (sessions,
/// keys, events). A crash rolls the counts back with the cases they count.
/// </summary>
public sealed partial class EnforcementStore
{
    private const string CountsTable =
        "CREATE TABLE enforcement_case_counts (policy TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL, closed INTEGER NOT NULL, " +
        "undue INTEGER NOT NULL, cases INTEGER NOT NULL, PRIMARY KEY (policy, kind, state, closed, undue))";

    private const string VersionTable = "CREATE TABLE enforcement_case_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)";

    private const string CountEveryCase =
        "INSERT INTO enforcement_case_counts (policy, kind, state, closed, undue, cases) SELECT policy, kind, state, " +
        "CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, count(*) FROM enforcement_cases GROUP BY 1, 2, 3, 4, 5";

    /// <summary>
    /// Makes and fills the counts of a store that has none (a store made before them), in one transaction that holds
    /// off every other writer of cases, so that no case is counted twice or missed. At 100,000 sellers: one grouped pass.
    /// </summary>
    private static void CreateCaseCounts(DbConnection connection)
    {
        if (HasCaseCounts(connection, null)) return;
        using var transaction = connection.BeginTransaction();
        if (connection is NpgsqlConnection) Execute(connection, transaction, "LOCK TABLE enforcement_cases IN SHARE ROW EXCLUSIVE MODE");
        if (HasCaseCounts(connection, transaction)) return; // another process made them meanwhile
        Execute(connection, transaction, CountsTable);
        Execute(connection, transaction, VersionTable);
        Execute(connection, transaction, CountEveryCase);
        Execute(connection, transaction, "INSERT INTO enforcement_case_version (id, version) VALUES (1, 1)");
        transaction.Commit();
    }

    private static bool HasCaseCounts(DbConnection connection, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = connection is NpgsqlConnection
            ? "SELECT count(*) FROM pg_catalog.pg_class WHERE oid = to_regclass('enforcement_case_version')"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'enforcement_case_version'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The number the store's latest write of cases left: the same number, the same cases (and so the same queue at the
    /// same instant). Null for a store without counts (one opened read-only before they were made).
    /// </summary>
    public long? CaseVersion()
    {
        if (!HasCaseCounts(_connection, null)) return null;
        using var command = Command("SELECT version FROM enforcement_case_version WHERE id = 1");
        return command.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The count of every (policy, kind, state, closed, undue) with cases, as kept: what a full recount of the
    /// cases gives (a test holds the two together).
    /// </summary>
    public IReadOnlyDictionary<CaseCountKey, int> CaseCounts()
    {
        var counts = new Dictionary<CaseCountKey, int>();
        if (!HasCaseCounts(_connection, null)) return counts;
        using var command = Command("SELECT policy, kind, state, closed, undue, cases FROM enforcement_case_counts WHERE cases <> 0");
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            counts[new CaseCountKey(r.GetString(0), r.GetString(1), r.GetString(2), Int(r, 3) != 0, Int(r, 4) != 0)] = Int(r, 5);
        }
        return counts;
    }

    /// <summary>The same counts worked out again from every case (what <see cref="CaseCounts"/> must equal).</summary>
    public IReadOnlyDictionary<CaseCountKey, int> RecountCases()
    {
        var counts = new Dictionary<CaseCountKey, int>();
        using var command = Command(CountEveryCase[CountEveryCase.IndexOf("SELECT", StringComparison.Ordinal)..]);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            counts[new CaseCountKey(r.GetString(0), r.GetString(1), r.GetString(2), Int(r, 3) != 0, Int(r, 4) != 0)] = Int(r, 5);
        }
        return counts;
    }

    /// <summary>
    /// Within a write of cases: the key the case had before (none: a new case), read before it is written; on
    /// PostgreSQL the row is locked so that no other writer changes it between this read and the write.
    /// </summary>
    private CaseCountKey? CountedAs(EnforcementCase c, DbTransaction transaction)
    {
        using var command = Command(
            "SELECT policy, kind, state, closed_at, due_at FROM enforcement_cases WHERE seller = @seller AND id = @id" +
            (_connection is NpgsqlConnection ? " FOR UPDATE" : ""), ("seller", c.Seller), ("id", c.Id));
        command.Transaction = transaction;
        using var r = command.ExecuteReader();
        return r.Read() ? new CaseCountKey(r.GetString(0), r.GetString(1), r.GetString(2), !r.IsDBNull(3), r.IsDBNull(4)) : null;
    }

    /// <summary>
    /// Adds a write's changes to the counts, one row per key changed (in one order, so two writers lock rows alike), and
    /// raises the version when any case was written. Nothing for a store without counts: they are made, counting every
    /// case then, when the store is next opened to be written.
    /// </summary>
    private void KeepCounts(CaseCountChanges? changes, DbTransaction transaction)
    {
        if (changes is null || changes.Written == 0) return;
        foreach (var (key, delta) in changes.Deltas.OrderBy(d => d.Key.Policy, StringComparer.Ordinal).ThenBy(d => d.Key.Kind, StringComparer.Ordinal)
            .ThenBy(d => d.Key.State, StringComparer.Ordinal).ThenBy(d => d.Key.Closed).ThenBy(d => d.Key.Undue))
        {
            if (delta == 0) continue;
            using var add = Command(
                "INSERT INTO enforcement_case_counts (policy, kind, state, closed, undue, cases) VALUES (@policy, @kind, @state, @closed, @undue, @delta) " +
                "ON CONFLICT (policy, kind, state, closed, undue) DO UPDATE SET cases = enforcement_case_counts.cases + excluded.cases",
                ("policy", key.Policy), ("kind", key.Kind), ("state", key.State), ("closed", key.Closed ? 1 : 0), ("undue", key.Undue ? 1 : 0), ("delta", delta));
            add.Transaction = transaction;
            add.ExecuteNonQuery();
        }
        using var bump = Command("UPDATE enforcement_case_version SET version = version + 1 WHERE id = 1");
        bump.Transaction = transaction;
        bump.ExecuteNonQuery();
    }

    /// <summary>The counts a write starts with: null for a store without them.</summary>
    private CaseCountChanges? StartCounting(DbTransaction transaction) => HasCaseCounts(_connection, transaction) ? new CaseCountChanges() : null;

    /// <summary>
    /// The open cases per state and band (<see cref="QueueBand.Number"/>'s numbers) of a query without a seller text, from
    /// the kept counts; for a state that waits for a person, its overdue open cases are a range of the index of open cases
    /// by state and due date. Null when the store keeps no counts or the query names a seller (the caller's grouped pass).
    /// </summary>
    private Dictionary<string, int[]>? CountsKept(CaseQueueQuery query, int bands, (string, object?)[] parameters)
    {
        if (!string.IsNullOrWhiteSpace(query.SellerContains) || !HasCaseCounts(_connection, null)) return null;
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (key, cases) in CaseCounts())
        {
            if (!string.IsNullOrEmpty(query.Policy) && key.Policy != query.Policy) continue;
            if (!string.IsNullOrEmpty(query.Kind) && key.Kind != query.Kind) continue;
            if (key.Closed && !query.Closed && key.State != query.State) continue;
            if (!counts.TryGetValue(key.State, out var perBand)) counts[key.State] = perBand = new int[bands];
            if (key.Closed) perBand[5] += cases;
            else if (!CaseStates.AwaitsPerson(key.State)) perBand[key.Undue ? 4 : 3] += cases;
            else if (key.Undue) perBand[2] += cases;
            else perBand[1] += cases; // split below: the overdue ones move to band 0
        }
        foreach (var (state, perBand) in counts)
        {
            if (!CaseStates.AwaitsPerson(state) || perBand[1] == 0) continue;
            var withState = parameters.Select(p => p.Item1 == "first" ? ("first", (object?)state) : p).ToArray();
            var overdue = Count(
                "rtrim(due_at, 'Z') < @now" + (string.IsNullOrEmpty(query.Policy) ? "" : " AND policy = @policy") +
                (string.IsNullOrEmpty(query.Kind) ? "" : " AND kind = @kind"), withState);
            (perBand[0], perBand[1]) = (overdue, perBand[1] - overdue);
        }
        return counts;
    }
}

/// <summary>What the kept counts count cases by.</summary>
public readonly record struct CaseCountKey(string Policy, string Kind, string State, bool Closed, bool Undue)
{
    public static CaseCountKey Of(EnforcementCase c) => new(c.Policy, c.Kind, c.State, c.ClosedAt is not null, c.DueAt is null);
}

/// <summary>How one write changes the counts: per key, cases in minus cases out; and how many cases it wrote.</summary>
internal sealed class CaseCountChanges
{
    public Dictionary<CaseCountKey, int> Deltas { get; } = [];

    public int Written { get; private set; }

    /// <summary>A case written: counted under <paramref name="after"/> now, under <paramref name="before"/> no longer.</summary>
    public void Move(CaseCountKey? before, CaseCountKey after)
    {
        Written++;
        if (before is { } b) Deltas[b] = Deltas.GetValueOrDefault(b) - 1;
        Deltas[after] = Deltas.GetValueOrDefault(after) + 1;
    }
}
