using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Kuaishou (docs/standards/kuaishou.md), worked by hand. As of T = Wednesday 2026-06-10 00:00 +08:00 (Asia/Shanghai):
/// last 30 days = [05-11, 06-10); last complete natural week = [Mon 06-01, Mon 06-08);
/// [T−33, T−4] = days 05-08 … 06-06 = [05-08 00:00, 06-07 00:00); last calendar month = May.
/// </summary>
public sealed class KuaishouPackTests
{
    private const string AsOf = "2026-06-10T00:00:00+08:00";

    private static string Day(int month, int day, string time = "10:00") => $"2026-{month:00}-{day:00}T{time}:00+08:00";

    private static Core.Evaluation.SellerEvaluation Run(EventScript s, string asOf = AsOf) => PackEvaluation.Evaluate("kuaishou", s.Events, asOf);

    private static bool Triggered(Core.Evaluation.SellerEvaluation r, string outcome) => r.Outcomes.Single(o => o.Id == outcome).Triggered;

    [Fact]
    public void Weekly_satisfaction_of_exactly_80_percent_triggers_violation_handling()
    {
        // Week of 06-01: 8 satisfied, 1 neutral (3 stars), 1 disappointed → 8/10 = 80 % ≤ 80 % → breach → violation.
        // Last 30 days adds 10 satisfied on 05-20: 18/20 = 90 % → good (target 90 %).
        var s = new EventScript("shop");
        for (var i = 1; i <= 8; i++) s.Rated($"w{i}", Day(6, 2), rating: "satisfied");
        s.Rated("w9", Day(6, 3), stars: 3).Rated("w10", Day(6, 7, "23:59"), rating: "disappointed");
        for (var i = 1; i <= 10; i++) s.Rated($"m{i}", Day(5, 20), stars: 5);

        var r = Run(s);

        var week = r.Metric("cs_satisfaction_rate_week")!;
        Assert.Equal(8, week.Numerator);
        Assert.Equal(10, week.Denominator);
        Assert.Equal(MetricStatus.Breach, week.Status);
        Assert.Equal(EventScript.At(Day(6, 1, "00:00")), week.Window.Start);
        Assert.Equal(0.9, r.Metric("cs_satisfaction_rate")!.Value!.Value, 12);
        Assert.Equal(MetricStatus.Good, r.Metric("cs_satisfaction_rate")!.Status);
        Assert.True(Triggered(r, "violation_cs_satisfaction_rate_week"));
    }

    [Fact]
    public void Three_minute_reply_rate_counts_a_buyer_once_per_day_and_only_from_08_00()
    {
        // Week of 06-01, one consultation per buyer per day:
        //  b1 Mon 09:00 answered 09:02 ✓ (its 15:00 message the same day, answered 15:02, is the same consultation);
        //  b2 Tue: 07:30 does not count; 08:10 answered 08:14 ✗ (4 min);
        //  b3 Wed 23:59 answered Thu 00:01 ✓; b1 again Thu 10:00, bot answers at exactly 10:03 ✓ (3 min inclusive);
        //  b4 Fri 10:00 never answered ✗; b5–b8 Sat answered in 1 min ✓; b9 Sat answered in 5 min ✗.
        // 7 / 10 = 70 % ≤ 70 % → breach → violation handling. The 30-day rate sees the same 10 → 70 %.
        var s = new EventScript("shop")
            .Ask("c1", "b1", Day(6, 1, "09:00")).Answer("c1", "a1", Day(6, 1, "09:02"))
            .Ask("c1", "b1", Day(6, 1, "15:00")).Answer("c1", "a1", Day(6, 1, "15:02"))
            .Ask("c2", "b2", Day(6, 2, "07:30")).Ask("c2", "b2", Day(6, 2, "08:10")).Answer("c2", "a1", Day(6, 2, "08:14"))
            .Ask("c3", "b3", Day(6, 3, "23:59")).Answer("c3", "a1", Day(6, 4, "00:01"))
            .Ask("c4", "b1", Day(6, 4, "10:00")).Bot("c4", Day(6, 4, "10:03"))
            .Ask("c5", "b4", Day(6, 5, "10:00"));
        for (var i = 5; i <= 8; i++) s.Ask($"c{i + 1}", $"b{i}", Day(6, 6, "10:00")).Answer($"c{i + 1}", "a1", Day(6, 6, "10:01"));
        s.Ask("c10", "b9", Day(6, 6, "10:00")).Answer("c10", "a1", Day(6, 6, "10:05"));

        var r = Run(s);

        var week = r.Metric("three_minute_reply_rate_week")!;
        Assert.Equal(7, week.Numerator);
        Assert.Equal(10, week.Denominator);
        Assert.Equal(MetricStatus.Breach, week.Status);
        Assert.True(Triggered(r, "violation_three_minute_reply_rate_week"));
        Assert.Equal(0.7, r.Metric("three_minute_reply_rate")!.Value!.Value, 12);
    }

