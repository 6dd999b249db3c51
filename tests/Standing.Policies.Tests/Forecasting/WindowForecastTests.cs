using NodaTime;
using Standing.Core.Events;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Forecasting;

/// <summary>
/// Forecasts worked out by hand from each standard's window (docs/standards/congocrea.md, kuaishou.md,
/// mall.md) and the forecast's own rule (docs/foresight.md): on day k the metric counts the items known at
/// as-of T still in day k's window, with outcomes as known at T, plus floor(d × m / W) new good items
/// (d the denominator at T, W the window's days, m the days of [T, day k) inside day k's window).
/// </summary>
public sealed class WindowForecastTests
{
    [Fact]
    public void Congocrea_odr_over_90_days_recovers_when_the_last_defect_is_outweighed_by_the_volume_of_now()
    {
        // As-of 2026-06-01Z: the 90-day window is [03-03, 06-01). 197 fillers placed 03-04 … 03-28 at noon
        // (8 a day on 03-04 … 03-25, 7 a day on 03-26 … 03-28), d1 (2 stars) placed 03-10, d2 (case) 04-10,
        // d3 (1 star) 05-10: ODR 3/200 = 1.5%, a breach (≥ 1%). Volume 200/90 a day.
        // An order placed on day X leaves when the window starts after it: on X + 91 days.
        // d1 leaves 06-09, d2 07-10, d3 08-09. Fillers are all gone by day 26 (06-27).
        // From day 39 (07-10) only d3 is left: ODR = 1 / (1 + floor(200k/90)).
        // Day 44: 1/(1+97) = 1.02% (breach); day 45 (07-16): 1/(1+100) = 0.99% < 1%: good.
        var shop = new EventScript("shop-1");
        for (var i = 0; i < 197; i++) shop.Placed($"f-{i:000}", $"2026-03-{4 + (i % 25):00}T12:00:00Z");
        shop.Placed("d1", "2026-03-10T09:00:00Z").Review("d1", 2, "2026-03-20T09:00:00Z")
            .Placed("d2", "2026-04-10T09:00:00Z").Case("d2", "2026-04-15T09:00:00Z")
            .Placed("d3", "2026-05-10T09:00:00Z").Review("d3", 1, "2026-05-12T09:00:00Z");

        var f = PackForecast.Of("congocrea", shop.Events, "2026-06-01T00:00:00Z", "odr");

        Assert.Equal(MetricStatus.Breach, f.Now.Status);
        Assert.Equal(90, f.Days.Count);
        Assert.Equal(200.0 / 90, f.DailyVolume, 12);
        var defects = f.Leaving.Where(l => l.Defects.Count > 0).Select(l => (l.Date, string.Join(",", l.Defects))).ToList();
        Assert.Equal([(new LocalDate(2026, 6, 9), "d1"), (new LocalDate(2026, 7, 10), "d2"), (new LocalDate(2026, 8, 9), "d3")], defects);
        // The fillers of 03-04 (8) leave on 06-03, the first day anything leaves.
        Assert.Equal((new LocalDate(2026, 6, 3), 8), (f.Leaving[0].Date, f.Leaving[0].Items));
        // Day 1 (06-02): nothing has left; 2 assumed: 3/202.
        Assert.Equal((3L, 202L, 2L), (f.Days[0].Numerator, f.Days[0].Denominator, f.Days[0].Assumed));
        Assert.Equal((1L, 98L, MetricStatus.Breach), (f.Days[43].Numerator, f.Days[43].Denominator, f.Days[43].Status));
        Assert.Equal((1L, 101L, MetricStatus.Good), (f.Days[44].Numerator, f.Days[44].Denominator, f.Days[44].Status));
        Assert.Equal(new Recovery(RecoveryKind.Recovers, new LocalDate(2026, 7, 16), 45), f.Recovery);
        Assert.Equal(0, f.Budget.Defects);
    }

    [Fact]
    public void Kuaishou_pickup_anomalies_over_T_minus_33_to_T_minus_4_leave_with_the_lagged_window_and_pending_items_stay_out()
    {
        // As-of 2026-06-01T00:00+08:00: [T−33, T−4] = [04-29 00:00, 05-29 00:00) Asia/Shanghai, by shipping time.
        // 20 shipped 05-10 10:00 and picked up the same evening; "late" shipped 05-05 10:00, never picked up
        // (24 h passed): 1/21 = 4.76%, a breach (≥ 4%). "lagged" shipped 05-30, picked up on time: known, not
        // yet in the window; it enters on day 2 (window end 05-31). "waiting" shipped 05-31 10:00, its 24 h not
        // over at T: pending, and it stays out (nothing new goes wrong).
        // Day k's window is [04-29 + k, 05-29 + k); new items: m = k − 3 days, floor(21 (k − 3) / 30).
        // "late" leaves when the window starts after 05-05 10:00: day 7 (06-08). Day 6: 1/(20 + 1 + 1 + 2) = 4.17%,
        // breach; day 7: 0/(20 + 1 + 2) = 0: good (the target is 0).
        var s = new EventScript("shop");
        for (var i = 0; i < 20; i++)
        {
            s.Shipped($"o{i:00}", "2026-05-10T10:00:00+08:00").Add(EventType.ShipmentPickedUp, "2026-05-10T20:00:00+08:00", e => e with { Order = $"o{i:00}" });
        }
        s.Shipped("late", "2026-05-05T10:00:00+08:00");
        s.Shipped("lagged", "2026-05-30T10:00:00+08:00").Add(EventType.ShipmentPickedUp, "2026-05-30T12:00:00+08:00", e => e with { Order = "lagged" });
        s.Shipped("waiting", "2026-05-31T10:00:00+08:00");

        var f = PackForecast.Of("kuaishou", s.Events, "2026-06-01T00:00:00+08:00", "pickup_anomaly_rate");

        Assert.Equal((1L, 21L, MetricStatus.Breach), (f.Now.Numerator, f.Now.Denominator, f.Now.Status));
        Assert.Equal(33, f.Days.Count); // the next cycle: 30 days and the 3-day lag
        Assert.Equal(EventScript.At("2026-04-30T00:00:00+08:00"), f.Days[0].Window.Start);
        Assert.Equal(EventScript.At("2026-05-30T00:00:00+08:00"), f.Days[0].Window.End);
        Assert.Equal((1L, 24L, 2L, MetricStatus.Breach), (f.Days[5].Numerator, f.Days[5].Denominator, f.Days[5].Assumed, f.Days[5].Status));
        Assert.Equal((0L, 23L, MetricStatus.Good), (f.Days[6].Numerator, f.Days[6].Denominator, f.Days[6].Status));
        Assert.Equal(new LocalDate(2026, 6, 8), f.Leaving.Single(l => l.Defects.Count > 0).Date);
        Assert.Equal(["late"], f.Leaving.Single(l => l.Defects.Count > 0).Defects);
        Assert.Equal(new Recovery(RecoveryKind.Recovers, new LocalDate(2026, 6, 8), 7), f.Recovery);
    }

