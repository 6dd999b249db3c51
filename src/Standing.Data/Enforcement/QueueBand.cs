namespace Standing.Data.Enforcement;

/// <summary>
/// One band of the operators' queue (<see cref="EnforcementStore.Queue"/>), in queue order: the overdue cases waiting
/// for a person, the others waiting for a person with a due date then without, the other open cases with a due
/// date then without, the closed ones. Each band's <see cref="Order"/> is the queue's order within it, and is the
/// order of an index (<see cref="Indexes"/>) whose condition the band's <see cref="Condition"/> implies.
/// </summary>
internal sealed record QueueBand(string Condition, string Order, bool Overdue)
{
    private const string Due = "rtrim(due_at, 'Z')";
    private const string Opened = "rtrim(opened_at, 'Z')";

    /// <summary>The bands in queue order; <paramref name="awaiting"/> lists the parameters of the states that wait for a person.</summary>
    public static IReadOnlyList<QueueBand> All(string awaiting, string id)
    {
        var open = "closed_at IS NULL AND due_at ";
        var waiting = $" AND state IN ({awaiting})";
        var other = $" AND state NOT IN ({awaiting})";
        var byDue = $"{Due}, {Opened}, {id}";
        var byOpening = $"{Opened}, {id}";
        return
        [
            new(open + $"IS NOT NULL{waiting} AND {Due} < @now", byDue, true),
            new(open + $"IS NOT NULL{waiting} AND {Due} >= @now", byDue, false),
            new(open + "IS NULL" + waiting, byOpening, false),
            new(open + "IS NOT NULL" + other, byDue, false),
            new(open + "IS NULL" + other, byOpening, false),
            new("closed_at IS NOT NULL", $"rtrim(closed_at, 'Z') DESC, {byOpening}", false),
        ];
    }

    /// <summary>The number of the band of closed cases.</summary>
    public const int Closed = 5;

    /// <summary>Whether band <paramref name="band"/> holds open cases without a due date.</summary>
    public static bool Undue(int band) => band is 2 or 4;

    /// <summary>The number of a case's band, as in <see cref="All"/>.</summary>
    public static string Number(string awaiting) =>
        $"CASE WHEN closed_at IS NOT NULL THEN 5 WHEN state IN ({awaiting}) THEN " +
        $"(CASE WHEN due_at IS NULL THEN 2 WHEN {Due} < @now THEN 0 ELSE 1 END) WHEN due_at IS NULL THEN 4 ELSE 3 END";

    /// <summary>
    /// The indexes that serve the bands' orders, each over the cases its bands hold: a page or a state's first case
    /// is then read in order and stops at its limit, where sorting every open case cost tens of milliseconds.
    /// </summary>
    public static IReadOnlyList<string> Indexes(bool postgres)
    {
        var id = postgres ? "id COLLATE \"C\"" : "id";
        return
        [
            $"CREATE INDEX IF NOT EXISTS enforcement_cases_open_by_due ON enforcement_cases (({Due}), ({Opened}), {id}) WHERE closed_at IS NULL AND due_at IS NOT NULL",
            $"CREATE INDEX IF NOT EXISTS enforcement_cases_open_undue ON enforcement_cases (({Opened}), {id}) WHERE closed_at IS NULL AND due_at IS NULL",
            $"CREATE INDEX IF NOT EXISTS enforcement_cases_closed_by_closing ON enforcement_cases ((rtrim(closed_at, 'Z')) DESC, ({Opened}), {id}) WHERE closed_at IS NOT NULL",
            // One state's open cases in queue order: its first case and its pages (EnforcementStore.OfState), its overdue
            // count and the queue's window (EnforcementStore.QueueCounts.cs). Keyed on rtrim(state), which only those
            // reads name: keyed on state itself, the planner chose it for reads of every state and sorted a state's
            // cases (tens of thousands at 100,000 sellers) instead of reading a band's index in order. It replaces
            // the index keyed on (rtrim(state), due date) alone, which a store that made it loses.
            "DROP INDEX IF EXISTS enforcement_cases_open_by_state",
            "DROP INDEX IF EXISTS enforcement_cases_open_counts",
            $"CREATE INDEX IF NOT EXISTS enforcement_cases_open_by_state_due ON enforcement_cases ((rtrim(state)), ({Due}), ({Opened}), {id}) WHERE closed_at IS NULL",
            "CREATE INDEX IF NOT EXISTS enforcement_cases_by_policy_kind ON enforcement_cases (policy, kind)",
        ];
    }
}