    [Fact]
    public void A_buyer_day_is_not_answered_in_time_when_any_of_its_waits_took_more_than_3_minutes()
    {
        // Worked by hand from "(consulting buyers − buyers not answered within 3 min) / consulting buyers".
        // A wait starts at a buyer message 08:00–24:00 with no answer since the buyer's last answered one
        // (across their conversations) and ends at the next agent or bot message. As of Wed 06-10 00:00:
        //  g1–g8 Fri 06-05 10:00 answered 10:01 ✓; g1 asks again 14:00, the bot answers at exactly 14:03 ✓;
        //  l1 Fri 10:00 answered 10:01, then 15:00 in a second conversation answered 15:04 ✗ (its second wait);
        //  l2 Fri 08:30 in cb answered 08:31; 09:00 in ca, the agent answers in cb at 09:02 ✓ (any conversation);
        //  e1 Sat 07:30 answered 07:40: before 08:00, no consultation;
        //  p1 Tue 06-09 23:58 unanswered: 2 min at as-of → pending;
        //  p2 Tue 10:00 answered 10:10 ✗, 23:58 unanswered → late already, not pending;
        //  p3 Tue 10:00 answered 10:01, 23:58 unanswered → pending (nothing late yet).
        // Last 30 days: 9 in time (g1–g8, l2), 2 late (l1, p2), 2 pending → 9 / 11 = 81.8 % (at risk).
        // Week 06-01 → 06-08: the Friday buyers only → 9 / 10 = 90 % (good).
        var s = new EventScript("shop");
        for (var i = 1; i <= 8; i++) s.Ask($"g{i}", $"g{i}", Day(6, 5)).Answer($"g{i}", "a1", Day(6, 5, "10:01"));
        s.Ask("g1", "g1", Day(6, 5, "14:00")).Bot("g1", Day(6, 5, "14:03"));
        s.Ask("l1", "l1", Day(6, 5)).Answer("l1", "a1", Day(6, 5, "10:01"))
            .Ask("l1-2", "l1", Day(6, 5, "15:00")).Answer("l1-2", "a1", Day(6, 5, "15:04"));
        s.Ask("cb", "l2", Day(6, 5, "08:30")).Answer("cb", "a1", Day(6, 5, "08:31"))
            .Ask("ca", "l2", Day(6, 5, "09:00")).Answer("cb", "a1", Day(6, 5, "09:02"));
        s.Ask("e1", "e1", Day(6, 6, "07:30")).Answer("e1", "a1", Day(6, 6, "07:40"));
        s.Ask("p1", "p1", Day(6, 9, "23:58"));
        s.Ask("p2", "p2", Day(6, 9)).Answer("p2", "a1", Day(6, 9, "10:10")).Ask("p2", "p2", Day(6, 9, "23:58"));
        s.Ask("p3", "p3", Day(6, 9)).Answer("p3", "a1", Day(6, 9, "10:01")).Ask("p3", "p3", Day(6, 9, "23:58"));

        var r = PackEvaluation.Evaluate("kuaishou", s.Events, AsOf, explain: true);

        var month = r.Metric("three_minute_reply_rate")!;
        Assert.Equal(9, month.Numerator);
        Assert.Equal(11, month.Denominator);
        Assert.Equal(2, month.Pending);
        Assert.Equal(MetricStatus.AtRisk, month.Status);
        var week = r.Metric("three_minute_reply_rate_week")!;
        Assert.Equal(9, week.Numerator);
        Assert.Equal(10, week.Denominator);
        Assert.Equal(MetricStatus.Good, week.Status);
        // The explanation names the wait that was late.
        var l1 = month.Items.Single(i => i.Id == "l1|2026-06-05");
        Assert.Equal(ItemRole.Denominator, l1.Role);
        Assert.Contains("wait_at 2026-06-05T15:00:00+08:00", l1.Reason, StringComparison.Ordinal);
        Assert.Contains("wait_reply_at 2026-06-05T15:04:00+08:00", l1.Reason, StringComparison.Ordinal);
        Assert.EndsWith("late", l1.Reason, StringComparison.Ordinal);
        Assert.Equal(ItemRole.Pending, month.Items.Single(i => i.Id == "p3|2026-06-09").Role);
    }