    [Fact]
    public void Mall_shipping_confirmation_judges_deadlines_in_business_days_and_recovers_when_both_late_orders_leave()
    {
        // As-of Tuesday 2026-04-07T00:00+02:00, Europe/Warsaw: rolling 30 days by order date is [03-08, 04-07).
        // 19 orders placed Mon 03-16 09:00, shipped 09:30: on time. "late-d" placed Wed 04-01 10:00, never
        // confirmed (deadline Thu 10:00): late. "late-b" placed Thu 04-02 15:00, shipped Fri 16:00 (deadline
        // Fri 15:00): late. "easter" placed Fri 04-03 10:00, unconfirmed: its 1 business day skips the weekend and
        // Easter Monday (04-06, a Polish holiday) to Tue 04-07 10:00, after T: pending, and it stays out.
        // Now 19/21 = 90.5% < 95%: breach. New good items: floor(21k/30).
        // The 03-16 orders leave on day 9 (04-16); late-d on day 25 (05-02), late-b on day 26 (05-03).
        // Day 25: 17/18 = 94.4%, breach; day 26: 18/18 = 100%: good (had "easter" counted late, 18/19 = 94.7%).
        var s = new EventScript("partner");
        for (var i = 0; i < 19; i++)
            s.Placed($"g{i:00}", "2026-03-16T09:00:00+01:00").Status($"g{i:00}", OrderStatus.Shipping, "2026-03-16T09:30:00+01:00", "seller");
        s.Placed("late-d", "2026-04-01T10:00:00+02:00")
            .Placed("late-b", "2026-04-02T15:00:00+02:00").Status("late-b", OrderStatus.Shipping, "2026-04-03T16:00:00+02:00", "seller")
            .Placed("easter", "2026-04-03T10:00:00+02:00");

        var f = PackForecast.Of("mall", s.Events, "2026-04-07T00:00:00+02:00", "shipping_confirmation_sla");

        Assert.Equal((19L, 21L, 1L, MetricStatus.Breach), (f.Now.Numerator, f.Now.Denominator, f.Now.Pending, f.Now.Status));
        Assert.Equal(30, f.Days.Count);
        var defects = f.Leaving.Where(l => l.Defects.Count > 0).Select(l => (l.Date, string.Join(",", l.Defects))).ToList();
        Assert.Equal([(new LocalDate(2026, 5, 2), "late-d"), (new LocalDate(2026, 5, 3), "late-b")], defects);
        Assert.Equal((new LocalDate(2026, 4, 16), 19), (f.Leaving[0].Date, f.Leaving[0].Items));
        Assert.Equal((17L, 18L, MetricStatus.Breach), (f.Days[24].Numerator, f.Days[24].Denominator, f.Days[24].Status));
        Assert.Equal((18L, 18L, MetricStatus.Good), (f.Days[25].Numerator, f.Days[25].Denominator, f.Days[25].Status));
        Assert.Equal(new Recovery(RecoveryKind.Recovers, new LocalDate(2026, 5, 3), 26), f.Recovery);
    }

    [Fact]
    public void A_shorter_horizon_that_ends_before_recovery_says_so()
    {
        // 3 defects placed 05-10 and 97 orders placed 05-20: 3/100 = 3%. The defects leave on 08-09 (day 69);
        // until then 3/(100 + floor(100k/90)) stays ≥ 1% (day 30: 3/133 = 2.3%): not good within 30 days.
        var shop = new EventScript("shop-1");
        for (var i = 0; i < 3; i++) shop.Placed($"d{i}", "2026-05-10T09:00:00Z").Review($"d{i}", 1, "2026-05-12T09:00:00Z");
        for (var i = 0; i < 97; i++) shop.Placed($"f-{i:00}", "2026-05-20T12:00:00Z");
        var f = PackForecast.Of("congocrea", shop.Events, "2026-06-01T00:00:00Z", "odr", days: 30);

        Assert.Equal(30, f.Days.Count);
        Assert.Equal(RecoveryKind.NotWithinHorizon, f.Recovery.Kind);
    }
}
