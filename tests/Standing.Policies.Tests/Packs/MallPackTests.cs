using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// MALL (docs/standards/mall.md), worked by hand. As-of Wednesday 2026-04-08T00:00+02:00 in Europe/Warsaw:
/// rolling 30 days by order date is [2026-03-09T00:00+01:00, 2026-04-08T00:00+02:00). Business days
/// are Monday–Friday without Polish holidays; Easter Monday 2026-04-06 is a holiday; DST began
/// 2026-03-29. One seller per metric keeps each population exact.
/// </summary>
public sealed class MallPackTests
{
    private const string AsOf = "2026-04-08T00:00:00+02:00";

    private static string Hour(int i) => $"2026-03-16T{i % 24:00}:00:00+01:00";

    [Fact]
    public void Shipping_confirmation_counts_one_business_day_skipping_weekends_easter_monday_and_respecting_dst()
    {
        var s = new EventScript("partner")
            // A: Fri Apr 3 10:00 → deadline Tue Apr 7 10:00 (weekend, Easter Monday); shipping Tue 09:00: on time.
            .Placed("A", "2026-04-03T10:00:00+02:00").Status("A", OrderStatus.Shipping, "2026-04-07T09:00:00+02:00", "seller")
            // B: Thu Apr 2 15:00 → deadline Fri 15:00; shipping Fri 16:00: late.
            .Placed("B", "2026-04-02T15:00:00+02:00").Status("B", OrderStatus.Shipping, "2026-04-03T16:00:00+02:00", "seller")
            // C: Tue Apr 7 12:00 → deadline Wed 12:00, after as-of; still open: pending.
            .Placed("C", "2026-04-07T12:00:00+02:00")
            // D: Thu Apr 2 09:00 → deadline Fri 09:00, passed, never confirmed: late.
            .Placed("D", "2026-04-02T09:00:00+02:00")
            // E: Fri Mar 27 02:30 (+01:00) → deadline Mon Mar 30 02:30 local (+02:00, after the DST change),
            //    i.e. 00:30Z, not 72 elapsed hours; shipping Mon 02:45 (+02:00): late.
            .Placed("E", "2026-03-27T02:30:00+01:00").Status("E", OrderStatus.Shipping, "2026-03-30T02:45:00+02:00", "seller")
            // F: Thu Apr 2 12:00, cancelled by the buyer Fri 11:00: leaving OPEN by cancellation is on time.
            .Placed("F", "2026-04-02T12:00:00+02:00").Status("F", OrderStatus.Cancelled, "2026-04-03T11:00:00+02:00", "buyer");
        // 10 orders opened Mon Mar 16 and shipped within the hour: on time.
        for (var i = 0; i < 10; i++)
            s.Placed($"G{i}", Hour(8 + i)).Status($"G{i}", OrderStatus.Shipping, $"2026-03-16T{8 + i:00}:30:00+01:00", "seller");

        var sla = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("shipping_confirmation_sla")!;

        // Judged: A, B, D, E, F + 10 = 15; on time: A, F + 10 = 12; C pending. 12/15 = 80% < 95%.
        Assert.Equal(12, sla.Numerator);
        Assert.Equal(15, sla.Denominator);
        Assert.Equal(1, sla.Pending);
        Assert.Equal(0.8, sla.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, sla.Status);
        Assert.Equal(EventScript.At("2026-03-09T00:00:00+01:00"), sla.Window.Start);
    }

    [Fact]
    public void An_explicit_open_status_starts_the_shipping_clock_instead_of_the_placement()
    {
        // Placed Thu Apr 2 08:00 but OPEN only Fri Apr 3 08:00 (payment cleared) → deadline Tue Apr 7 08:00;
        // shipping Tue 07:00: on time although more than a business day after placement.
        var s = new EventScript("partner")
            .Placed("P", "2026-04-02T08:00:00+02:00").Status("P", OrderStatus.Open, "2026-04-03T08:00:00+02:00")
            .Status("P", OrderStatus.Shipping, "2026-04-07T07:00:00+02:00", "seller");

        var sla = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("shipping_confirmation_sla")!;

        Assert.Equal(1, sla.Numerator);
        Assert.Equal(1, sla.Denominator);
        Assert.Equal(MetricStatus.InsufficientData, sla.Status); // 1 < minimum sample 10
    }