    [Fact]
    public void On_time_shipping_of_17_in_19_reaches_the_89_47_percent_threshold()
    {
        // Ship-by 06-01 10:00 for 20 orders placed 05-30. 17 shipped 05-31; o18 shipped 06-01 11:00 (late);
        // o19 never shipped (late); o20 never shipped, refund requested 05-31 before its ship-by (excused).
        // 17 / 19 = 89.4737 %, which the standard's two-decimal "≤ 89.47 %" reads as 89.47 %: at the threshold,
        // so breach (the threshold is 17/19 itself written to two decimals).
        var s = new EventScript("shop");
        for (var i = 1; i <= 20; i++) s.Placed($"o{i}", Day(5, 30), shipBy: Day(6, 1));
        for (var i = 1; i <= 17; i++) s.Shipped($"o{i}", Day(5, 31));
        s.Shipped("o18", Day(6, 1, "11:00")).RefundRequested("rf", "o20", "refund_only", Day(5, 31));

        var m = Run(s).Metric("on_time_shipping_rate")!;

        Assert.Equal(17, m.Numerator);
        Assert.Equal(19, m.Denominator);
        Assert.Equal(MetricStatus.Breach, m.Status);
    }

    [Theory]
    // 2 decimals of a percent: 17/19 = 89.4737 % shows 89.47 % → breach; 8947/10000 = 89.47 % exactly → breach;
    // 8948/10000 = 89.48 % → above, at risk; 9/10 = 90 % → at risk (under the 100 % target).
    [InlineData(17, 19, MetricStatus.Breach)]
    [InlineData(8947, 10000, MetricStatus.Breach)]
    [InlineData(8948, 10000, MetricStatus.AtRisk)]
    [InlineData(9, 10, MetricStatus.AtRisk)]
    public void On_time_shipping_is_compared_at_the_threshold_s_two_decimals(int onTime, int due, MetricStatus status)
    {
        var pack = BuiltInPacks.Load("kuaishou");
        var standard = pack.Metrics.Single(d => d.Id == "on_time_shipping_rate").Standard!;

        Assert.Equal(status, standard.Judge((double)onTime / due, due, onTime));
    }

    [Fact]
    public void Pickup_anomaly_rate_looks_at_days_T_minus_33_to_T_minus_4()
    {
        // In [05-08 00:00, 06-07 00:00): o1–o8 shipped 05-20 10:00 and picked up the next morning; o9 shipped 05-20, no pickup;
        // o10 shipped 05-08 00:00 (first instant of T−33), picked up at 02:00; o11 shipped 05-20, refund requested two hours
        // later and never picked up (excused). Outside: x1 shipped 05-07 23:59 and x2 shipped 06-07 00:00, neither picked up.
        // 1 anomaly / 10 = 10 % ≥ 4 % → breach.
        var s = new EventScript("shop");
        foreach (var o in Enumerable.Range(1, 11).Select(i => $"o{i}").Append("x1").Append("x2")) s.Placed(o, Day(5, 1));
        for (var i = 1; i <= 9; i++) s.Shipped($"o{i}", Day(5, 20));
        for (var i = 1; i <= 8; i++) s.Add(EventType.ShipmentPickedUp, Day(5, 21, "08:00"), e => e with { Order = $"o{i}" });
        s.Shipped("o10", Day(5, 8, "00:00")).Add(EventType.ShipmentPickedUp, Day(5, 8, "02:00"), e => e with { Order = "o10" });
        s.Shipped("o11", Day(5, 20)).RefundRequested("rf", "o11", "refund_only", Day(5, 20, "12:00"));
        s.Shipped("x1", Day(5, 7, "23:59")).Shipped("x2", Day(6, 7, "00:00"));

        var m = Run(s).Metric("pickup_anomaly_rate")!;

        Assert.Equal(1, m.Numerator);
        Assert.Equal(10, m.Denominator);
        Assert.Equal(EventScript.At(Day(5, 8, "00:00")), m.Window.Start);
        Assert.Equal(EventScript.At(Day(6, 7, "00:00")), m.Window.End);
        Assert.Equal(MetricStatus.Breach, m.Status);
    }

