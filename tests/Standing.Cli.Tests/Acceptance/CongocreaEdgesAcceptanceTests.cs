namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Congocrea's ODR and its two count guards at the edges of their windows (STANDARDS.md §1), through <c>standing
/// evaluate --format json</c>, worked by hand. Scenario congocrea-edges.ndjson, one shop c-edge, policy zone UTC.
/// </summary>
/// <remarks>
/// The events (placement instant → what happened to the order):
/// o0 2026-03-02T23:59:59Z, case 03-04; o1 03-03T00:00:00Z, 2-star review; o2 2026-04-02T02:00:00+02:00
/// (= 04-02T00:00:00Z), case; o3 2026-04-02T01:59:59+02:00 (= 04-01T23:59:59Z), 2-star review; o4 05-31T23:59:59Z,
/// 1-star review posted 06-01T00:00:01Z; o5 05-20, 3-star review; o6 06-01T00:00:00Z with a case at the same instant;
/// o7 05-10, case opened 06-02.
/// </remarks>
public sealed class CongocreaEdgesAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> AtJune1 = new(() => AcceptanceRun.Evaluate("congocrea-edges.ndjson", "congocrea", "2026-06-01"));

    // Worked by hand from STANDARDS.md §1: "Reading: ODR is computed over rolling 90 days by order date; condition 3
    // over rolling 60 days by order date"; rolling N days is [as-of − N days, as-of). As of 2026-06-01T00:00Z:
    // 90 days = [03-03T00:00Z, 06-01T00:00Z): o1 (first instant), o2, o3, o4, o5, o7 = 6 orders; o0 is one second
    // early, o6 is at the as-of. Defective as known at the as-of ("two stars or fewer OR a case"): o1 (2 stars),
    // o2 (case), o3 (2 stars) = 3; o4's review and o7's case come after the as-of; o5's 3 stars are not a defect.
    // ODR 3/6 = 50% ≥ 1% → breach. Lifetime ("since the shop's first sale"): o0, o1, o2, o3 = 4 defective of 7 orders.
    // 60 days = [04-02T00:00Z, 06-01): o2 (02:00+02:00 is 00:00Z, the first instant), o4, o5, o7; o3 (01:59:59+02:00)
    // is the day before in UTC. Defective among them: o2 = 1 < 2 → no automatic warning although ODR ≥ 1% and 4 ≥ 3.
    [Fact]
    public void Windows_count_by_the_placement_instant_in_utc_and_late_defects_are_not_known_yet()
    {
        var run = AtJune1.Value;
        run.AssertRate("c-edge", "odr", 3, 6, 0.5, "breach");
        run.AssertRate("c-edge", "defective_orders_lifetime", 4, 7, 4, "good");
        run.AssertRate("c-edge", "defective_orders_60d", 1, 4, 1, "good");
        Assert.False(run.Triggered("c-edge", "warning"));
    }

    // Two days later, as of 2026-06-03T00:00Z, everything above is known: 90 days = [03-05, 06-03): o1 (03-03) has
    // left; o2, o3, o4, o5, o6, o7 = 6, defective o2, o3, o4 (1 star), o6 (case), o7 (case) = 5 → 5/6. Lifetime: 8
    // orders, defective o0, o1, o2, o3, o4, o6, o7 = 7. 60 days = [04-04, 06-03): o4, o5, o6, o7, defective o4, o6, o7
    // = 3 ≥ 2 → all three conditions hold → the automatic warning.
    [Fact]
    public void Defects_known_later_count_for_their_orders_and_complete_the_warnings_conditions()
    {
        var run = AcceptanceRun.Evaluate("congocrea-edges.ndjson", "congocrea", "2026-06-03");
        run.AssertRate("c-edge", "odr", 5, 6, 5.0 / 6, "breach");
        run.AssertRate("c-edge", "defective_orders_lifetime", 7, 8, 7, "good");
        run.AssertRate("c-edge", "defective_orders_60d", 3, 4, 3, "good");
        Assert.True(run.Triggered("c-edge", "warning"));
    }
}