    [Fact]
    public void Cancellation_rate_of_exactly_two_percent_meets_the_standard_and_counts_unattributed_cancellations()
    {
        // 100 orders reached OPEN; cancelled by the partner: c1 (by seller) and c2 (no "by": partners set
        // statuses); c3 cancelled by the buyer does not count. 2/100 = 2% ≤ 2%: meets the standard (good; the source has no at-risk band).
        var s = new EventScript("partner");
        for (var i = 0; i < 100; i++) s.Placed($"c{i}", Hour(i));
        s.Status("c1", OrderStatus.Cancelled, "2026-03-20T10:00:00+01:00", "seller")
         .Status("c2", OrderStatus.Cancelled, "2026-03-20T10:00:00+01:00")
         .Status("c3", OrderStatus.Cancelled, "2026-03-20T10:00:00+01:00", "buyer");

        var rate = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("cancellation_rate")!;

        Assert.Equal(2, rate.Numerator);
        Assert.Equal(100, rate.Denominator);
        Assert.Equal(MetricStatus.Good, rate.Status);
    }

    [Fact]
    public void Status_errors_count_wrong_final_statuses_in_both_directions()
    {
        // 100 orders; e1 is the source's example (a delivered order set to CANCELLED wrongly, corrected
        // from cancelled to delivered); e2 the reverse (wrongly DELIVERED, corrected to cancelled).
        // 1 correction = 1% (not above 1%: good); 2 corrections = 2% (breach).
        var s = new EventScript("partner");
        for (var i = 0; i < 100; i++) s.Placed($"e{i}", Hour(i));
        s.Corrected("e1", OrderStatus.Cancelled, OrderStatus.Delivered, "2026-03-25T10:00:00+01:00");

        var one = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("status_error_rate")!;
        s.Corrected("e2", OrderStatus.Delivered, OrderStatus.Cancelled, "2026-03-25T11:00:00+01:00");
        var two = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("status_error_rate")!;

        Assert.Equal((1, 100, MetricStatus.Good), (one.Numerator, one.Denominator, one.Status));
        Assert.Equal((2, 100, MetricStatus.Breach), (two.Numerator, two.Denominator, two.Status));
    }

    [Fact]
    public void Tracking_rate_needs_both_number_and_link_among_shipped_orders_only()
    {
        // 40 shipped orders: 38 with number and link, t38 number only, t39 link only; 5 never shipped.
        // 38/40 = 95%: meets ≥ 95%: good.
        var s = new EventScript("partner");
        for (var i = 0; i < 45; i++) s.Placed($"t{i}", Hour(i));
        for (var i = 0; i < 38; i++) s.Shipped($"t{i}", "2026-03-20T10:00:00+01:00");
        s.Shipped("t38", "2026-03-20T10:00:00+01:00", url: null)
         .Shipped("t39", "2026-03-20T10:00:00+01:00", tracking: null);

        var rate = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("tracking_rate")!;

        Assert.Equal((38, 40), (rate.Numerator, rate.Denominator));
        Assert.Equal(0.95, rate.Value!.Value, 12);
        Assert.Equal(MetricStatus.Good, rate.Status);
    }