    /// <summary>Two refund-only and two return-refund requests, worked out below.</summary>
    private static EventScript Refunds()
    {
        var s = new EventScript("shop");
        foreach (var o in new[] { "o1", "o2", "o3", "o4" }) s.Placed(o, Day(5, 30));
        // r1 refund only: request 06-01 10:00, approve 11:00 (1 h), refunded 13:00 (3 h).
        s.RefundRequested("r1", "o1", "refund_only", Day(6, 1)).RefundAction("r1", "approve", Day(6, 1, "11:00")).RefundCompleted("r1", "refunded", Day(6, 1, "13:00"));
        // r2 refund only: request 06-02 10:00, reject 23:00 (13 h), closed 06-03 10:00 (24 h).
        s.RefundRequested("r2", "o2", "refund_only", Day(6, 2)).RefundAction("r2", "reject", Day(6, 2, "23:00")).RefundCompleted("r2", "closed", Day(6, 3));
        // r3 return and refund: request 06-01 10:00, approve 12:00 (2 h); buyer's step 06-01 12:00 → 06-03 12:00 (48 h);
        // goods received 06-04 12:00, refunded 18:00 (6 h). Completion 80 h − 48 h = 32 h.
        s.RefundRequested("r3", "o3", "return_and_refund", Day(6, 1)).RefundAction("r3", "approve", Day(6, 1, "12:00"))
            .RefundBuyerStep("r3", "start", Day(6, 1, "12:00")).RefundBuyerStep("r3", "end", Day(6, 3, "12:00"))
            .RefundReturnReceived("r3", Day(6, 4, "12:00")).RefundCompleted("r3", "refunded", Day(6, 4, "18:00"));
        // r4 return and refund: request 06-02 00:00, approve 06-03 02:00 (26 h); buyer's step 06-03 02:00 → 06-04 02:00 (24 h);
        // goods received 06-05 00:00, approved and refunded 06-06 06:00 (30 h). Completion 102 h − 24 h = 78 h.
        s.RefundRequested("r4", "o4", "return_and_refund", Day(6, 2, "00:00")).RefundAction("r4", "approve", Day(6, 3, "02:00"))
            .RefundBuyerStep("r4", "start", Day(6, 3, "02:00")).RefundBuyerStep("r4", "end", Day(6, 4, "02:00"))
            .RefundReturnReceived("r4", Day(6, 5, "00:00")).RefundAction("r4", "approve", Day(6, 6, "06:00")).RefundCompleted("r4", "refunded", Day(6, 6, "06:00"));
        return s;
    }

    [Fact]
    public void Refund_handling_and_completion_times_are_means_over_the_last_30_days()
    {
        // Refund only: handling (1 + 13) / 2 = 7 h (at risk: target 2, threshold 12); completion (3 + 24) / 2 = 13.5 h (at risk, < 14).
        // Return and refund: handling (2 + 26) / 2 = 14 h (at risk: 4–24); completion without the buyer's time (32 + 78) / 2 = 55 h (good, ≤ 55);
        // returned goods (6 + 30) / 2 = 18 h (at risk: 12–24).
        var r = Run(Refunds());

        Assert.Equal(7, r.Metric("refund_only_handling_hours")!.Value!.Value, 9);
        Assert.Equal(13.5, r.Metric("refund_only_completion_hours")!.Value!.Value, 9);
        Assert.Equal(14, r.Metric("return_refund_handling_hours")!.Value!.Value, 9);
        Assert.Equal(55, r.Metric("return_refund_completion_hours")!.Value!.Value, 9);
        Assert.Equal(MetricStatus.Good, r.Metric("return_refund_completion_hours")!.Status);
        Assert.Equal(18, r.Metric("return_receipt_handling_hours")!.Value!.Value, 9);
        Assert.Equal(MetricStatus.AtRisk, r.Metric("return_receipt_handling_hours")!.Status);
        Assert.False(Triggered(r, "violation_refund_only_handling_hours"));
    }

