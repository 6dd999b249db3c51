using Standing.Core.Events;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Forecasting;

/// <summary>
/// Error budgets worked by hand from the standards' thresholds (docs/standards/congocrea.md: breach when
/// ODR ≥ 1%; docs/standards/mall.md: breach when cancellations exceed 2%, at least 10 orders): the
/// most further defects among the window's orders, volume unchanged, that leave the metric out of breach.
/// </summary>
public sealed class ErrorBudgetTests
{
    private const string CongocreaAsOf = "2026-06-01T00:00:00Z";

    private static EventScript Orders(int count, int defects)
    {
        var shop = new EventScript("shop-1");
        for (var i = 0; i < count; i++)
        {
            shop.Placed($"o{i:000}", "2026-05-02T12:00:00Z");
            if (i < defects) shop.Review($"o{i:000}", 1, "2026-05-05T12:00:00Z");
        }
        return shop;
    }

    [Fact]
    public void One_defect_in_500_orders_leaves_room_for_3_more_because_the_fourth_reaches_one_percent()
    {
        // (1 + x)/500 ≥ 0.01 ⇔ x ≥ 4: 3 more stay below.
        var f = PackForecast.Of("congocrea", Orders(500, 1).Events, CongocreaAsOf, "odr");
        Assert.Equal(3, f.Budget.Defects);
        Assert.Equal(RecoveryKind.AlreadyGood, f.Recovery.Kind);
    }

    [Fact]
    public void Exactly_at_the_inclusive_threshold_is_a_breach_already_and_the_budget_is_zero()
    {
        // 3/300 = 1%, and Congocrea's threshold is inclusive.
        var f = PackForecast.Of("congocrea", Orders(300, 3).Events, CongocreaAsOf, "odr");
        Assert.Equal(MetricStatus.Breach, f.Now.Status);
        Assert.Equal(0, f.Budget.Defects);
        Assert.Equal("already in breach", f.Budget.Reason);
    }

    [Fact]
    public void No_orders_in_the_window_has_no_budget_to_speak_of()
    {
        // One order long before the 90-day window: nothing to measure.
        var shop = new EventScript("shop-1").Placed("old", "2025-01-10T12:00:00Z");
        var f = PackForecast.Of("congocrea", shop.Events, CongocreaAsOf, "odr");
        Assert.Null(f.Budget.Defects);
        Assert.Contains("no items", f.Budget.Reason, StringComparison.Ordinal);
        Assert.Equal(RecoveryKind.InsufficientData, f.Recovery.Kind);
    }

    private static EventScript Cancellations(int orders, int cancelled)
    {
        // MALL, as-of 2026-04-08 in Europe/Warsaw: orders placed 04-01 (in the 30-day window), OPEN on placing.
        var s = new EventScript("partner");
        for (var i = 0; i < orders; i++)
        {
            s.Placed($"o{i:000}", "2026-04-01T10:00:00+02:00");
            if (i < cancelled) s.Status($"o{i:000}", OrderStatus.Cancelled, "2026-04-01T11:00:00+02:00", "seller");
        }
        return s;
    }

    [Fact]
    public void Exactly_at_an_exclusive_threshold_is_not_a_breach_but_the_next_defect_is()
    {
        // 2/100 = 2% is not above 2%; 3/100 is: budget 0, status not breach.
        var f = PackForecast.Of("mall", Cancellations(100, 2).Events, "2026-04-08T00:00:00+02:00", "cancellation_rate");
        Assert.NotEqual(MetricStatus.Breach, f.Now.Status);
        Assert.Equal(0, f.Budget.Defects);
    }

    [Fact]
    public void Two_cancellations_in_200_orders_leave_room_for_two_more()
    {
        // (2 + x)/200 > 0.02 ⇔ x > 2: 2 more, the third breaches.
        var f = PackForecast.Of("mall", Cancellations(200, 2).Events, "2026-04-08T00:00:00+02:00", "cancellation_rate");
        Assert.Equal(2, f.Budget.Defects);
    }

    [Fact]
    public void A_higher_is_better_rate_takes_defects_off_its_numerator_and_exactly_at_its_exclusive_threshold_is_not_a_breach()
    {
        // MALL's shipping confirmation (docs/standards/mall.md): breach when under 95 %, at least 10 orders. 20 orders
        // placed Monday 03-16 09:00 and shipped 09:30, within 1 business day: 20/20. A defect is one more order that
        // missed it: (20 − x)/20 < 0.95 ⇔ x > 1. 19/20 = 95 % is not under 95 %: 1 more, the second breaches.
        var s = new EventScript("partner");
        for (var i = 0; i < 20; i++)
            s.Placed($"g{i:00}", "2026-03-16T09:00:00+01:00").Status($"g{i:00}", OrderStatus.Shipping, "2026-03-16T09:30:00+01:00", "seller");
        var f = PackForecast.Of("mall", s.Events, "2026-04-07T00:00:00+02:00", "shipping_confirmation_sla");
        Assert.Equal((20L, 20L, MetricStatus.Good), (f.Now.Numerator, f.Now.Denominator, f.Now.Status));
        Assert.Equal(1, f.Budget.Defects);
        Assert.Equal("2 more would breach (18/20 = 0.9)", f.Budget.Reason);
        Assert.Equal(new Recovery(RecoveryKind.AlreadyGood, null, 0), f.Recovery);
    }

    [Fact]
    public void Fewer_orders_than_the_minimum_sample_is_never_a_breach_so_no_budget()
    {
        // MALL needs 10 orders; 9 with 5 cancelled is "too few".
        var f = PackForecast.Of("mall", Cancellations(9, 5).Events, "2026-04-08T00:00:00+02:00", "cancellation_rate");
        Assert.Null(f.Budget.Defects);
        Assert.Contains("minimum sample of 10", f.Budget.Reason, StringComparison.Ordinal);
        Assert.Equal(RecoveryKind.InsufficientData, f.Recovery.Kind);
    }
}
