using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Congocrea (docs/standards/congocrea.md), worked by hand. As-of 2026-06-01T00:00Z (the pack counts in UTC):
/// the 90-day window is [2026-03-03, 2026-06-01) (Mar 3→Apr 3 is 31 days, →May 3 30, →Jun 1 29),
/// the 60-day window is [2026-04-02, 2026-06-01) (Apr 2→May 2 30, →Jun 1 30).
/// </summary>
public sealed class CongocreaPackTests
{
    private const string AsOf = "2026-06-01T00:00:00Z";

    /// <summary>Fills the 90-day window with plain orders so a case controls its denominator.</summary>
    private static EventScript Shop(int fillerOrders)
    {
        var shop = new EventScript("shop-1");
        for (var i = 0; i < fillerOrders; i++)
            shop.Placed($"f-{i}", $"2026-03-{4 + (i % 25):00}T12:00:00Z");
        return shop;
    }

    [Fact]
    public void Three_defects_in_200_orders_with_two_in_the_last_60_days_trigger_the_warning()
    {
        // 197 fillers + o1, o2, o3 = 200 orders in the 90-day window; o4 is older (lifetime only).
        // Defects: o1 (2-star review, placed Mar 10: 90-day only), o2 (case, Apr 10), o3 (1-star review
        // and a case, May 10: counted once), o4 (1-star, Jan 15). ODR = 3/200 = 1.5%; lifetime 4 ≥ 3; 60-day 2 ≥ 2.
        var shop = Shop(197)
            .Placed("o1", "2026-03-10T09:00:00Z").Review("o1", 2, "2026-03-20T09:00:00Z")
            .Placed("o2", "2026-04-10T09:00:00Z").Case("o2", "2026-04-15T09:00:00Z")
            .Placed("o3", "2026-05-10T09:00:00Z").Review("o3", 1, "2026-05-12T09:00:00Z").Case("o3", "2026-05-13T09:00:00Z")
            .Placed("o4", "2026-01-15T09:00:00Z").Review("o4", 1, "2026-01-25T09:00:00Z");

        var result = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf);