    [Fact]
    public void The_experience_score_is_the_mean_of_the_metrics_with_data()
    {
        // From the refunds above: refund-only completion 13.5 h → (14 − 13.5) / (14 − 2) = 4.1667 points;
        // return-refund completion 55 h → 100; refund-only handling 7 h → (12 − 7) / 10 = 50;
        // return-refund handling 14 h → (24 − 14) / 20 = 50; returned goods 18 h → (24 − 18) / 12 = 50.
        // Merchant liability has 4 completed refunds (< 10): no data; nothing else has data.
        // Score = (4.1667 + 100 + 50 + 50 + 50) / 5 = 50.8333.
        var score = Run(Refunds()).Metric("experience_score")!;

        Assert.Equal((0.5 / 12 * 100 + 250) / 5, score.Value!.Value, 6);
        Assert.Equal(5, score.Numerator);
        Assert.Equal(11, score.Denominator);
    }

    [Theory]
    // The attitude article applies from the pack's date, 2022-10-05 (a default), and behaviour before it is judged by
    // no attitude rule: 10 neutral/disappointed ratings on the 10th of the month, 3 for bad attitude = 30 % > 12 %.
    // September (as of 10-01) and October (as of 11-01: the month starts 10-01, before the date) → not in force;
    // November (as of 12-01) → very serious.
    [InlineData("2022-09", "2022-10-01T00:00:00+08:00", false)]
    [InlineData("2022-10", "2022-11-01T00:00:00+08:00", false)]
    [InlineData("2022-11", "2022-12-01T00:00:00+08:00", true)]
    public void The_attitude_article_judges_months_from_its_effective_date(string month, string asOf, bool triggered)
    {
        var s = new EventScript("shop");
        for (var i = 1; i <= 10; i++) s.Rated($"n{i}", $"{month}-10T10:00:00+08:00", rating: "neutral", reason: i <= 3 ? "bad_attitude" : "slow");

        var run = Run(s, asOf);

        Assert.Equal(0.3, run.Metric("attitude_bad_rate_month")!.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, run.Metric("attitude_bad_rate_month")!.Status);
        var verdict = run.Outcomes.Single(o => o.Id == "attitude_very_serious");
        Assert.Equal(triggered, verdict.Triggered);
        if (!triggered) Assert.Equal("not in force before 2022-10-05", verdict.Reason);
    }

    [Theory]
    // "Behaviour before a rule's effective or revision date is judged by the rule then in force": the 2022-10-05
    // version (≥ 12 h) judges a 30-day window only once the window starts on or after 2022-10-05; a window that
    // starts before is judged by the earlier version (≥ 24 h). One refund-only request, first action 13 h later.
    // Requested 09-15, as of 09-20: window [08-21, 09-20), old rule, 13 < 24 → no violation.
    [InlineData("2022-09-15", "2022-09-20T00:00:00+08:00", false, "2022-01-01")]
    // Requested 09-15, as of 10-05 (the effective date): window [09-05, 10-05), behaviour before 10-05 → old rule.
    [InlineData("2022-09-15", "2022-10-05T00:00:00+08:00", false, "2022-01-01")]
    // Requested 10-10, as of 11-03 23:59: window starts 10-04 23:59, before the revision → old rule.
    [InlineData("2022-10-10", "2022-11-03T23:59:00+08:00", false, "2022-01-01")]
    // Requested 10-10, as of 11-04 00:00: window [10-05, 11-04) wholly under the new rule, 13 ≥ 12 → violation.
    [InlineData("2022-10-10", "2022-11-04T00:00:00+08:00", true, "2022-10-05")]
    public void Refund_only_handling_is_judged_by_the_rule_version_in_force_for_the_window(string day, string asOf, bool violation, string version)
    {
        var s = new EventScript("shop").Placed("o1", $"{day}T09:00:00+08:00")
            .RefundRequested("r1", "o1", "refund_only", $"{day}T10:00:00+08:00").RefundAction("r1", "approve", $"{day}T23:00:00+08:00");

        var run = Run(s, asOf);
        var verdict = run.Outcomes.Single(o => o.Id == "violation_refund_only_handling_hours");

        Assert.Equal(13, run.Metric("refund_only_handling_hours")!.Value!.Value, 9);
        Assert.Equal(violation, verdict.Triggered);
        Assert.Equal(NodaTime.Text.LocalDatePattern.Iso.Parse(version).Value, verdict.Version);
    }

