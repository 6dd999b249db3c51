using NodaTime;
using Standing.Enforcement.Cases;

namespace Standing.Server.Jobs;

/// <summary>
/// The operators' queue of cases: overdue first (the longest overdue on top), then those waiting for a
/// person by due date, then the other open cases by due date, then the closed ones, latest first.
/// </summary>
public static class CaseQueue
{
    /// <summary>A case waiting for a person's decision past its due date.</summary>
    public static bool IsOverdue(EnforcementCase c, Instant now) => c.IsOpen && CaseStates.AwaitsPerson(c.State) && c.DueAt is { } due && due < now;

    public static IReadOnlyList<EnforcementCase> Order(IEnumerable<EnforcementCase> cases, Instant now) =>
        cases.OrderBy(c => Band(c, now))
            .ThenBy(c => c.IsOpen ? c.DueAt ?? Instant.MaxValue : Instant.MaxValue)
            .ThenByDescending(c => c.IsOpen ? Instant.MinValue : c.ClosedAt ?? c.UpdatedAt)
            .ThenBy(c => c.OpenedAt)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>How many cases are in each state, the states in the queue's order of first appearance.</summary>
    public static IReadOnlyList<(string State, int Cases)> States(IReadOnlyList<EnforcementCase> ordered) =>
        ordered.GroupBy(c => c.State, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();

    private static int Band(EnforcementCase c, Instant now) =>
        IsOverdue(c, now) ? 0 : c.IsOpen && CaseStates.AwaitsPerson(c.State) ? 1 : c.IsOpen ? 2 : 3;
}
