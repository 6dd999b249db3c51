namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// MALL partner SLA (docs/standards/mall.md) through <c>standing evaluate --format json</c>, worked by hand.
/// Scenario mall.ndjson, as of 2026-04-10T00:00+02:00 (Europe/Warsaw). Rolling 30 days in the policy's zone:
/// [2026-03-11T00:00+01:00, as-of) — the window crosses the 2026-03-29 DST change, so its start is
/// 2026-03-10T23:00Z, not as-of − 720 h (22:00Z). Every order enters OPEN when placed. Easter Monday
/// 2026-04-06 is a Polish public holiday; Good Friday 2026-04-03 is a business day.
/// </summary>
public sealed class MallAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("mall.ndjson", "mall", "2026-04-10T00:00:00+02:00"));

    // "cancellation rate: orders cancelled by the partner / orders that reached OPEN ≤ 2%".
    // p-cancel: 47 plain + o-seller (cancelled by seller) + o-buyer (cancelled by buyer) + o-in (placed
    // 2026-03-10T23:30Z = 00:30 local on the 11th, inside) = 50; o-out (22:30Z = 23:30 local on the 10th,
    // cancelled by seller) is outside. 1/50 = 2% — exactly at the limit, which "≤ 2%" allows.
    [Fact]
    public void Cancellation_rate_counts_partner_cancellations_only_and_allows_exactly_two_percent()
    {
        var m = Run.Value.Metric("p-cancel", "cancellation_rate");
        Assert.Equal(1, m.GetProperty("numerator").GetInt64());
        Assert.Equal(50, m.GetProperty("denominator").GetInt64());
        Assert.Equal(0.02, m.GetProperty("value").GetDouble(), 1e-9);
        Assert.NotEqual("breach", m.GetProperty("status").GetString());
    }

    // p-cancel10: 8 plain + 1 cancelled by the seller + 1 cancelled by the platform = 10 orders; only the
    // partner's cancellation counts: 1/10 = 10% > 2% → breach (10 meets the default minimum sample).
    [Fact]
    public void Cancellation_by_the_platform_is_not_the_partners()
    {
        Run.Value.AssertRate("p-cancel10", "cancellation_rate", 1, 10, 0.1, "breach");
    }

    // "What every pack must also handle: minimum samples ... Default ≥ 10 in the denominator".
    // p-small: 9 orders, 3 cancelled by the seller: 33% but only 9 orders → insufficient data, no SLA breach.
    [Fact]
    public void Fewer_than_ten_orders_is_insufficient_data_not_a_breach()
    {
        Assert.Equal("insufficient_data", Run.Value.Status("p-small", "cancellation_rate"));
        Assert.False(Run.Value.Triggered("p-small", "sla_breach"));
    }

    // "status error rate: orders whose final status was entered wrongly (a delivered order set to
    // CANCELLED; Reading: also the reverse, from order.status_corrected) / all orders ≤ 1%".
    // p-status: 100 orders in window; o-000 corrected cancelled→delivered, o-001 delivered→cancelled;
    // o-old (placed 2026-03-01, outside) also corrected. 2/100 = 2% > 1% → breach.
    [Fact]
    public void Status_errors_count_both_directions_of_correction()
    {
        Run.Value.AssertRate("p-status", "status_error_rate", 2, 100, 0.02, "breach");
    }

    // "tracking rate: orders with tracking data (tracking number and tracking link) / shipped orders
    // (SHIPPED, DELIVERED, RETURNED) ≥ 95%". p-track shipped: 20 with number and link, o-added (link added
    // later by shipment.tracking_added), o-nourl (number only), o-status (DELIVERED status, no tracking),
    // o-lateurl (link added exactly at as-of: unknown) = 24; o-unshipped not shipped. With both: 20 +
    // o-added = 21. 21/24 = 87.5% < 95% → breach.
    [Fact]
    public void Tracking_needs_number_and_link_among_shipped_orders()
    {
        Run.Value.AssertRate("p-track", "tracking_rate", 21, 24, 0.875, "breach");
    }

    // "on-time delivery: orders delivered by their delivery deadline (Reading: / delivered orders) ≥ 95%".
    // p-otd: deadline 2026-04-05T18:00+02:00; 19 delivered the day before, o-exact delivered at 16:00Z =
    // 18:00 local (by the deadline), o-late at 18:00:01 local, o-notyet not delivered (not counted).
    // 20/21 = 95.24% ≥ 95% → not a breach.
    [Fact]
    public void On_time_delivery_counts_delivery_exactly_at_the_deadline_as_on_time()
    {
        var m = Run.Value.Metric("p-otd", "on_time_delivery");
        Assert.Equal(20, m.GetProperty("numerator").GetInt64());
        Assert.Equal(21, m.GetProperty("denominator").GetInt64());
        Assert.Equal(20.0 / 21, m.GetProperty("value").GetDouble(), 1e-9);
        Assert.NotEqual("breach", m.GetProperty("status").GetString());
    }

    // "shipping confirmation SLA: OPEN → SHIPPING or CANCELLED within 1 business day (Reading: the
    // deadline is the same local time on the next business day; an order still OPEN past its deadline is
    // late; one still inside its deadline at as-of is pending) ≥ 95%". p-ship:
    //  - 10 opened Wed 04-01 10:00, SHIPPING Thu 09:00 → on time;
    //  - o-fri opened Good Friday 04-03 10:00, deadline Tue 04-07 10:00 (Easter Monday is a holiday),
    //    SHIPPING exactly then → on time; o-fri2 one second later → late;
    //  - o-cancel opened Wed 04-08 10:00, CANCELLED Thu 09:00 → on time;
    //  - o-open-late opened Mon 03-30 10:00, still OPEN at as-of (deadline Tue 10:00) → late;
    //  - o-pending opened Thu 04-09 12:00, deadline Fri 04-10 12:00 after as-of → pending, left out;
    //  - o-dst opened Fri 03-27 10:00+01:00, deadline Mon 03-30 10:00+02:00 (same local time across the DST
    //    change), SHIPPING 10:30+02:00 → late (72 elapsed hours would have said on time).
    // On time 12, late 3: 12/15 = 80% < 95% → breach.
    [Fact]
    public void Shipping_confirmation_uses_next_business_day_same_local_time_with_holidays_dst_and_pending()
    {
        Run.Value.AssertRate("p-ship", "shipping_confirmation_sla", 12, 15, 0.8, "breach");
    }

    // "delivery confirmation SLA: SHIPPED → DELIVERED or RETURNED within 1 business day of the actual
    // delivery or return ≥ 95%". p-deliv (orders placed 03-20):
    //  - 10 delivered Wed 04-01 15:00, DELIVERED status Thu 14:00 → on time;
    //  - o-ret returned Thu 04-02 12:00, RETURNED status Fri 12:00 exactly → on time;
    //  - o-late delivered Good Friday 16:00, deadline Tue 04-07 16:00 (Easter Monday), status 16:00:01 → late;
    //  - o-hol the same delivery, status Tue 15:00 → on time;
    //  - o-pending delivered Thu 04-09 20:00, no status, deadline Fri 20:00 after as-of → pending;
    //  - o-unconfirmed delivered Mon 03-30 10:00, never confirmed → late.
    // On time 12 of 14 = 85.7% < 95% → breach.
    [Fact]
    public void Delivery_confirmation_is_measured_from_the_actual_delivery_or_return()
    {
        Run.Value.AssertRate("p-deliv", "delivery_confirmation_sla", 12, 14, 12.0 / 14, "breach");
    }

    // p-clean: 10 orders opened Wed 04-01, shipped with number and link Thu 09:00, delivered Fri 12:00 and
    // confirmed DELIVERED Fri 13:00, deadline 04-06: every rate is 0/10 or 10/10 → no SLA breach; p-ship
    // (80% shipping confirmation) gets one.
    [Fact]
    public void Sla_breach_outcome_follows_the_metrics()
    {
        Run.Value.AssertRate("p-clean", "tracking_rate", 10, 10, 1, "good");
        Run.Value.AssertRate("p-clean", "delivery_confirmation_sla", 10, 10, 1, "good");
        Assert.False(Run.Value.Triggered("p-clean", "sla_breach"));
        Assert.True(Run.Value.Triggered("p-ship", "sla_breach"));
    }

    // mall-weekend.ndjson, as of 2026-05-10T00:00+02:00 (window from 2026-04-10): 8 orders opened Wed 04-15
    // and confirmed 2 h later; o-sat opened Saturday 04-11 10:00 → deadline Monday 04-13 10:00 (the next
    // business day, same local time), SHIPPING exactly then → on time; o-sat2 SHIPPED one second later → late;
    // o-may opened Thursday 04-30 15:00 → 1 May (Labour Day) is a holiday, 2–3 May a weekend, deadline Monday
    // 05-04 15:00; SHIPPING 14:00 → on time. 10/11 = 90.9% < 95% → breach.
    [Fact]
    public void Shipping_confirmation_deadline_skips_weekends_and_may_day()
    {
        var run = AcceptanceRun.Evaluate("mall-weekend.ndjson", "mall", "2026-05-10T00:00:00+02:00");
        run.AssertRate("p-wk", "shipping_confirmation_sla", 10, 11, 10.0 / 11, "breach");
    }
}