    [Theory]
    // 5 interventions / 1000 paid orders = exactly 0.5 % with 5 disputes → violation.
    [InlineData(1000, 5, true, MetricStatus.Breach)]
    // 4 / 200 = 2 %, but only 4 disputes → no violation; the rate is past the threshold without the count: at risk.
    [InlineData(200, 4, false, MetricStatus.AtRisk)]
    // 5 / 1001 = 0.4995 % < 0.5 % → no violation, good.
    [InlineData(1001, 5, false, MetricStatus.Good)]
    public void Dispute_intervention_needs_five_disputes_and_half_a_percent(int orders, int escalated, bool violation, MetricStatus status)
    {
        // Orders one minute apart from 05-20 00:00, all inside the 30-day window.
        var s = new EventScript("shop");
        var first = EventScript.At(Day(5, 20, "00:00"));
        for (var i = 1; i <= orders; i++)
        {
            var at = NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format((first + NodaTime.Duration.FromMinutes(i - 1)).WithOffset(NodaTime.Offset.FromHours(8)));
            s.Placed($"o-{i}", at);
        }
        for (var i = 1; i <= escalated; i++)
        {
            s.Case($"o-{i}", Day(5, 25), $"c{i}");
            s.Add(EventType.CaseEscalated, Day(5, 27), e => e with { Case = $"c{i}" });
        }

        var r = Run(s);

        Assert.Equal(escalated, r.Metric("dispute_interventions")!.Value);
        Assert.Equal(status, r.Metric("dispute_intervention_rate")!.Status);
        Assert.Equal(violation, Triggered(r, "violation_dispute_intervention_rate"));
    }

    [Theory]
    // 4 seller-liable disputes / 10 completed refunds = 40 % ≥ 0.2 % and 4 ≥ 4 → assessment threshold reached.
    [InlineData(4, true)]
    // 3 disputes: the count is short → not reached.
    [InlineData(3, false)]
    public void Merchant_liability_needs_four_disputes_and_a_fifth_of_a_percent(int liable, bool reached)
    {
        var s = new EventScript("shop");
        for (var i = 1; i <= 10; i++)
        {
            s.Placed($"o{i}", Day(5, 20)).RefundRequested($"r{i}", $"o{i}", "refund_only", Day(5, 21)).RefundCompleted($"r{i}", "refunded", Day(5, 22));
        }
        for (var i = 1; i <= liable; i++)
        {
            s.Case($"o{i}", Day(5, 23), $"c{i}");
            s.Add(EventType.CaseClosed, Day(5, 28), e => e with { Case = $"c{i}", Outcome = "seller_liable" });
        }

        var r = Run(s);

        Assert.Equal(liable / 10.0, r.Metric("merchant_liability_dispute_rate")!.Value!.Value, 12);
        Assert.Equal(reached, Triggered(r, "experience_threshold_merchant_liability_dispute_rate"));
    }