    [Fact]
    public void On_time_delivery_counts_a_delivery_exactly_at_the_deadline_as_on_time()
    {
        // 20 delivered orders with deadline Mon Mar 30 23:59:59 (+02:00): 18 on Mar 28, d18 exactly at the
        // deadline (on time), d19 on Mar 31 (late); d20, d21 not delivered (not counted). 19/20 = 95%.
        var s = new EventScript("partner");
        const string deadline = "2026-03-30T23:59:59+02:00";
        for (var i = 0; i < 22; i++) s.Placed($"d{i}", Hour(i), deliverBy: deadline);
        for (var i = 0; i < 18; i++) s.Delivered($"d{i}", "2026-03-28T12:00:00+01:00");
        s.Delivered("d18", deadline).Delivered("d19", "2026-03-31T09:00:00+02:00");

        var rate = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("on_time_delivery")!;

        Assert.Equal((19, 20), (rate.Numerator, rate.Denominator));
        Assert.Equal(MetricStatus.Good, rate.Status);
    }

    [Fact]
    public void Delivery_confirmation_runs_from_the_actual_delivery_or_return()
    {
        var s = new EventScript("partner")
            // h1: delivered Fri Apr 3 18:00 → deadline Tue Apr 7 18:00; DELIVERED Tue 17:00: on time.
            .Placed("h1", "2026-03-25T10:00:00+01:00").Delivered("h1", "2026-04-03T18:00:00+02:00")
            .Status("h1", OrderStatus.Delivered, "2026-04-07T17:00:00+02:00", "seller")
            // h2: delivered Wed Apr 1 10:00 → deadline Thu 10:00; DELIVERED Thu 10:00:01: late.
            .Placed("h2", "2026-03-25T11:00:00+01:00").Delivered("h2", "2026-04-01T10:00:00+02:00")
            .Status("h2", OrderStatus.Delivered, "2026-04-02T10:00:01+02:00", "seller")
            // h3: returned Thu Apr 2 09:00; RETURNED Thu 10:00: on time.
            .Placed("h3", "2026-03-25T12:00:00+01:00").Returned("h3", "2026-04-02T09:00:00+02:00")
            .Status("h3", OrderStatus.Returned, "2026-04-02T10:00:00+02:00", "seller")
            // h4: delivered Tue Apr 7 08:00 → deadline Wed 08:00, after as-of: pending.
            .Placed("h4", "2026-03-25T13:00:00+01:00").Delivered("h4", "2026-04-07T08:00:00+02:00");
        // h5–h11: delivered Mon Mar 16 10:00, confirmed at 12:00: on time.
        for (var i = 5; i <= 11; i++)
        {
            s.Placed($"h{i}", "2026-03-12T10:00:00+01:00").Delivered($"h{i}", "2026-03-16T10:00:00+01:00")
             .Status($"h{i}", OrderStatus.Delivered, "2026-03-16T12:00:00+01:00", "seller");
        }

        var sla = PackEvaluation.Evaluate("mall", s.Events, AsOf).Metric("delivery_confirmation_sla")!;

        // Judged 10 (h1, h2, h3, h5–h11), on time 9, pending 1: 90% < 95%.
        Assert.Equal((9, 10, 1), (sla.Numerator, sla.Denominator, sla.Pending));
        Assert.Equal(MetricStatus.Breach, sla.Status);
    }

    [Fact]
    public void The_sla_breach_outcome_names_the_breached_metric()
    {
        var s = new EventScript("partner");
        for (var i = 0; i < 20; i++) s.Placed($"x{i}", Hour(i));
        for (var i = 0; i < 3; i++) s.Status($"x{i}", OrderStatus.Cancelled, "2026-03-17T10:00:00+01:00", "seller");

        var result = PackEvaluation.Evaluate("mall", s.Events, AsOf);

        // 3/20 = 15% cancelled by the partner > 2%.
        Assert.Equal(MetricStatus.Breach, result.Metric("cancellation_rate")!.Status);
        var outcome = result.Outcomes.Single(o => o.Id == "sla_breach");
        Assert.True(outcome.Triggered);
        Assert.Contains("cancellation_rate is breach ✓", outcome.Reason, StringComparison.Ordinal);
    }
}
