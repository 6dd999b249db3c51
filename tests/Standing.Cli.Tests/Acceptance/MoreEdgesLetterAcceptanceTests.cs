namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Pinduoduo, Kuaishou's [T−33, T−4] pickup window and Prom.ua's peer comparison at their edges (STANDARDS.md §2,
/// §4, §6) through <c>standing evaluate --format json</c> on edges-letter-2.ndjson; every figure worked out by hand.
/// </summary>
public sealed class MoreEdgesLetterAcceptanceTests
{
    private const string File = "edges-letter-2.ndjson";

    // pd as of 2026-06-11 00:05 +08:00 judges the day 06-10: 10 buyers ask at 10:00 (b9 at 23:59). b0 answered after
    // exactly 3 min (in time), b1 after 3 min 1 s (late), b9 at 00:01:59 the next day (2 min 59 s, in time, dated by
    // its first message), b2 asks again at 12:00 and is answered in 2 min (one buyer-day). 9/10 = 90 % ≥ 90 % → good.
    [Fact]
    public void Pinduoduo_reply_rate_per_buyer_day_on_the_pass_mark()
    {
        var run = AcceptanceRun.Evaluate(File, "pinduoduo", "2026-06-11T00:05:00+08:00");

        run.AssertRate("pd", "reply_rate", 9, 10, 0.9, "good");
    }

    // kp as of 2026-06-10 15:00 +08:00: T = 06-10, days T−33..T−4 = [05-08 00:00, 06-07 00:00) by shipping date.
    //  in-first shipped 05-08 00:00, picked up exactly 24 h later (in time); out-before 05-07 23:59 and out-after
    //  06-07 00:00 outside; in-last 06-06 23:59 never picked up (anomaly); late-by-a-second (anomaly); "excused":
    //  refund requested 10 h after shipping, before its pickup → left out; f0..f7 picked up in 1 h.
    //  2 anomalies / 11 due = 18.18 % ≥ 4 % → breach.
    [Fact]
    public void Kuaishou_pickup_anomaly_window_is_days_T_minus_33_to_T_minus_4()
    {
        var run = AcceptanceRun.Evaluate(File, "kuaishou", "2026-06-10T15:00:00+08:00");

        run.AssertRate("kp", "pickup_anomaly_rate", 2, 11, 2.0 / 11, "breach");
    }

    // 20 companies with 20 reviews each in the last 30 days: s00 has 10 of 1 star, the others 1 each. Catalog-wide
    // rate 29/400 = 7.25 %. s00: no company worse (0 % < 5 % of companies) and P(X ≥ 10 | n = 20, p = 0.0725) ≈ 3.8e-7
    // < 0.01 → breach and catalog exclusion. s01: s00 is worse, 1 of 20 = 5 %, not under 5 % → not among the worst.
    [Fact]
    public void Promua_excludes_only_the_company_significantly_worse_than_the_catalog()
    {
        var run = AcceptanceRun.Evaluate(File, "promua", "2026-06-01T00:00:00+03:00");

        run.AssertRate("s00", "negative_review_rate_30d", 10, 20, 0.5, "breach");
        Assert.True(run.Triggered("s00", "catalog_exclusion"));
        run.AssertRate("s01", "negative_review_rate_30d", 1, 20, 0.05, "good");
        Assert.False(run.Triggered("s01", "catalog_exclusion"));
    }
}