    [Theory]
    // "Among refunds completed in the last 30 days: disputes the platform ruled the merchant's fault /
    // refunds completed", by completion date. Worked by hand, window [05-11 00:00, 06-10 00:00):
    //  r1–r10 on o1–o10, requested 04-20, completed 06-01 → the 10 refunds of the denominator;
    //  with `earlyRulings`, cases on o1–o4 closed seller_liable 04-25, before the window: their refunds
    //  completed in it, so they count → 4 / 10 = 40 %, 4 ≥ 4 → threshold reached;
    //  c5 on o5 closed for the buyer 06-02 → not the merchant's fault;
    //  c6 on o6 closed seller_liable exactly at as-of → not known yet;
    //  x1–x4 completed 05-10 23:59 (just before the window) with cases closed seller_liable 06-05, in the
    //  window: their refunds are not among those completed in the window → counted on neither side.
    // Without the early rulings: 0 / 10 → good, not reached.
    [InlineData(true, 4, MetricStatus.Breach)]
    [InlineData(false, 0, MetricStatus.Good)]
    public void Merchant_liability_counts_refunds_completed_in_the_window_by_their_dispute_ruling(bool earlyRulings, int liable, MetricStatus status)
    {
        var s = new EventScript("shop");
        void Closed(string order, string @case, string opened, string closed, string outcome) =>
            s.Case(order, opened, @case).Add(EventType.CaseClosed, closed, e => e with { Case = @case, Outcome = outcome });
        for (var i = 1; i <= 10; i++)
        {
            s.Placed($"o{i}", Day(4, 19)).RefundRequested($"r{i}", $"o{i}", "refund_only", Day(4, 20)).RefundCompleted($"r{i}", "refunded", Day(6, 1));
        }
        if (earlyRulings)
        {
            for (var i = 1; i <= 4; i++) Closed($"o{i}", $"c{i}", Day(4, 21), Day(4, 25), "seller_liable");
        }
        Closed("o5", "c5", Day(5, 20), Day(6, 2), "buyer");
        Closed("o6", "c6", Day(5, 20), Day(6, 10, "00:00"), "seller_liable");
        for (var i = 1; i <= 4; i++)
        {
            s.Placed($"ox{i}", Day(4, 1)).RefundRequested($"x{i}", $"ox{i}", "refund_only", Day(4, 2)).RefundCompleted($"x{i}", "refunded", Day(5, 10, "23:59"));
            Closed($"ox{i}", $"cx{i}", Day(4, 3), Day(6, 5), "seller_liable");
        }

        var r = Run(s);

        var rate = r.Metric("merchant_liability_dispute_rate")!;
        Assert.Equal(liable, rate.Numerator);
        Assert.Equal(10, rate.Denominator);
        Assert.Equal(liable / 10.0, rate.Value!.Value, 12);
        Assert.Equal(status, rate.Status);
        Assert.Equal(liable, r.Metric("merchant_liability_disputes")!.Value);
        Assert.Equal(earlyRulings, Triggered(r, "experience_threshold_merchant_liability_dispute_rate"));
    }

    /// <summary>
    /// "Experience-score data … exclude risk data (flagged orders)": order.risk_flagged takes an order, and
    /// the refunds and cases on it, out of the experience-score metrics; violation handling keeps them.
    /// </summary>
    [Fact]
    public void Orders_flagged_as_risk_data_leave_the_experience_score_metrics()
    {
        // Ship-by 06-01 10:00 for 11 orders; o11 shipped late (06-02 10:00) and flagged by risk control on 06-06:
        // without the flag 10/11 = 90.9 % (at risk); with it 10/10 = 100 % (good). Refunds r1–r11 on o1–o11 are
        // requested 06-02 12:00, after the promised time (so none excuses a late shipment).
        // Merchant liability: seller-liable disputes on o8–o11; o11 is flagged, so 3 disputes / 10 refunds —
        // 3 < 4 → the threshold is not reached (unflagged: 4 / 11, reached).
        // Refund-only completion: r1–r10 took 1 h, r11 (flagged) took 47 h → mean 1 h (unflagged 57/11 h).
        // Dispute interventions (violation handling) still count o11's escalation: 4 of 11 orders; the
        // experience score's reading of the same rate does not: 3 of 10.
        var s = new EventScript("shop");
        for (var i = 1; i <= 11; i++) s.Placed($"o{i}", Day(5, 20), shipBy: Day(6, 1));
        for (var i = 1; i <= 10; i++) s.Shipped($"o{i}", Day(5, 31));
        s.Shipped("o11", Day(6, 2));
        for (var i = 1; i <= 10; i++)
            s.RefundRequested($"r{i}", $"o{i}", "refund_only", Day(6, 2, "12:00")).RefundCompleted($"r{i}", "refunded", Day(6, 2, "13:00"));
        s.RefundRequested("r11", "o11", "refund_only", Day(6, 2, "12:00")).RefundCompleted("r11", "refunded", Day(6, 4, "11:00"));
        for (var i = 8; i <= 11; i++)
        {
            s.Case($"o{i}", Day(6, 3), $"c{i}");
            s.Add(EventType.CaseEscalated, Day(6, 4), e => e with { Case = $"c{i}" });
            s.Add(EventType.CaseClosed, Day(6, 5), e => e with { Case = $"c{i}", Outcome = "seller_liable" });
        }
        var unflagged = Run(s);
        s.Add(EventType.OrderRiskFlagged, Day(6, 6), e => e with { Order = "o11", Reason = "brushing" });

        var r = Run(s);

        Assert.Equal(10.0 / 11, unflagged.Metric("on_time_shipping_rate")!.Value!.Value, 12);
        Assert.Equal(57.0 / 11, unflagged.Metric("refund_only_completion_hours")!.Value!.Value, 9);
        Assert.True(Triggered(unflagged, "experience_threshold_merchant_liability_dispute_rate"));
        var onTime = r.Metric("on_time_shipping_rate")!;
        Assert.Equal(10, onTime.Numerator);
        Assert.Equal(10, onTime.Denominator);
        Assert.Equal(MetricStatus.Good, onTime.Status);
        var liability = r.Metric("merchant_liability_dispute_rate")!;
        Assert.Equal(3, liability.Numerator);
        Assert.Equal(10, liability.Denominator);
        Assert.Equal(3, r.Metric("merchant_liability_disputes")!.Value);
        Assert.False(Triggered(r, "experience_threshold_merchant_liability_dispute_rate"));
        Assert.Equal(1.0, r.Metric("refund_only_completion_hours")!.Value!.Value, 9);
        Assert.Equal(4, r.Metric("dispute_interventions")!.Value);
        Assert.Equal(11, r.Metric("dispute_intervention_rate")!.Denominator);
        // The experience score's reading of the intervention rate leaves o11 out on both sides: 3 / 10.
        var interventions = r.Metric("dispute_intervention_rate_experience")!;
        Assert.Equal(3, interventions.Numerator);
        Assert.Equal(10, interventions.Denominator);

        // As of before the flag (06-06), the order still counts: the flag is known only from its instant.
        var before = Run(s, "2026-06-06T00:00:00+08:00");
        Assert.Equal(11, before.Metric("on_time_shipping_rate")!.Denominator);
    }

