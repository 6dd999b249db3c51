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
    /// <summary>The policies and the kinds of every stored case, each sorted by ordinal.</summary>
    /// <remarks>
    /// From the kept counts where the store has them: skipping along the index by policy and kind cost 54–59 ms at
    /// 100,000 sellers with SQLite 3.53 (its seeks past each pair, their values bound, walk the index).
    /// </remarks>
    public (IReadOnlyList<string> Policies, IReadOnlyList<string> Kinds) CasePoliciesAndKinds()
    {
        var policies = new SortedSet<string>(StringComparer.Ordinal);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        var pairs = HasCaseCounts(_connection, null) ? CaseCounts().Keys.Select(k => (k.Policy, k.Kind)) : PolicyKindPairs();
        foreach (var (policy, kind) in pairs)
        {
            policies.Add(policy);
            kinds.Add(kind);
        }
        return ([.. policies], [.. kinds]);
    }

    /// <summary>The cases of <paramref name="query"/> from <paramref name="offset"/> on, at most <paramref name="limit"/>, in the queue's order.</summary>
    /// <remarks>
    /// The order's first key depends on the request's clock, so no index serves it whole: the cases are counted per
    /// state and band (<see cref="QueueBand"/>) in one grouped pass, and the page is read band by band, each in an
    /// order its index serves, from the band the offset falls in until the page is full.
    /// </remarks>
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
            ("first", null),
        };
        var awaiting = string.Join(", ", CaseStates.AwaitingPerson.Select((s, i) => "@awaiting" + i.ToString(CultureInfo.InvariantCulture)));
        parameters.AddRange(CaseStates.AwaitingPerson.Select((s, i) => ("awaiting" + i.ToString(CultureInfo.InvariantCulture), (object?)s)));
        var chosen = new List<string>();
        if (!string.IsNullOrEmpty(query.Policy)) chosen.Add("policy = @policy");
        if (!string.IsNullOrEmpty(query.Kind)) chosen.Add("kind = @kind");
        if (!string.IsNullOrWhiteSpace(query.SellerContains)) chosen.Add("lower(seller) LIKE @seller ESCAPE '\\'");
        if (!query.Closed) chosen.Add(string.IsNullOrEmpty(query.State) ? "closed_at IS NULL" : "(closed_at IS NULL OR state = @state)");
        var id = _connection is NpgsqlConnection ? "id COLLATE \"C\"" : "id";
        var bands = QueueBand.All(awaiting, id);
        var all = parameters.ToArray();

        // Cases per state and band: the states' counts, the shown bands' sizes, and where each state first appears
        // (the default queue's from the index of open cases by state, another query's in one grouped pass).
        var counts = CountsKept(query, bands.Count, all) ?? OpenCountsByIndex(query, bands.Count, all);
        if (counts is null)
        {
            counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
            using var grouped = Command($"SELECT state, {QueueBand.Number(awaiting)}, count(*) FROM enforcement_cases{Where(chosen)} GROUP BY 1, 2", all);
            using var r = grouped.ExecuteReader();
            while (r.Read())
            {
                var state = r.GetString(0);
                if (!counts.TryGetValue(state, out var perBand)) counts[state] = perBand = new int[bands.Count];
                perBand[Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)] = Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture);
            }
        }
        var states = OrderStates(counts, bands, chosen, all);
        var shownCounts = new int[bands.Count];
        foreach (var (state, perBand) in counts)
        {
            if (!string.IsNullOrEmpty(query.State) && state != query.State) continue;
            for (var b = 0; b < bands.Count; b++)
            {
                if (!query.OverdueOnly || bands[b].Overdue) shownCounts[b] += perBand[b];
            }
        }
        var shown = new List<string>(chosen);
        var cases = new List<EnforcementCase>();
        var skip = Math.Max(0, offset);
        var left = Math.Max(0, limit);
        for (var b = 0; b < bands.Count && left > 0; b++)
        {
            if (skip >= shownCounts[b])
            {
                skip -= shownCounts[b];
                continue;
            }
            var take = Math.Min(left, shownCounts[b] - skip);
            using var page = Command(
                "SELECT seller, id, policy, kind, state, opened_at, due_at, closed_at, updated_at, audit_count, data FROM enforcement_cases" +
                Where([.. shown, .. OfState(b, "@state", query.State), bands[b].Condition]) +
                $" ORDER BY {bands[b].Order} LIMIT {take.ToString(CultureInfo.InvariantCulture)} OFFSET {skip.ToString(CultureInfo.InvariantCulture)}", all);
            var read = ReadCasesInOrder(page);
            cases.AddRange(read);
            left -= read.Count;
            skip = 0;
        }
        return new CaseQueuePage(cases, shownCounts.Sum(), states);
    }

    /// <summary>
    /// The states in the order their first cases come in the queue: by the band each first appears in, then by
    /// that band's first case of each (read with the band's index, one row per state).
    /// </summary>
    private List<(string, int)> OrderStates(Dictionary<string, int[]> counts, IReadOnlyList<QueueBand> bands, List<string> chosen, (string, object?)[] parameters)
    {
        var firsts = new List<(string State, int Count, int Band, string? Due, string? Closed, string Opened, string Id)>();
        foreach (var (state, perBand) in counts)
        {
            var band = Array.FindIndex(perBand, n => n > 0);
            if (band < 0) continue;
            var withState = parameters.Select(p => p.Item1 == "first" ? ("first", (object?)state) : p).ToArray();
            using var first = Command(
                "SELECT CASE WHEN closed_at IS NULL THEN rtrim(due_at, 'Z') END, rtrim(closed_at, 'Z'), rtrim(opened_at, 'Z'), id FROM enforcement_cases" +
                Where([.. chosen, .. OfState(band, "@first", state), bands[band].Condition]) + $" ORDER BY {bands[band].Order} LIMIT 1", withState);
            using var r = first.ExecuteReader();
            if (!r.Read()) continue;
            firsts.Add((state, perBand.Sum(), band, r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3)));
        }
        // The texts are ISO instants trimmed of their Z: ordinal order is time order (see the class's remarks). A
        // closed case's due date is no key (null), as in the bands' order.
        firsts.Sort((x, y) =>
        {
            var c = x.Band.CompareTo(y.Band);
            if (c == 0) c = string.CompareOrdinal(x.Due, y.Due);
            if (c == 0) c = string.CompareOrdinal(y.Closed, x.Closed);
            if (c == 0) c = string.CompareOrdinal(x.Opened, y.Opened);
            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        });
        return [.. firsts.Select(f => (f.State, f.Count))];
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

    /// <summary>
    /// The conditions that pick one state's cases of band <paramref name="band"/> (none without a state): for an open band,
    /// as the index of open cases by state and due date (<see cref="QueueBand.Indexes"/>) is keyed, so that the state's
    /// first cases are read from it in order rather than found by walking the band's cases of every state.
    /// </summary>
    private static IEnumerable<string> OfState(int band, string parameter, string? state)
    {
        if (string.IsNullOrEmpty(state)) yield break;
        if (band == QueueBand.Closed)
        {
            yield return "state = " + parameter;
            yield break;
        }
        yield return "rtrim(state) = " + parameter;
        if (QueueBand.Undue(band)) yield return "rtrim(due_at, 'Z') IS NULL";
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
