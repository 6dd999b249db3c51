using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Policies.Tests.Forecasting;

/// <summary>
/// Volume-adaptive windows (docs/policies.md): eBay's rule, 3 months for a seller with at least 400
/// transactions, else 12, written <c>{ rolling_days: 90, extend_to_days: 365, when_fewer_than: 400 }</c>.
/// Counts below are worked by hand; as-of 2026-06-01Z, the 90-day window is [03-03, 06-01), the 365-day
/// one [2025-06-01, 2026-06-01).
/// </summary>
public sealed class AdaptiveWindowTests
{
    /// <summary>Lines 1–12; line 9 is the window.</summary>
    private const string Yaml = """
        id: adaptive
        version: "1"
        effective_from: 2025-01-01
        time_zone: UTC
        metrics:
          - id: defect_rate
            kind: rate
            subject: orders
            window: { rolling_days: 90, extend_to_days: 365, when_fewer_than: 400 }
            attribute_by: placed_at
            numerator: { field: has_case, op: eq, value: true }
            standard: { direction: lower_is_better, threshold: 0.02, min_sample: 1 }
        """;

    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");

    /// <summary><paramref name="recent"/> orders placed 05-01 (in both windows), 100 placed 2025-12-01 (the 365 days only), 4 of them with a case.</summary>
    private static SellerFacts Shop(int recent)
    {
        var s = new EventScript("shop");
        for (var i = 0; i < recent; i++) s.Placed($"r{i:000}", "2026-05-01T12:00:00Z");
        for (var i = 0; i < 100; i++) s.Placed($"old{i:000}", "2025-12-01T12:00:00Z");
        for (var i = 0; i < 4; i++) s.Case($"old{i:000}", "2025-12-05T12:00:00Z");
        return FactFolder.Fold(s.Events, AsOf).Single();
    }

    private static MetricResult Evaluate(SellerFacts facts) =>
        new PolicyEvaluator(PolicyLoader.Load(Yaml, "adaptive.yaml")).EvaluateSeller(facts, AsOf).Metric("defect_rate")!;

    [Fact]
    public void A_seller_with_400_orders_in_90_days_is_measured_over_90_days()
    {
        // 400 recent orders, no case among them: 0/400 over 90 days.
        var m = Evaluate(Shop(400));
        Assert.Equal((0L, 400L), (m.Numerator, m.Denominator));
        Assert.Equal(EventScript.At("2026-03-03T00:00:00Z"), m.Window.Start);
        Assert.False(m.WindowChoice!.Extended);
        Assert.Equal(400, m.WindowChoice.BaseCount);
    }

    [Fact]
    public void A_seller_with_399_orders_in_90_days_is_measured_over_365_days_and_says_why()
    {
        // 399 recent + 100 older = 499 orders, 4 with a case: 4/499 = 0.80%.
        var m = Evaluate(Shop(399));
        Assert.Equal((4L, 499L), (m.Numerator, m.Denominator));
        Assert.Equal(EventScript.At("2025-06-01T00:00:00Z"), m.Window.Start);
        Assert.True(m.WindowChoice!.Extended);
        Assert.Equal("365 days: 399 items in the 90-day window, fewer than 400", m.WindowChoice.Reason((AdaptiveWindow)m.Definition.Window));
    }

    [Fact]
    public void The_error_budget_of_an_extended_window_counts_its_items_and_the_threshold_is_exclusive()
    {
        // 4/499 over 365 days; breach when above 2 %: (4 + x)/499 > 0.02 ⇔ 4 + x > 9.98 ⇔ x ≥ 6, so 5 more; the sixth
        // gives 10/499 = 0.02004, printed to six decimals so that it does not read as the threshold itself.
        var f = new SellerForecaster(PolicyLoader.Load(Yaml, "adaptive.yaml")).Forecast(Shop(399), AsOf, "defect_rate").Metrics.Single();
        Assert.Equal(5, f.Budget.Defects);
        Assert.Equal("6 more would breach (10/499 = 0.02004)", f.Budget.Reason);
    }

    [Fact]
    public void The_forecast_counts_the_volume_of_now_in_the_base_window_to_choose_each_days_window()
    {
        // 399 recent orders: extended now (4/499), over 365 days. Volume 499/365 a day. Day 1: the base window
        // [03-04, 06-02) holds the 399 and floor(499 × 1 / 365) = 1 new order: 400, so day 1 is measured over
        // 90 days: 0/400, good.
        var f = new SellerForecaster(PolicyLoader.Load(Yaml, "adaptive.yaml")).Forecast(Shop(399), AsOf, "defect_rate").Metrics.Single();
        Assert.Equal(365, f.Days.Count);
        Assert.Equal((false, 0L, 400L), (f.Days[0].Extended!.Value, f.Days[0].Numerator, f.Days[0].Denominator));
        Assert.Equal(RecoveryKind.AlreadyGood, f.Recovery.Kind);
    }

    private static List<string> Errors(string window) =>
        Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(Yaml.Replace("window: { rolling_days: 90, extend_to_days: 365, when_fewer_than: 400 }", window, StringComparison.Ordinal), "p.yaml"))
            .Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Mistakes_in_an_adaptive_window_are_reported_with_their_position()
    {
        // Line 9 "    window: { rolling_days: 90, extend_to_days: 60, when_fewer_than: 400 }": "{" at 13,
        // "rolling_days:" 15–27, "90" 29–30, "," 31, "extend_to_days:" 33–47, "60" at 49.
        Assert.Equal(["p.yaml:9:49: \"extend_to_days\" must be at least 91"], Errors("window: { rolling_days: 90, extend_to_days: 60, when_fewer_than: 400 }"));
        // "extend_to_days:" 33–47 after "rolling_days: 90,", "365" at 49.
        Assert.Equal(["p.yaml:9:49: the window of metric \"defect_rate\" has \"extend_to_days\" but no \"when_fewer_than\": say below how many items it extends"],
            Errors("window: { rolling_days: 90, extend_to_days: 365 }"));
        // "calendar: month," 15–30, "extend_to_days:" 32–46, "365" at 48.
        Assert.Contains("p.yaml:9:48: \"extend_to_days\" and \"when_fewer_than\" apply to rolling_days windows only",
            Errors("window: { calendar: month, extend_to_days: 365, when_fewer_than: 10 }"));
    }
}
