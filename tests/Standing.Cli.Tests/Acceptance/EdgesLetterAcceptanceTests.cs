namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Congocrea, E-confiance and Douyin at their edges (STANDARDS.md §1, §3, §5) through
/// <c>standing evaluate --format json</c> on edges-letter.ndjson; every figure worked out by hand.
/// </summary>
public sealed class EdgesLetterAcceptanceTests
{
    private const string File = "edges-letter.ndjson";

    // c1 as of 2026-05-31 00:00 UTC: ODR window [03-02 00:00, 05-31), 60-day window [04-01 00:00, 05-31).
    //  o0..o99 placed 03-02 00:00 (on the window's first instant: in); o0 has a 2-star review AND a case: once;
    //  o1 a 3-star review (not defective); o2 1 star updated to 4 (no longer defective);
    //  "old" placed 03-01 23:59:59 with a case: lifetime only; p1 placed 04-01 00:00 with 1 star (both windows);
    //  p2 placed 05-30 23:59:59 with a case (both windows).
    //  ODR = {o0, p1, p2} / 102 = 2.94 % ≥ 1 % → breach; lifetime 4 ≥ 3; 60 days 2 ≥ 2 → automatic warning.
    [Fact]
    public void Congocrea_counts_each_defective_order_once_at_its_window_edges()
    {
        var run = AcceptanceRun.Evaluate(File, "congocrea", "2026-05-31T00:00:00Z");

        run.AssertRate("c1", "odr", 3, 102, 3.0 / 102, "breach");
        Assert.Equal(4, run.Value("c1", "defective_orders_lifetime"));
        Assert.Equal(2, run.Value("c1", "defective_orders_60d"));
        Assert.True(run.Triggered("c1", "warning"));
    }

    // m1 as of 2026-04-01 00:00 +02:00 (365 days): 20 orders delivered 03-04.
    //  claims: 2 complaints (any kind) / 20 = 10 % → 0 points, breach (≥ 10 %);
    //  spontaneous refunds: 3 (non_conforming, price_match, other) / 20 placed = 15 % → 0 points, breach;
    //  delivery delay: 1 / 20 = 5 % → 50 points, at risk (over the 2 % that alone keeps the badge);
    //  disputes opened 03-10 10:00: k0 answered after exactly 48 h (in time), k1 after 48 h 1 s (late), k2 never
    //  (late), k3..k9 after 24 h; kp opened 47 h before as-of, unanswered → pending. 8/10 = 80 % → 60 points.
    //  Index = (0 + 0 + 50 + 60) / 4 = 27.5 < 80 → no badge.
    [Fact]
    public void Econfiance_components_and_index_at_their_anchors()
    {
        var run = AcceptanceRun.Evaluate(File, "econfiance", "2026-04-01T00:00:00+02:00");

        run.AssertRate("m1", "claim_rate", 2, 20, 0.10, "breach");
        run.AssertRate("m1", "spontaneous_refund_rate", 3, 20, 0.15, "breach");
        run.AssertRate("m1", "delivery_delay_dispute_rate", 1, 20, 0.05, "at_risk");
        run.AssertRate("m1", "dispute_response_48h_rate", 8, 10, 0.8, "at_risk");
        Assert.Equal(1, run.Metric("m1", "dispute_response_48h_rate").GetProperty("pending").GetInt64());
        Assert.Equal(27.5, run.Value("m1", "trust_index"), 1e-9);
        Assert.False(run.Triggered("m1", "trust_badge"));
    }

    // d1 on the assessment day 2026-06-16 00:00 +08:00, judging 06-01..06-15. 20 sessions transferred to a human:
    //  s18 at 06-01 00:00 answered 00:02 (exactly 2 min: in time); s16 answered after 2 min 1 s (late); s17 never
    //  (late); s19 transferred 06-15 23:58, its answer at 06-16 00:00 is not known at as-of → pending; the other 16
    //  answered after 1 min. 2-minute rate 17/19 = 89.47 % ≥ 85 %; 3-minute rate of buyer messages: only s17 late →
    //  18/19; satisfaction: 8 of 10 rated 4–5 stars = 80 %, on the pass mark → no restriction.
    [Fact]
    public void Douyin_half_month_judged_on_its_assessment_day()
    {
        var run = AcceptanceRun.Evaluate(File, "douyin", "2026-06-16T00:00:00+08:00");

        run.AssertRate("d1", "first_reply_2min_rate", 17, 19, 17.0 / 19, "good");
        Assert.Equal(1, run.Metric("d1", "first_reply_2min_rate").GetProperty("pending").GetInt64());
        run.AssertRate("d1", "avg_reply_3min_rate", 18, 19, 18.0 / 19, "good");
        run.AssertRate("d1", "satisfaction_rate", 8, 10, 0.8, "good");
        Assert.False(run.Triggered("d1", "activity_restriction"));
    }
}
