namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// MALL's partner SLA over Christmas and at its window's edges (STANDARDS.md §8), through <c>standing evaluate --format
/// json</c>, worked by hand. Scenario mall-edges.ndjson, partner m-xmas, as of 2026-01-10T00:00+01:00 (Europe/Warsaw):
/// the monitored period is [2025-12-11T00:00+01:00, 2026-01-10T00:00+01:00), orders by placement date.
/// </summary>
/// <remarks>
/// In the period: 97 orders placed Monday 2025-12-15 10:00, opened then and SHIPPING at 12:00 (o00–o03 with a tracking
/// number only, the rest number and link); o-first placed at the period's first instant, number only, its status
/// corrected once (cancelled → shipping); o-xmas opened Tuesday 2025-12-23 10:00, SHIPPING Monday 12-29 10:00:00;
/// o-last opened 2026-01-09 23:59:59, still OPEN. Outside: o-before (one second early, shipped without tracking,
/// never confirmed) and o-asof (placed and cancelled by the partner at the as-of). 100 orders in all.
/// </remarks>
public sealed class MallEdgesAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("mall-edges.ndjson", "mall", "2026-01-10T00:00:00+01:00"));

    // Worked by hand from STANDARDS.md §8: "Default Europe/Warsaw, business days Monday–Friday excluding Polish public
    // holidays (... Christmas Eve, 24 December, is a public holiday from 2025 on)"; shipping confirmation "within 1
    // business day of entering OPEN (Reading: the deadline is the same local time on the next business day ... one
    // still inside its deadline at as-of is pending)". o-xmas: 24, 25, 26 December are holidays, 27–28 a weekend, so
    // the deadline is Monday 29 December 10:00 and SHIPPING exactly then is on time (were 24 December a working day it
    // would be late). o-last's deadline is Monday 2026-01-12 → pending, left out. On time: 97 + o-first + o-xmas = 99
    // of 99 → 100%.
    [Fact]
    public void Christmas_eve_is_not_a_business_day_and_an_order_opened_in_the_last_second_is_pending()
    {
        Run.Value.AssertRate("m-xmas", "shipping_confirmation_sla", 99, 99, 1, "good");
        Assert.Equal(1, Run.Value.Metric("m-xmas", "shipping_confirmation_sla").GetProperty("pending").GetInt64());
    }

    // "status error rate: orders whose final status was entered wrongly / all orders ≤ 1%": o-first of 100 = exactly
    // 1% → within. "cancellation rate ≤ 2%": o-asof is placed at the as-of, outside [start, as-of) → 0/100.
    [Fact]
    public void Status_errors_at_exactly_one_percent_are_within_and_the_as_of_instant_is_outside()
    {
        Run.Value.AssertRate("m-xmas", "status_error_rate", 1, 100, 0.01, "good");
        Run.Value.AssertRate("m-xmas", "cancellation_rate", 0, 100, 0, "good");
    }

    // "tracking rate: orders with tracking data (tracking number and tracking link) / shipped orders ≥ 95%": shipped in
    // the period 97 + o-first + o-xmas = 99 (o-last is not shipped, o-before is outside); without a link o00–o03 and
    // o-first → 94/99 = 94.95%, under 95% → breach, so the partner is outside the SLA (sla_breach).
    [Fact]
    public void Tracking_just_under_95_percent_is_a_breach()
    {
        Run.Value.AssertRate("m-xmas", "tracking_rate", 94, 99, 94.0 / 99, "breach");
        Assert.True(Run.Value.Triggered("m-xmas", "sla_breach"));
    }
}
