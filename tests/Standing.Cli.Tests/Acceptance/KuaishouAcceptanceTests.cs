namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Kuaishou (docs/standards/kuaishou.md) through <c>standing evaluate --format json</c>, worked by hand.
/// Scenario kuaishou.ndjson, as of 2026-04-10T00:00+08:00 (a Friday, Asia/Shanghai): the last complete
/// natural week is Mon 2026-03-30 00:00 → Mon 2026-04-06 00:00; the last 30 days are [2026-03-11, as-of);
/// [T−33, T−4] is 2026-03-08 through 2026-04-06 inclusive, i.e. [2026-03-08T00:00, 2026-04-07T00:00).
/// </summary>
public sealed class KuaishouAcceptanceTests
{
    private const string AsOf = "2026-04-10T00:00:00+08:00";

    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("kuaishou.ndjson", "kuaishou", AsOf));

    // #1 "satisfied / (satisfied + neutral + disappointed) ... ≤ 80% → violation handling", and "the
    // threshold line wins (exactly 80% triggers)". k-a in the week: 8 satisfied (stars 4 and 5), 1 neutral
    // (3 stars), 1 disappointed = 8/10 = 80% → violation. Last 30 days add cv-next (satisfied, 04-06 00:00,
    // after the week) and cv-start (satisfied, rated exactly 2026-03-11T00:00); cv-out (disappointed, one
    // second earlier) is outside: 10/12.
    [Fact]
    public void Satisfaction_of_exactly_80_percent_in_the_natural_week_triggers_violation_handling()
    {
        Run.Value.AssertRate("k-a", "cs_satisfaction_rate_week", 8, 10, 0.8, "breach");
        Assert.True(Run.Value.Triggered("k-a", "violation_cs_satisfaction_rate_week"));
        var m = Run.Value.Metric("k-a", "cs_satisfaction_rate");
        Assert.Equal(10, m.GetProperty("numerator").GetInt64());
        Assert.Equal(12, m.GetProperty("denominator").GetInt64());
        var week = Run.Value.Metric("k-a", "cs_satisfaction_rate_week").GetProperty("window");
        Assert.Equal(DateTimeOffset.Parse("2026-03-30T00:00:00+08:00"), DateTimeOffset.Parse(week.GetProperty("start").GetString()!));
        Assert.Equal(DateTimeOffset.Parse("2026-04-06T00:00:00+08:00"), DateTimeOffset.Parse(week.GetProperty("end").GetString()!));
    }

    // #2 "only consultations 08:00–24:00; a buyer counts once per natural day"; a buyer-day is "not answered
    // within 3 min" when any of its waits (from a buyer message with no answer since the last answered one
    // to the next answer) took longer. k-r:
    //  b1 04-01: 09:00 answered 09:02, but the 15:00 message the same day (the same consultation) waited
    //  until 15:10 → not within;
    //  b1 04-02: 09:00 answered 09:04 → not within 3 min;
    //  b2 04-01: 07:30 does not count; 08:00 answered 08:03 → within (3 minutes exactly);
    //  b3 04-02 23:59 answered 00:01 the next day → within;
    //  c0–c6 04-03 answered after 1 min → 7 within; b4 04-04 10:00 never answered → not within;
    //  b5 04-04 07:00 only → no consultation.
    // (12 − 3)/12 = 75%: above the 70% threshold, no violation.
    [Fact]
    public void Reply_rate_counts_each_buyer_once_per_day_between_8_and_24()
    {
        Run.Value.AssertRate("k-r", "three_minute_reply_rate_week", 9, 12, 0.75, "at_risk");
        Assert.False(Run.Value.Triggered("k-r", "violation_three_minute_reply_rate_week"));
    }

    // k-b: 10 buyers, 7 answered after 2 min, 3 after 5 min: 7/10 = 70% → "≤ 70%" triggers.
    [Fact]
    public void Reply_rate_of_exactly_70_percent_triggers_violation_handling()
    {
        Run.Value.AssertRate("k-b", "three_minute_reply_rate_week", 7, 10, 0.7, "breach");
        Assert.True(Run.Value.Triggered("k-b", "violation_three_minute_reply_rate_week"));
    }

    // #3 "orders shipped within the promised time / orders due, excluding orders for which a refund was
    // requested within the promised time and that were not shipped", by ship-by date. k-s, ship-by
    // 04-01 18:00: 9 shipped 17:00; o-late shipped 18:00:01; o-refund-in refund asked 12:00, never shipped
    // (excluded); o-refund-after refund asked 19:00, never shipped (due, late). 9/11 = 81.8% ≤ 89.47%.
    [Fact]
    public void On_time_shipping_excludes_unshipped_orders_refunded_within_the_promise()
    {
        Run.Value.AssertRate("k-s", "on_time_shipping_rate", 9, 11, 9.0 / 11, "breach");
    }

    // #4 "shipped orders with no carrier pickup record within 24 h of shipping / orders due for pickup,
    // excluding orders for which a refund was requested within 24 h after shipping and before pickup",
    // [T−33, T−4] by shipping date. k-s: the 9 picked up after 17 h and o-late picked up after exactly 24 h
    // are fine; o-p1 shipped 03-08 00:00 (first instant of the window), o-p3 shipped 04-06 23:00 (last day),
    // both never picked up, and o-p6 picked up after 24 h 1 s are anomalies; o-p2 (03-07 23:59:59) and o-p4
    // (04-07 00:00) are outside; o-p5 refund asked 10 h after shipping with no pickup is excluded.
    // 3/13 = 23.1% ≥ 4%.
    [Fact]
    public void Pickup_anomalies_over_days_t_minus_33_to_t_minus_4()
    {
        Run.Value.AssertRate("k-s", "pickup_anomaly_rate", 3, 13, 3.0 / 13, "breach");
    }

    // The same at 15:30 local on the same day T: [T−33, T−4] is in whole calendar days, so nothing moves.
    [Fact]
    public void Pickup_window_is_whole_calendar_days_whatever_the_time_of_day()
    {
        var run = AcceptanceRun.Evaluate("kuaishou.ndjson", "kuaishou", "2026-04-10T15:30:00+08:00");
        run.AssertRate("k-s", "pickup_anomaly_rate", 3, 13, 3.0 / 13, "breach");
        var window = run.Metric("k-s", "pickup_anomaly_rate").GetProperty("window");
        Assert.Equal(DateTimeOffset.Parse("2026-03-08T00:00:00+08:00"), DateTimeOffset.Parse(window.GetProperty("start").GetString()!));
        Assert.Equal(DateTimeOffset.Parse("2026-04-07T00:00:00+08:00"), DateTimeOffset.Parse(window.GetProperty("end").GetString()!));
    }

    // #7 "dispute count 5, rate 0.5% (Reading: ≥ 5 disputes and rate ≥ 0.5%; exactly 0.5% with ≥ 5
    // disputes triggers)". k-d: 1000 orders paid 03-20, 5 cases escalated 03-27: 5/1000 = 0.5% → violation.
    [Fact]
    public void Five_interventions_at_exactly_half_a_percent_trigger_violation_handling()
    {
        Run.Value.AssertRate("k-d", "dispute_intervention_rate", 5, 1000, 0.005, "breach");
        Assert.True(Run.Value.Triggered("k-d", "violation_dispute_intervention_rate"));
    }

    // Service attitude: "ratings of neutral or disappointed given because of poor service attitude / all
    // neutral + disappointed ratings, per calendar month, ≤ 6%"; Default severity minor ≤ 9%, serious ≤ 12%.
    // k-e in March 2026 (the last calendar month): 10 neutral/disappointed, 1 with reason bad_attitude;
    // 5 satisfied ratings with that reason do not count; a disappointed bad-attitude rating in April is the
    // next month. 1/10 = 10% → serious.
    [Fact]
    public void Attitude_rate_of_ten_percent_is_serious()
    {
        Run.Value.AssertRate("k-e", "attitude_bad_rate_month", 1, 10, 0.1, "breach");
        Assert.True(Run.Value.Triggered("k-e", "attitude_serious"));
        Assert.False(Run.Value.Triggered("k-e", "attitude_minor"));
        Assert.False(Run.Value.Triggered("k-e", "attitude_very_serious"));
    }

    // #9 "mean time from the buyer's refund-only request to the merchant's first action ... ≥ 12 h →
    // violation handling". k-h: requested 2026-04-01 00:00, approved 12:00 → 12 h → violation.
    [Fact]
    public void Refund_only_handling_of_twelve_hours_triggers_violation_handling()
    {
        var m = Run.Value.Metric("k-h", "refund_only_handling_hours");
        Assert.Equal(12, m.GetProperty("value").GetDouble(), 1e-9);
        Assert.True(Run.Value.Triggered("k-h", "violation_refund_only_handling_hours"));
    }

    // "Rule versioning: behaviour before a rule's effective or revision date is judged by the rule then in
    // force": as of 2022-10-01 the 12 h refund-only handling (2022-09-20 00:00 → 12:00) is judged by the
    // version before 2022-10-05 (24 h), so no violation.
    [Fact]
    public void Before_the_effective_date_the_earlier_rule_version_applies()
    {
        var run = AcceptanceRun.Evaluate("kuaishou.ndjson", "kuaishou", "2022-10-01T00:00:00+08:00");
        Assert.Equal(12, run.Value("k-h", "refund_only_handling_hours"), 1e-9);
        Assert.False(run.Triggered("k-h", "violation_refund_only_handling_hours"));
    }

    // kuaishou-refunds.ndjson, k-rr, as of 2026-04-10T00:00+08:00:
    //  #5 refund-only completion (by completion date): ro1 04-01 00:00 → 20:00 = 20 h, ro2 04-08 00:00 → 08:00
    //     = 8 h, ro3 completes exactly at as-of (unknown). Mean 14 h → "≥ 14 h" reached.
    //  #6 return-refund completion minus the buyer's own time: rr1 04-01 00:00 → 04-03 12:00 = 60 h − 24 h
    //     (buyer step 04-01 02:00 → 04-02 02:00) = 36 h; rr2 04-02 00:00 → 04-05 12:00 = 84 h − 24 h = 60 h.
    //     Mean 48 h ≤ 55 h.
    //  #9 refund-only handling: ro1 rejected after 1 h (ro2, ro3 had no action) → 1 h.
    //  #10 return-refund handling: rr1 approved after 2 h, rr2 after 6 h → 4 h.
    //  #11 returned goods: rr1 received 04-03 10:00, completed 12:00 → 2 h; rr2 received 04-04 06:00,
    //     completed 04-05 12:00 → 30 h. Mean 16 h: between 12 h and 24 h, no violation.
    //  Experience score (100 at target, 0 at threshold): #5 0, #6 100, #9 100 (clamped), #10 100,
    //  #11 (24 − 16)/(24 − 12) = 66.67; mean (366.67)/5 = 73.33.
    [Fact]
    public void Refund_times_and_the_experience_score()
    {
        var run = AcceptanceRun.Evaluate("kuaishou-refunds.ndjson", "kuaishou", AsOf);
        Assert.Equal(14, run.Value("k-rr", "refund_only_completion_hours"), 1e-9);
        Assert.Equal("breach", run.Status("k-rr", "refund_only_completion_hours"));
        Assert.Equal(48, run.Value("k-rr", "return_refund_completion_hours"), 1e-9);
        Assert.Equal(1, run.Value("k-rr", "refund_only_handling_hours"), 1e-9);
        Assert.Equal(4, run.Value("k-rr", "return_refund_handling_hours"), 1e-9);
        Assert.Equal(16, run.Value("k-rr", "return_receipt_handling_hours"), 1e-9);
        Assert.False(run.Triggered("k-rr", "violation_return_receipt_handling_hours"));
        Assert.Equal(220.0 / 3, run.Value("k-rr", "experience_score"), 1e-6);
    }

    // #8 "≥ 4 merchant-liability disputes and rate ≥ 0.2%": k-ml: 10 refunds completed 03-25, 4 cases closed
    // seller_liable and 1 closed for the buyer: 4/10 → threshold reached. k-ml3: 3 seller_liable: 30% but
    // only 3 disputes → not reached.
    [Fact]
    public void Merchant_liability_needs_four_disputes()
    {
        var run = AcceptanceRun.Evaluate("kuaishou-refunds.ndjson", "kuaishou", AsOf);
        run.AssertRate("k-ml", "merchant_liability_dispute_rate", 4, 10, 0.4, "breach");
        Assert.True(run.Triggered("k-ml", "experience_threshold_merchant_liability_dispute_rate"));
        Assert.NotEqual("breach", run.Status("k-ml3", "merchant_liability_dispute_rate"));
        Assert.False(run.Triggered("k-ml3", "experience_threshold_merchant_liability_dispute_rate"));
    }
}
