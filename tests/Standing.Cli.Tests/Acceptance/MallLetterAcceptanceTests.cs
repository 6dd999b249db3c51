namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// MALL's edges (STANDARDS.md §8) through <c>standing evaluate --format json</c> on mall-letter.ndjson, worked
/// out by hand: Europe/Warsaw, business days Monday–Friday without Polish public holidays (24 December one
/// from 2025), "1 business day" = the same local time on the next business day, on the deadline is in time.
/// </summary>
public sealed class MallLetterAcceptanceTests
{
    private const string File = "mall-letter.ndjson";

    // p1 as of Fri 2027-01-08 12:00 +01:00 (orders placed from 2026-12-09 12:00), each order OPEN at placement:
    //  a  Thu 12-24 10:00 (holiday) → 12-25 holiday, weekend → deadline Mon 12-28 10:00; confirmed 10:00 → on time
    //  b  same, confirmed 12-28 10:01 → late
    //  c  Tue 01-05 09:00 → 01-06 Epiphany → Thu 01-07 09:00; confirmed 08:59 → on time
    //  d  Sat 12-12 10:00 → Mon 12-14 10:00; confirmed 11:00 → late
    //  e  Thu 01-07 13:00, still OPEN: deadline Fri 01-08 13:00 not reached → pending
    //  f  Wed 12-30 10:00, still OPEN: deadline Thu 12-31 10:00 passed → late
    //  g  Thu 12-31 10:00 → 01-01 holiday, weekend → Mon 01-04 10:00; confirmed 10:00 → on time
    //  h0–h5 Mon 12-14 10:00, confirmed 12:00 → on time
    // On time a, c, g, h0–h5 = 9 of 12 counted, 1 pending: 75 % < 95 % → breach.
    [Fact]
    public void Shipping_confirmation_counts_business_days_past_weekends_and_holidays()
    {
        var run = AcceptanceRun.Evaluate(File, "mall", "2027-01-08T12:00:00+01:00");

        run.AssertRate("p1", "shipping_confirmation_sla", 9, 12, 0.75, "breach");
        Assert.Equal(1, run.Metric("p1", "shipping_confirmation_sla").GetProperty("pending").GetInt64());
        Assert.True(run.Triggered("p1", "sla_breach"));
    }

    // p2 as of 2026-12-20: 10 orders placed Tue 12-01 10:00, deliver-by Sat 12-05 23:59:59, shipped 12-02.
    //  tracking: o0 number without link, o1 link without number → 8/10 = 80 % < 95 % → breach
    //  on-time delivery: o3 delivered exactly at 23:59:59 (in time), o4 at Sun 12-06 00:00 (late) → 9/10 → breach
    //  delivery confirmation: o5 delivered Fri 12-04 12:00, DELIVERED Mon 12-07 12:00 (on the deadline: in time);
    //  o6 at 12:01 (late); o3 delivered Sat 23:59:59 → Mon 23:59:59, confirmed Mon 10:00 (in time); o4 delivered
    //  Sun 00:00 → Mon 00:00, confirmed Mon 10:00 (late) → 8/10 → breach.
    [Fact]
    public void Tracking_delivery_and_its_confirmation_at_their_edges()
    {
        var run = AcceptanceRun.Evaluate(File, "mall", "2026-12-20T00:00:00+01:00");

        run.AssertRate("p2", "tracking_rate", 8, 10, 0.8, "breach");
        run.AssertRate("p2", "on_time_delivery", 9, 10, 0.9, "breach");
        run.AssertRate("p2", "delivery_confirmation_sla", 8, 10, 0.8, "breach");
        run.AssertRate("p2", "shipping_confirmation_sla", 10, 10, 1.0, "good");
    }
}
