using System.Data.Common;
using System.Globalization;
using Npgsql;
using Standing.Enforcement.Cases;

namespace Standing.Data.Enforcement;

/// <summary>
/// The operators' queue of cases paged and counted in SQL: overdue first (the longest overdue on top),
/// then those waiting for a person by due date, then the other open cases by due date, then the closed
/// ones, latest first; ties by opening instant, then id. Only the page's rows are read whole.
/// </summary>
/// <remarks>
/// Instants are stored as ISO text (<see cref="EnforcementJson.Instant"/>), whose fraction of a second is
/// as long as it needs to be: without the closing <c>Z</c> the texts of four-digit years sort as the
/// instants do ("…:00" before "…:00.5"), so the order compares them trimmed.
/// </remarks>
public sealed partial class EnforcementStore
{
    /// <summary>The policies and the kinds of every stored case, each sorted by ordinal (one pass over the table).</summary>
    public (IReadOnlyList<string> Policies, IReadOnlyList<string> Kinds) CasePoliciesAndKinds()
    {
        var policies = new SortedSet<string>(StringComparer.Ordinal);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        using (var command = Command("SELECT DISTINCT policy, kind FROM enforcement_cases"))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                policies.Add(r.GetString(0));
                kinds.Add(r.GetString(1));
            }
        }
        return ([.. policies], [.. kinds]);
    }

    /// <summary>The cases of <paramref name="query"/> from <paramref name="offset"/> on, at most <paramref name="limit"/>, in the queue's order.</summary>
    public CaseQueuePage Queue(CaseQueueQuery query, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<(string, object?)>
        {
            ("now", EnforcementJson.Instant(query.Now).TrimEnd('Z')),
            ("state", query.State),
            ("seller", Pattern(query.SellerContains)),
            ("policy", query.Policy),
            ("kind", query.Kind),
        };
        var awaiting = string.Join(", ", CaseStates.AwaitingPerson.Select((s, i) => "@awaiting" + i.ToString(CultureInfo.InvariantCulture)));
        parameters.AddRange(CaseStates.AwaitingPerson.Select((s, i) => ("awaiting" + i.ToString(CultureInfo.InvariantCulture), (object?)s)));
        var band = "CASE WHEN closed_at IS NOT NULL THEN 3 WHEN state NOT IN (" + awaiting + ") THEN 2 " +
            "WHEN due_at IS NOT NULL AND rtrim(due_at, 'Z') < @now THEN 0 ELSE 1 END";
        var chosen = new List<string>();
        if (!string.IsNullOrEmpty(query.Policy)) chosen.Add("policy = @policy");
        if (!string.IsNullOrEmpty(query.Kind)) chosen.Add("kind = @kind");
        if (!string.IsNullOrWhiteSpace(query.SellerContains)) chosen.Add("lower(seller) LIKE @seller ESCAPE '\\'");
        if (!query.Closed) chosen.Add(string.IsNullOrEmpty(query.State) ? "closed_at IS NULL" : "(closed_at IS NULL OR state = @state)");
        var shown = new List<string>(chosen);
        if (!string.IsNullOrEmpty(query.State)) shown.Add("state = @state");
        if (query.OverdueOnly) shown.Add(band + " = 0");
        var id = _connection is NpgsqlConnection ? "id COLLATE \"C\"" : "id";
        // Within a band every case is open (bands 0-2) or every one closed (3): the open cases' keys are null in
        // band 3 and the closed ones' in the others, so no key compares a null with a value.
        var order = $"{band}, CASE WHEN closed_at IS NULL AND due_at IS NOT NULL THEN 0 ELSE 1 END, " +
            "CASE WHEN closed_at IS NULL THEN rtrim(due_at, 'Z') END, " +
            "CASE WHEN closed_at IS NOT NULL THEN rtrim(coalesce(closed_at, updated_at), 'Z') END DESC, " +
            $"rtrim(opened_at, 'Z'), {id}";
        var all = parameters.ToArray();

        var states = new List<(string, int)>();
        using (var grouped = Command(
            $"SELECT state, count(*), min(position) FROM (SELECT state, row_number() OVER (ORDER BY {order}) AS position FROM enforcement_cases{Where(chosen)}) AS q " +
            "GROUP BY state ORDER BY min(position)", all))
        using (var r = grouped.ExecuteReader())
        {
            while (r.Read()) states.Add((r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)));
        }
        // Without the overdue filter the shown cases are those the states count (or one state's): no other pass.
        int total;
        if (query.OverdueOnly)
        {
            using var count = Command("SELECT count(*) FROM enforcement_cases" + Where(shown), all);
            total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        else
        {
            total = states.Where(s => string.IsNullOrEmpty(query.State) || s.Item1 == query.State).Sum(s => s.Item2);
        }
        using var page = Command(
            "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases" + Where(shown) +
            $" ORDER BY {order} LIMIT {Math.Max(0, limit).ToString(CultureInfo.InvariantCulture)} OFFSET {Math.Max(0, offset).ToString(CultureInfo.InvariantCulture)}", all);
        return new CaseQueuePage(ReadCasesInOrder(page), total, states);
    }

    /// <summary>
    /// What the engine's rules did to <paramref name="policy"/>'s cases after <paramref name="after"/> (from the
    /// beginning when null) and up to <paramref name="upTo"/>: how many audit entries, and the first
    /// <paramref name="limit"/> in time order (then seller, case, step), read in SQL rather than case by case.
    /// </summary>
    public (IReadOnlyList<AuditEntry> First, int Total) RuleActions(string policy, NodaTime.Instant? after, NodaTime.Instant upTo, int limit)
    {
        var where = " FROM enforcement_audit a JOIN enforcement_cases c ON c.seller = a.seller AND c.id = a.case_id " +
            "WHERE c.policy = @policy AND substr(a.actor, 1, 5) = 'rule:' AND rtrim(a.at, 'Z') <= @upto" +
            (after is null ? "" : " AND rtrim(c.updated_at, 'Z') > @after AND rtrim(a.at, 'Z') > @after");
        (string, object?)[] parameters =
        [
            ("policy", policy), ("upto", EnforcementJson.Instant(upTo).TrimEnd('Z')),
            ("after", after is { } a ? EnforcementJson.Instant(a).TrimEnd('Z') : null),
        ];
        int total;
        using (var count = Command("SELECT count(*)" + where, parameters))
        {
            total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var ordinal = _connection is NpgsqlConnection ? " COLLATE \"C\"" : "";
        using var first = Command(
            "SELECT a.seller, a.case_id, a.seq, a.at, a.actor, a.action, a.from_state, a.to_state, a.reason, a.snapshot" + where +
            $" ORDER BY rtrim(a.at, 'Z'), a.seller{ordinal}, a.case_id{ordinal}, a.seq LIMIT {Math.Max(0, limit).ToString(CultureInfo.InvariantCulture)}",
            parameters);
        return (ReadAudit(first), total);
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    /// <summary>A LIKE pattern that finds <paramref name="text"/> (trimmed, lower case) anywhere, its wildcards taken literally.</summary>
    private static string? Pattern(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
            : "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static List<EnforcementCase> ReadCasesInOrder(DbCommand command)
    {
        var cases = new List<EnforcementCase>();
        using var r = command.ExecuteReader();
        while (r.Read()) cases.Add(ReadCase(r));
        return cases;
    }
}
