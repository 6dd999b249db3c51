using System.Globalization;
using NodaTime;
using Standing.Enforcement.Cases;

namespace Standing.Data.Enforcement;

/// <summary>
/// The default queue's counts (every open case, no filter) read from the index of open cases by state and due date
/// (<see cref="QueueBand.Indexes"/>), and the cases' policies and kinds read by skipping along their index: at
/// 100,000 sellers (219,519 cases, 126,654 open) the grouped pass over every open case and the distinct pass over
/// every case cost some 150 and 60 ms of CPU a view.
/// </summary>
public sealed partial class EnforcementStore
{
    /// <summary>
    /// The open cases per state and band (<see cref="QueueBand.Number"/>'s numbers) of a query that selects every open
    /// case, or null for another query (the caller's grouped pass counts it): each state's count from one pass over
    /// the entries of the index of open cases by state and due date (<c>enforcement_cases_open_by_state_due</c>), then per state the cases without a due date and, for a state that waits for a person,
    /// the overdue ones, each a range of that index.
    /// </summary>
    private Dictionary<string, int[]>? OpenCountsByIndex(CaseQueueQuery query, int bands, (string, object?)[] parameters)
    {
        if (query.Closed || !string.IsNullOrEmpty(query.State) || !string.IsNullOrEmpty(query.Policy) || !string.IsNullOrEmpty(query.Kind)
            || !string.IsNullOrWhiteSpace(query.SellerContains)) return null;
        var totals = new List<(string State, int Cases)>();
        // rtrim(state) is the state (no state ends in a space): the expression the index is keyed on.
        using (var grouped = Command("SELECT rtrim(state), count(*) FROM enforcement_cases WHERE closed_at IS NULL GROUP BY rtrim(state)"))
        using (var r = grouped.ExecuteReader())
        {
            while (r.Read()) totals.Add((r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)));
        }
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (state, total) in totals)
        {
            var withState = parameters.Select(p => p.Item1 == "first" ? ("first", (object?)state) : p).ToArray();
            var undue = Count("rtrim(due_at, 'Z') IS NULL", withState);
            var perBand = counts[state] = new int[bands];
            if (CaseStates.AwaitsPerson(state))
            {
                var overdue = Count("rtrim(due_at, 'Z') < @now", withState);
                (perBand[0], perBand[1], perBand[2]) = (overdue, total - overdue - undue, undue);
            }
            else
            {
                (perBand[3], perBand[4]) = (total - undue, undue);
            }
        }
        return counts;
    }

    /// <summary>
    /// The instants around <paramref name="now"/> at which the queue of these cases is the same (<see cref="QueueWindow"/>):
    /// per state that waits for a person, the nearest due dates on either side of now, each one seek along the index of
    /// open cases by state and due date.
    /// </summary>
    public QueueWindow QueueWindow(Instant now)
    {
        var at = EnforcementJson.Instant(now).TrimEnd('Z');
        string? before = null, from = null;
        foreach (var state in CaseStates.AwaitingPerson)
        {
            var below = Nearest("max", "<", state, at);
            var above = Nearest("min", ">=", state, at);
            if (below is not null && (before is null || string.CompareOrdinal(below, before) > 0)) before = below;
            if (above is not null && (from is null || string.CompareOrdinal(above, from) < 0)) from = above;
        }
        return new QueueWindow(before, from);
    }

    private string? Nearest(string aggregate, string comparison, string state, string at)
    {
        using var nearest = Command(
            $"SELECT {aggregate}(rtrim(due_at, 'Z')) FROM enforcement_cases WHERE closed_at IS NULL AND rtrim(state) = @state AND rtrim(due_at, 'Z') {comparison} @now",
            ("state", state), ("now", at));
        return nearest.ExecuteScalar() is string due ? due : null;
    }

    private int Count(string condition, (string, object?)[] parameters)
    {
        using var count = Command($"SELECT count(*) FROM enforcement_cases WHERE closed_at IS NULL AND rtrim(state) = @first AND {condition}", parameters);
        return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The distinct (policy, kind) pairs of the cases, one seek along their index each rather than a pass over every case.</summary>
    private List<(string Policy, string Kind)> PolicyKindPairs()
    {
        var pairs = new List<(string, string)>();
        while (true)
        {
            using var next = pairs.Count == 0
                ? Command("SELECT policy, kind FROM enforcement_cases ORDER BY policy, kind LIMIT 1")
                : Command("SELECT policy, kind FROM enforcement_cases WHERE policy > @policy OR (policy = @policy AND kind > @kind) ORDER BY policy, kind LIMIT 1",
                    ("policy", pairs[^1].Item1), ("kind", pairs[^1].Item2));
            using var r = next.ExecuteReader();
            if (!r.Read()) return pairs;
            pairs.Add((r.GetString(0), r.GetString(1)));
        }
    }
}
