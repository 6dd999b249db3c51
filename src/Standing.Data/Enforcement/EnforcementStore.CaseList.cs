using System.Globalization;
using Npgsql;
using NodaTime;
using Standing.Enforcement.Cases;

namespace Standing.Data.Enforcement;

/// <summary>
/// One page of the cases of every seller (<c>GET /v1/cases</c> without a seller), in the order of <see cref="Cases"/>
/// (opening instant, then id), filtered and paged in SQL: only the page's rows are read whole.
/// </summary>
public sealed partial class EnforcementStore
{
    /// <summary>
    /// The index that serves the list's order, with every column a filter names: a page is a walk of it in order,
    /// the filters checked on its entries, and only the page's rows are then read from the table.
    /// </summary>
    /// <remarks>
    /// At 100,000 sellers (about 219,500 cases) reading every case to page them in memory took 3–7 s a request.
    /// Opening instants are compared trimmed of their Z (see <see cref="Queue"/>'s remarks); on PostgreSQL both keys
    /// by code point (COLLATE "C"), as the sort of <see cref="Cases"/> compares ids.
    /// </remarks>
    internal static string CaseListIndex(bool postgres) => postgres
        ? "CREATE INDEX IF NOT EXISTS enforcement_cases_by_opening ON enforcement_cases ((rtrim(opened_at, 'Z')) COLLATE \"C\", id COLLATE \"C\", policy, kind, state, closed_at, due_at)"
        : "CREATE INDEX IF NOT EXISTS enforcement_cases_by_opening ON enforcement_cases ((rtrim(opened_at, 'Z')), id, policy, kind, state, closed_at, due_at)";

    /// <summary>
    /// The cases of every seller that pass the filters, from <paramref name="offset"/> on, at most <paramref name="limit"/>,
    /// in the order of <see cref="Cases"/>. <paramref name="overdueAt"/>, when given, keeps only the open cases waiting
    /// for a person whose due date is before it.
    /// </summary>
    public IReadOnlyList<EnforcementCase> CasePage(string? policy, string? state, string? kind, Instant? overdueAt, int offset, int limit)
    {
        var postgres = _connection is NpgsqlConnection;
        var parameters = new List<(string, object?)> { ("policy", policy), ("state", state), ("kind", kind) };
        var conditions = new List<string>();
        // On SQLite a filter's column is prefixed with + so that no other index (by policy and kind) is chosen for it:
        // that index would find the policy's cases (117,575 of Mall's) unordered, and sort them all for one page.
        var column = postgres ? "" : "+";
        if (policy is not null) conditions.Add(column + "policy = @policy");
        if (state is not null) conditions.Add(column + "state = @state");
        if (kind is not null) conditions.Add(column + "kind = @kind");
        if (overdueAt is { } now)
        {
            var awaiting = CaseStates.AwaitingPerson.Select((s, i) => ("awaiting" + i.ToString(CultureInfo.InvariantCulture), (object?)s)).ToList();
            parameters.AddRange(awaiting);
            parameters.Add(("now", EnforcementJson.Instant(now).TrimEnd('Z')));
            conditions.Add($"{column}closed_at IS NULL AND {column}state IN ({string.Join(", ", awaiting.Select(a => "@" + a.Item1))}) " +
                $"AND {column}due_at IS NOT NULL AND rtrim({column}due_at, 'Z') < @now");
        }
        var ordinal = postgres ? " COLLATE \"C\"" : "";
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        using var command = Command(
            "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases WHERE id IN (" +
            $"SELECT id FROM enforcement_cases{where} ORDER BY rtrim(opened_at, 'Z'){ordinal}, id{ordinal} " +
            $"LIMIT {Math.Max(0, limit).ToString(CultureInfo.InvariantCulture)} OFFSET {Math.Max(0, offset).ToString(CultureInfo.InvariantCulture)})",
            [.. parameters]);
        return ReadCases(command); // sorted as Cases sorts: the page in the list's order
    }

    /// <summary>Whether any case of <paramref name="policy"/> (of every policy when null) is of <paramref name="kind"/>.</summary>
    public bool HasCaseOfKind(string? policy, string kind)
    {
        using var command = Command(
            "SELECT 1 FROM enforcement_cases WHERE kind = @kind" + (policy is null ? "" : " AND policy = @policy") + " LIMIT 1",
            ("kind", kind), ("policy", policy));
        return command.ExecuteScalar() is not null;
    }
}
