using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Kuaishou's on-time shipping exclusion, worked out by hand from STANDARDS.md §4 metric 3: "orders shipped within
/// the promised time / orders due under the promise, excluding orders for which a refund was requested within the
/// promised time and that were not shipped". As of 2026-06-10T00:00+08:00 the window is ship-by dates
/// [2026-05-11, 2026-06-10).
/// </summary>
public sealed class KuaishouOnTimeShippingTests
{
    private const string ShipBy = "2026-06-05T18:00:00+08:00";

    [Fact]
    public void A_refund_requested_in_time_excuses_only_an_order_not_shipped_in_time()
    {
        var s = new EventScript("shop");
        void Order(string id, string? refund, string? shipped)
        {
            s.Placed(id, "2026-06-03T10:00:00+08:00", shipBy: ShipBy);
            if (refund is not null) s.RefundRequested("rf-" + id, id, "refund_only", refund);
            if (shipped is not null) s.Shipped(id, shipped);
        }
        for (var i = 0; i < 10; i++) Order($"s{i}", null, "2026-06-04T10:00:00+08:00");    // on time
        // Refund asked 06-04 09:00, then shipped 06-04 12:00, before the ship-by: it WAS shipped, so not excluded: on time.
        Order("refund-then-shipped", "2026-06-04T09:00:00+08:00", "2026-06-04T12:00:00+08:00");
        // Refund asked 06-04 09:00 and not shipped by the ship-by (shipped 06-06): excluded.
        Order("refund-not-shipped", "2026-06-04T09:00:00+08:00", "2026-06-06T12:00:00+08:00");
        // Refund asked 06-04 09:00, never shipped: excluded.
        Order("refund-never-shipped", "2026-06-04T09:00:00+08:00", null);
        Order("late", null, "2026-06-06T12:00:00+08:00");                                   // late

        var rate = PackEvaluation.Evaluate("kuaishou", s.Events, "2026-06-10T00:00:00+08:00", explain: true).Metric("on_time_shipping_rate")!;

        // On time: s0–s9 and refund-then-shipped = 11; due: those and late = 12; excluded 2. 11/12 = 91.67%.
        Assert.Equal((11L, 12L), (rate.Numerator, rate.Denominator));
        Assert.Equal(["refund-never-shipped", "refund-not-shipped"],
            rate.Items.Where(i => i.Role == ItemRole.Excluded).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(11.0 / 12, rate.Value!.Value, 12);
        Assert.Equal(MetricStatus.AtRisk, rate.Status); // above the 89.47% threshold, under the 100% target
    }
}
