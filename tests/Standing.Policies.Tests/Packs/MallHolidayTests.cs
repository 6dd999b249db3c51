using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// MALL's 1-business-day deadlines over Polish public holidays that fall mid-week, worked out by hand from
/// STANDARDS.md §8 ("business days Monday–Friday excluding Polish public holidays … Christmas Eve, 24 December,
/// is a public holiday from 2025 on"; the deadline is the same local time on the next business day).
/// </summary>
public sealed class MallHolidayTests
{
    [Fact]
    public void Christmas_eve_and_christmas_day_2026_push_the_shipping_deadline_to_the_monday()
    {
        // Wed 2026-12-23 10:00 → Thu 24 (holiday from 2025), Fri 25 (holiday), weekend → Mon 28 10:00.
        // x0 confirmed Mon 10:00:00 (on time, inclusive), x1 one second later (late); 8 confirmed the same day.
        var s = new EventScript("partner");
        void Order(string id, string confirmed) =>
            s.Placed(id, "2026-12-23T10:00:00+01:00").Status(id, OrderStatus.Shipping, confirmed, "seller");
        Order("x0", "2026-12-28T10:00:00+01:00");
        Order("x1", "2026-12-28T10:00:01+01:00");
        for (var i = 2; i < 10; i++) Order($"x{i}", "2026-12-23T12:00:00+01:00");

        var sla = PackEvaluation.Evaluate("mall", s.Events, "2026-12-31T00:00:00+01:00").Metric("shipping_confirmation_sla")!;

        // 9 of 10 on time = 90% < 95%.
        Assert.Equal(9, sla.Numerator);
        Assert.Equal(10, sla.Denominator);
        Assert.Equal(0, sla.Pending);
        Assert.Equal(MetricStatus.Breach, sla.Status);
    }

    [Fact]
    public void Independence_day_on_a_wednesday_is_skipped_by_both_confirmation_slas()
    {
        // As-of Sat 2026-11-14T00:00+01:00 (Warsaw midnight); 11 November 2026 is a Wednesday and a holiday.
        var s = new EventScript("partner")
            // C: OPEN Tue 11-10 10:00 → deadline Thu 11-12 10:00; shipping Thu 09:00: on time (late had Wed counted).
            .Placed("C", "2026-11-10T10:00:00+01:00").Status("C", OrderStatus.Shipping, "2026-11-12T09:00:00+01:00", "seller")
            // G: OPEN Fri 11-13 10:00 → deadline Mon 11-16 10:00, after as-of, still OPEN: pending.
            .Placed("G", "2026-11-13T10:00:00+01:00")
            // P: delivered Tue 11-10 18:00, DELIVERED entered Thu 11-12 17:00 → deadline Thu 18:00: on time.
            .Placed("P", "2026-11-02T10:00:00+01:00").Delivered("P", "2026-11-10T18:00:00+01:00")
            .Status("P", OrderStatus.Delivered, "2026-11-12T17:00:00+01:00", "seller")
            // X: delivered Mon 11-09 08:00 → deadline Tue 11-10 08:00; DELIVERED entered Wed (holiday) 07:00: late.
            .Placed("X", "2026-11-02T10:00:00+01:00").Delivered("X", "2026-11-09T08:00:00+01:00")
            .Status("X", OrderStatus.Delivered, "2026-11-11T07:00:00+01:00", "seller");
        // 8 orders opened Mon 11-02, delivered Tue 11-03 08:00 and confirmed an hour later: on time in both SLAs.
        for (var i = 0; i < 8; i++)
            s.Placed($"Y{i}", "2026-11-02T10:00:00+01:00").Delivered($"Y{i}", "2026-11-03T08:00:00+01:00")
                .Status($"Y{i}", OrderStatus.Delivered, "2026-11-03T09:00:00+01:00", "seller");

        var evaluation = PackEvaluation.Evaluate("mall", s.Events, "2026-11-14T00:00:00+01:00");
        var shipping = evaluation.Metric("shipping_confirmation_sla")!;
        var delivery = evaluation.Metric("delivery_confirmation_sla")!;

        // Shipping: C and the 8 on time (Y left OPEN Tue 09:00 < Tue 10:00); P (Thu 17:00 > Tue 10:00) and
        // X (Wed > Tue 10:00) late; G pending → 9/11.
        Assert.Equal((9L, 11L, 1L), (shipping.Numerator, shipping.Denominator, shipping.Pending));
        // Delivery: P and the 8 on time, X late → 9/10 = 90% < 95%.
        Assert.Equal((9L, 10L, 0L), (delivery.Numerator, delivery.Denominator, delivery.Pending));
        Assert.Equal(MetricStatus.Breach, delivery.Status);
    }
}