        var odr = result.Metric("odr")!;
        Assert.Equal(3, odr.Numerator);
        Assert.Equal(200, odr.Denominator);
        Assert.Equal(0.015, odr.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, odr.Status);
        Assert.Equal(EventScript.At("2026-03-03T00:00:00Z"), odr.Window.Start);
        Assert.Equal(EventScript.At(AsOf), odr.Window.End);
        Assert.Equal(4, result.Metric("defective_orders_lifetime")!.Value);
        Assert.Equal(2, result.Metric("defective_orders_60d")!.Value);
        Assert.True(result.Outcomes.Single(o => o.Id == "warning").Triggered);
    }

    [Fact]
    public void An_odr_of_exactly_one_percent_triggers_the_warning_because_the_criteria_say_one_percent_or_more()
    {
        // 297 fillers + 3 defective orders in the 60-day window = 300 orders; ODR = 3/300 = 1%.
        var shop = Shop(297)
            .Placed("d1", "2026-04-05T09:00:00Z").Review("d1", 2, "2026-04-09T09:00:00Z")
            .Placed("d2", "2026-04-20T09:00:00Z").Case("d2", "2026-04-25T09:00:00Z")
            .Placed("d3", "2026-05-05T09:00:00Z").Review("d3", 1, "2026-05-09T09:00:00Z");

        var result = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf);

        Assert.Equal(0.01, result.Metric("odr")!.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, result.Metric("odr")!.Status);
        Assert.True(result.Outcomes.Single().Triggered);
    }

    [Fact]
    public void A_high_odr_with_only_two_defects_since_the_first_sale_is_a_breach_but_no_automatic_warning()
    {
        // 98 fillers + 2 defects = 100 orders: ODR 2% ≥ 1%, 60-day count 2, but lifetime 2 < 3.
        var shop = Shop(98)
            .Placed("d1", "2026-04-05T09:00:00Z").Review("d1", 1, "2026-04-09T09:00:00Z")
            .Placed("d2", "2026-05-05T09:00:00Z").Case("d2", "2026-05-09T09:00:00Z");

        var result = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf);

        Assert.Equal(0.02, result.Metric("odr")!.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, result.Metric("odr")!.Status);
        var warning = result.Outcomes.Single();
        Assert.False(warning.Triggered);
        Assert.Contains("defective_orders_lifetime = 2 ✗", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_lifetime_defects_but_only_one_placed_in_the_last_60_days_give_no_warning()
    {
        // 97 fillers (placed Mar 4–28, outside the 60-day window) + d1, d2 (placed March, outside 60 days)
        // + d3 (placed May) = 100 orders, 3 defects: ODR 3%, lifetime 3, 60-day 1 < 2.
        var shop = Shop(97)
            .Placed("d1", "2026-03-05T09:00:00Z").Review("d1", 2, "2026-04-09T09:00:00Z")
            .Placed("d2", "2026-03-25T09:00:00Z").Case("d2", "2026-04-20T09:00:00Z")
            .Placed("d3", "2026-05-05T09:00:00Z").Review("d3", 1, "2026-05-09T09:00:00Z");

        var result = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf);

        Assert.Equal(3, result.Metric("odr")!.Numerator);
        Assert.Equal(3, result.Metric("defective_orders_lifetime")!.Value);
        Assert.Equal(1, result.Metric("defective_orders_60d")!.Value);
        Assert.False(result.Outcomes.Single().Triggered);
    }

    [Fact]
    public void A_review_raised_above_two_stars_or_removed_no_longer_makes_the_order_defective()
    {
        var shop = Shop(8)
            .Placed("u", "2026-05-01T09:00:00Z").Review("u", 1, "2026-05-03T09:00:00Z").ReviewUpdated("r-u", 4, "2026-05-04T09:00:00Z")
            .Placed("x", "2026-05-01T10:00:00Z").Review("x", 2, "2026-05-03T09:00:00Z").ReviewRemoved("r-x", "2026-05-05T09:00:00Z")
            .Placed("k", "2026-05-01T11:00:00Z").Review("k", 3, "2026-05-03T09:00:00Z");

        var odr = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf).Metric("odr")!;

        Assert.Equal(0, odr.Numerator);
        Assert.Equal(11, odr.Denominator);
        Assert.Equal(MetricStatus.Good, odr.Status);
    }

    [Fact]
    public void Events_at_or_after_as_of_are_not_known_and_the_window_is_half_open()
    {
        // "start" is placed exactly at the window start (counted); "late" exactly at as-of (not counted);
        // the case on "start" is opened exactly at as-of, so it is not known yet.
        var shop = Shop(9)
            .Placed("start", "2026-03-03T00:00:00Z").Case("start", AsOf)
            .Placed("late", AsOf)
            .Placed("before", "2026-03-02T23:59:59Z");

        var odr = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf).Metric("odr")!;

        Assert.Equal(10, odr.Denominator);
        Assert.Equal(0, odr.Numerator);
    }

    [Fact]
    public void Explain_lists_each_defective_order_once_with_its_reasons()
    {
        var shop = Shop(9).Placed("o3", "2026-05-10T09:00:00Z").Review("o3", 1, "2026-05-12T09:00:00Z").Case("o3", "2026-05-13T09:00:00Z");

        var odr = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf, explain: true).Metric("odr")!;

        var counted = Assert.Single(odr.Items, i => i.Role == ItemRole.Numerator);
        Assert.Equal("o3", counted.Id);
        Assert.Contains("lowest_review_stars = 1", counted.Reason, StringComparison.Ordinal);
        Assert.Contains("has_case = true", counted.Reason, StringComparison.Ordinal);
        Assert.Equal(9, odr.Items.Count(i => i.Role == ItemRole.Denominator));
    }

    [Fact]
    public void A_shop_with_no_orders_in_the_window_has_insufficient_data()
    {
        var shop = new EventScript("shop-1").Placed("old", "2025-01-01T00:00:00Z");

        var odr = PackEvaluation.Evaluate("congocrea", shop.Events, AsOf).Metric("odr")!;

        Assert.Null(odr.Value);
        Assert.Equal(MetricStatus.InsufficientData, odr.Status);
    }
}
