using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Kuaishou's weekly governance and monthly service-attitude rate at the edges of their periods in Asia/Shanghai
/// (STANDARDS.md §4), through <c>standing evaluate --format json</c> and <c>ingest</c> + <c>run</c> + <c>cases list</c>,
/// worked by hand. Scenario kuaishou-edges.ndjson, as of 2026-06-03 (a Wednesday): the last complete natural week is
/// Monday 2026-05-25 to Sunday 2026-05-31, the last calendar month is May 2026, the last 30 days [05-04, 06-03).
/// </summary>
public sealed class KuaishouEdgesAcceptanceTests : IDisposable
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("kuaishou-edges.ndjson", "kuaishou", "2026-06-03"));

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Worked by hand from STANDARDS.md §4 #1, "governance: satisfied / (satisfied + neutral + disappointed) ratings;
    // natural week; by rating date", "A natural week is Monday 00:00 to Sunday 24:00", "≤ 80% → violation handling"
    // (the threshold line wins: exactly 80% triggers). k-week: disappointed at Monday 05-25 00:00:00+08:00 (16:00Z on
    // the Sunday), 3 stars (neutral) at Sunday 05-31 23:59:59+08:00, 7 satisfied and one 4-star (satisfied) inside;
    // satisfied at 05-24 23:59:59+08:00 and 06-01 00:00+08:00 are the weeks around it. 8/10 = 80% → breach → violation.
    // The 30-day rate [05-04, 06-03) has all 12: 10/12.
    [Fact]
    public void The_natural_week_runs_from_monday_midnight_to_sunday_midnight_shanghai_time()
    {
        Run.Value.AssertRate("k-week", "cs_satisfaction_rate_week", 8, 10, 0.8, "breach");
        Assert.True(Run.Value.Triggered("k-week", "violation_cs_satisfaction_rate_week"));
        Run.Value.AssertRate("k-week", "cs_satisfaction_rate", 10, 12, 10.0 / 12, "at_risk");
    }

    // §4 #2 "(consulting buyers − buyers not answered within 3 min) / consulting buyers; only consultations 08:00–24:00;
    // a buyer counts once per natural day", by consultation date. k-reply, week 05-25..31:
    //  b1 asks Tuesday 23:58:00, answered Wednesday 00:01:00 → exactly 3 min, in time (dated Tuesday);
    //  b2 asks Tuesday 23:59:00, answered 00:02:01 → late; b3 asks 07:59:59 → outside 08:00–24:00, not a consultation;
    //  b4 asks 08:00:00, answered 08:03:00 → in time; b5 asks Sunday 23:59:00, answered Monday 00:05 → late, in the week;
    //  c0–c6 answered in 1 min; b6 asks the Sunday before (05-24 23:59) → not in the week.
    // Week: 11 buyer-days, 2 late → 9/11 = 81.8%: above 70% (no violation), under the 90% target → at risk.
    // 30 days adds b6 (answered in 2 min): 10/12.
    [Fact]
    public void A_wait_across_midnight_counts_on_the_day_it_began_and_eight_oclock_is_inside()
    {
        Run.Value.AssertRate("k-reply", "three_minute_reply_rate_week", 9, 11, 9.0 / 11, "at_risk");
        Assert.False(Run.Value.Triggered("k-reply", "violation_three_minute_reply_rate_week"));
        Run.Value.AssertRate("k-reply", "three_minute_reply_rate", 10, 12, 10.0 / 12, "at_risk");
    }

    // §4 service attitude: "per calendar month, must be ≤ 6%"; "Default severity: minor ≤ 9%, serious ≤ 12%, very
    // serious above"; other packs' minimum sample "Default to ≥ 10 in the denominator". May 2026 in Shanghai:
    //  k-att-6: 50 neutral/disappointed ratings, 3 bad attitude, two of them at 05-01 00:00:00+08:00 and 05-31
    //           23:59:59+08:00; a bad-attitude rating at 04-30 23:59:59 and one at 06-01 00:00 are other months
    //           → 3/50 = 6% → within, no penalty;
    //  k-att-9: 9/100 = 9% → minor; k-att-12: 6/50 = 12% → serious; k-att-13: 13/100 = 13% → very serious;
    //  k-att-few: 9 of 9 → fewer than 10 ratings → insufficient data, no penalty.
    [Fact]
    public void The_attitude_months_tiers_are_inclusive_at_their_upper_bounds()
    {
        var run = Run.Value;
        run.AssertRate("k-att-6", "attitude_bad_rate_month", 3, 50, 0.06, "good");
        run.AssertRate("k-att-9", "attitude_bad_rate_month", 9, 100, 0.09, "breach");
        run.AssertRate("k-att-12", "attitude_bad_rate_month", 6, 50, 0.12, "breach");
        run.AssertRate("k-att-13", "attitude_bad_rate_month", 13, 100, 0.13, "breach");
        Assert.Equal("insufficient_data", run.Status("k-att-few", "attitude_bad_rate_month"));
        Assert.Equal(new[] { "attitude_minor" }, Triggered(run, "k-att-9"));
        Assert.Equal(new[] { "attitude_serious" }, Triggered(run, "k-att-12"));
        Assert.Equal(new[] { "attitude_very_serious" }, Triggered(run, "k-att-13"));
        Assert.Empty(Triggered(run, "k-att-6"));
        Assert.Empty(Triggered(run, "k-att-few"));
    }

    // §4 #4 "shipped orders with no carrier pickup record within 24 h of shipping / orders due for pickup, excluding
    // orders for which a refund was requested within 24 h after shipping and before pickup", over [T−33, T−4] =
    // 05-01..05-30 by shipping date, "≥ 4% → experience-score assessment threshold". k-pick, all shipped 05-20 10:00:
    // 8 picked up 2 h later; "exact" picked up at 05-21 10:00:00 (24 h: within); "late" at 10:00:01 (late); "exc" never
    // picked up, refund requested at exactly 24 h (excused). 1 late of 10 due = 10% → breach.
    [Fact]
    public void A_pickup_at_exactly_24_hours_is_within_and_a_refund_at_24_hours_excuses()
    {
        Run.Value.AssertRate("k-pick", "pickup_anomaly_rate", 1, 10, 0.1, "breach");
    }

    // The same through the daily job: the run of 2026-06-03 opens one case per penalty or violation (k-week's
    // violation, k-att-9 minor, k-att-12 serious with a fine of 100–300 CNY, k-att-13 very serious with 500–1000 CNY);
    // the runs of 06-04 (same week and month) and 07-01 (a June without ratings) open nothing more: each period is
    // judged once and too little data is no violation.
    [Fact]
    public void Each_period_is_judged_once_with_the_fine_range_of_its_tier()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        CaseCommands.Ok("ingest", AcceptanceRun.Scenario("kuaishou-edges.ndjson"), "--db", db);
        foreach (var day in new[] { "2026-06-03", "2026-06-04", "2026-07-01" })
        {
            CaseCommands.Ok("run", "--db", db, "--policy", "kuaishou", "--as-of", day);
        }
        var cases = JsonDocument.Parse(CaseCommands.Ok("cases", "list", "--db", db, "--policy", "kuaishou", "--format", "json").Stdout)
            .RootElement.EnumerateArray()
            .Select(c => string.Join(' ', c.GetProperty("seller").GetString(), c.GetProperty("kind").GetString(),
                string.Join(' ', c.GetProperty("allowed_decisions").EnumerateArray().Select(d => d.GetString()))))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "k-att-12 attitude_serious fine:100..300 dismiss",
                "k-att-13 attitude_very_serious fine:500..1000 dismiss",
                "k-att-9 attitude_minor confirm dismiss",
                "k-week violation_cs_satisfaction_rate_week confirm dismiss",
            },
            cases);
    }

    private static string[] Triggered(AcceptanceRun run, string seller) =>
        run.Seller(seller).GetProperty("outcomes").EnumerateArray()
            .Where(o => o.GetProperty("triggered").GetBoolean())
            .Select(o => o.GetProperty("id").GetString()!)
            .ToArray();
}