    [Theory]
    // Of N neutral/disappointed May ratings, k were for bad attitude. Satisfied ratings with that reason never count.
    [InlineData(25, 1, null)] //  4 %: within the 6 % standard
    [InlineData(50, 3, null)] //  6 %: exactly the standard, allowed (≤ 6 %)
    [InlineData(25, 2, "attitude_minor")] //  8 % (minor: ≤ 9 %)
    [InlineData(100, 9, "attitude_minor")] //  9 %
    [InlineData(25, 3, "attitude_serious")] // 12 % (serious: ≤ 12 %, fine 100–300 CNY)
    [InlineData(25, 4, "attitude_very_serious")] // 16 % (very serious: fine 500–1000 CNY)
    public void Attitude_bad_review_rate_tiers(int ratings, int badAttitude, string? tier)
    {
        var s = new EventScript("shop");
        for (var i = 1; i <= ratings; i++)
            s.Rated($"n{i}", Day(5, 10), rating: i % 2 == 0 ? "neutral" : "disappointed", reason: i <= badAttitude ? "bad_attitude" : "slow");
        for (var i = 1; i <= 5; i++) s.Rated($"s{i}", Day(5, 11), rating: "satisfied", reason: "bad_attitude");

        var r = Run(s);

        Assert.Equal((double)badAttitude / ratings, r.Metric("attitude_bad_rate_month")!.Value!.Value, 12);
        var triggered = r.Outcomes.Where(o => o.Rule == "attitude" && o.Triggered).Select(o => o.Id).ToList();
        if (tier is null) Assert.Empty(triggered);
        else Assert.Equal([tier], triggered);
    }

    [Fact]
    public void The_serious_attitude_tier_carries_its_fine_range()
    {
        var s = new EventScript("shop");
        for (var i = 1; i <= 25; i++) s.Rated($"n{i}", Day(5, 10), rating: "neutral", reason: i <= 3 ? "bad_attitude" : null);

        var serious = Run(s).Outcomes.Single(o => o.Id == "attitude_serious");

        Assert.True(serious.Triggered);
        Assert.Equal(new Core.Policies.FineRange(100, 300, "CNY"), serious.Fine);
    }
}
