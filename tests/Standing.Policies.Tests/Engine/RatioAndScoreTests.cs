using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Engine;

/// <summary>Ratios of two subjects, scores over other metrics, and day windows, worked by hand.</summary>
public sealed class RatioAndScoreTests
{
    private const string RatioPolicy = PolicyRun.Header + """
        metrics:
          - id: disputes_per_delivery
            kind: ratio
            window: { rolling_days: 30 }
            numerator: { subject: cases, attribute_by: opened_at, where: { field: kind, op: eq, value: not_received } }
            denominator: { subject: orders, attribute_by: delivered_at }
            standard: { direction: lower_is_better, threshold: 0.2, target: 0.1, min_sample: 4 }
        """;

    private static EventScript CaseOfKind(EventScript s, string order, string at, string kind, string id) =>
        s.Add(EventType.CaseOpened, at, e => e with { Case = id, Order = order, Kind = kind });

    [Fact]
    public void A_ratio_counts_each_side_on_its_own_subject_and_attribution_date()
    {
        // As of 2026-06-01T00:00Z the window is [2026-05-02, 2026-06-01).
        // Denominator: orders delivered in the window = o1..o4 (o5 delivered Apr 28, o6 never) = 4.
        // Numerator: not_received cases opened in the window = the case on o5 (May 3; its order's delivery
        // is outside, which does not matter) = 1; the case on o1 (Apr 30) is too early, the one on o2 is "other".
        // 1 / 4 = 0.25 ≥ 0.2 → breach.
        var s = new EventScript("shop");
        foreach (var o in new[] { "o1", "o2", "o3", "o4", "o5", "o6" }) s.Placed(o, "2026-04-20T10:00:00Z");
        foreach (var o in new[] { "o1", "o2", "o3", "o4" }) s.Delivered(o, "2026-05-05T10:00:00Z");
        s.Delivered("o5", "2026-04-28T10:00:00Z");
        CaseOfKind(s, "o5", "2026-05-03T10:00:00Z", "not_received", "c5");
        CaseOfKind(s, "o1", "2026-04-30T10:00:00Z", "not_received", "c1");
        CaseOfKind(s, "o2", "2026-05-20T10:00:00Z", "other", "c2");

        var m = PolicyRun.One(RatioPolicy, s, "2026-06-01T00:00:00Z").Metric("disputes_per_delivery")!;

        Assert.Equal(1, m.Numerator);
        Assert.Equal(4, m.Denominator);
        Assert.Equal(0.25, m.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, m.Status);
        Assert.Equal(EventScript.At("2026-05-02T00:00:00Z"), m.Window.Start);
    }

    [Fact]
    public void A_ratio_explains_its_items_on_both_sides()
    {
        var s = new EventScript("shop").Placed("o1", "2026-05-10T10:00:00Z").Delivered("o1", "2026-05-12T10:00:00Z");
        CaseOfKind(s, "o1", "2026-05-13T10:00:00Z", "not_received", "c1");
        var seller = Assert.Single(new Core.Evaluation.PolicyEvaluator(Standing.Policies.Loading.PolicyLoader.Load(RatioPolicy, "case.yaml"))
            .Evaluate(Core.Facts.FactFolder.Fold(s.Events, EventScript.At("2026-06-01T00:00:00Z")), EventScript.At("2026-06-01T00:00:00Z"), explain: true).Sellers);

        var items = seller.Metric("disputes_per_delivery")!.Items;

        Assert.Contains(items, i => i.Id == "c1" && i.Role == ItemRole.Numerator && i.Reason.StartsWith("numerator (cases)", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Id == "o1" && i.Role == ItemRole.Denominator && i.Reason.StartsWith("denominator (orders)", StringComparison.Ordinal));
    }

    private const string ScorePolicy = PolicyRun.Header + """
        metrics:
          - id: case_rate
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: has_case, op: eq, value: true }
            standard: { direction: lower_is_better, threshold: 0.5, min_sample: 10 }
          - id: delivered_share
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: delivered_at, op: set }
          - id: low_reviews
            kind: rate
            subject: reviews
            window: { rolling_days: 30 }
            attribute_by: posted_at
            numerator: { field: stars, op: le, value: 2 }
          - id: index
            kind: score
            components:
              - { metric: case_rate, best: 0, worst: 0.4, weight: 1 }
              - { metric: delivered_share, best: 1, worst: 0, weight: 3 }
              - { metric: low_reviews, best: 0, worst: 0.1, weight: 5 }
            standard: { direction: higher_is_better, threshold: 60, target: 80 }
          - id: review_index
            kind: score
            components:
              - { metric: low_reviews, best: 0, worst: 0.1 }
        """;

    [Fact]
    public void A_score_is_the_weighted_mean_of_linear_points_over_the_components_with_data()
    {
        // 10 orders in May, 2 with a case (0.2), 8 delivered (0.8); no reviews at all.
        // case_rate 0.2 between best 0 and worst 0.4 → 50 points (weight 1);
        // delivered_share 0.8 between best 1 and worst 0 → 80 points (weight 3);
        // low_reviews has no data → left out with its weight 5.
        // index = (50 × 1 + 80 × 3) / (1 + 3) = 290 / 4 = 72.5 → between 60 and 80: at risk.
        // review_index has no component with data → insufficient data, no value.
        var s = new EventScript("shop").PlacedMany("o", 10, "2026-05-10T00:00:00Z");
        s.Case("o-1", "2026-05-15T00:00:00Z").Case("o-2", "2026-05-15T00:00:00Z");
        for (var i = 1; i <= 8; i++) s.Delivered($"o-{i}", "2026-05-20T00:00:00Z");

        var result = PolicyRun.One(ScorePolicy, s, "2026-06-01T00:00:00Z");

        var index = result.Metric("index")!;
        Assert.Equal(72.5, index.Value!.Value, 9);
        Assert.Equal(MetricStatus.AtRisk, index.Status);
        Assert.Equal(2, index.Numerator);
        Assert.Equal(3, index.Denominator);
        var reviewIndex = result.Metric("review_index")!;
        Assert.Null(reviewIndex.Value);
        Assert.Equal(MetricStatus.InsufficientData, reviewIndex.Status);
    }

    [Fact]
    public void A_component_below_its_minimum_sample_has_no_data_for_the_score()
    {
        // 9 orders, 1 with a case: case_rate needs 10 → insufficient data, left out.
        // delivered_share 0 of 9 → 0 points; index = 0 (weight 3 alone) → breach (< 60).
        var s = new EventScript("shop").PlacedMany("o", 9, "2026-05-10T00:00:00Z").Case("o-1", "2026-05-15T00:00:00Z");

        var index = PolicyRun.One(ScorePolicy, s, "2026-06-01T00:00:00Z").Metric("index")!;

        Assert.Equal(0, index.Value!.Value, 12);
        Assert.Equal(1, index.Numerator);
        Assert.Equal(MetricStatus.Breach, index.Status);
    }

    [Theory]
    [InlineData(0.0, 0, 0.1, 100)]
    [InlineData(0.02, 0, 0.1, 80)]
    [InlineData(0.15, 0, 0.1, 0)]
    [InlineData(0.9, 1, 0.5, 80)]
    [InlineData(0.4, 1, 0.5, 0)]
    [InlineData(0.005, 0.005, 0.005, 100)] // equal anchors, lower is better: at the target earns everything
    [InlineData(0.006, 0.005, 0.005, 0)]
    public void Component_points_are_linear_from_best_to_worst_and_clamped(double value, double best, double worst, double points) =>
        Assert.Equal(points, new ScoreComponent("m", best, worst, 1).Points(value, Direction.LowerIsBetter), 9);

    [Fact]
    public void Equal_anchors_on_a_higher_is_better_metric_reward_values_at_or_above_them()
    {
        var component = new ScoreComponent("m", 0.9, 0.9, 1);
        Assert.Equal(100, component.Points(0.9, Direction.HigherIsBetter));
        Assert.Equal(0, component.Points(0.89, Direction.HigherIsBetter));
    }

    private const string DayPolicy = """
        id: day-case
        version: "1"
        effective_from: 2026-01-01
        time_zone: Europe/Paris
        metrics:
          - id: orders_yesterday
            kind: count
            subject: orders
            window: { calendar: day }
            attribute_by: placed_at
            numerator: { field: placed_at, op: set }
          - id: orders_today
            kind: count
            subject: orders
            window: { calendar: day, current: true }
            attribute_by: placed_at
            numerator: { field: placed_at, op: set }
        """;

    [Fact]
    public void A_day_window_is_the_last_complete_local_day_or_the_current_one()
    {
        // As of 2026-06-02T10:00+02:00 (Paris): yesterday = [06-01 00:00+02, 06-02 00:00+02) holds the orders
        // at 06-01 00:00 and 23:59 (not 05-31 23:30); today = [06-02 00:00+02, as-of) holds 06-02 00:00 only
        // (the 11:00 order is after as-of).
        var s = new EventScript("shop")
            .Placed("a", "2026-05-31T23:30:00+02:00").Placed("b", "2026-06-01T00:00:00+02:00")
            .Placed("c", "2026-06-01T23:59:00+02:00").Placed("d", "2026-06-02T00:00:00+02:00")
            .Placed("e", "2026-06-02T11:00:00+02:00");

        var result = PolicyRun.One(DayPolicy, s, "2026-06-02T10:00:00+02:00");

        Assert.Equal(2, result.Metric("orders_yesterday")!.Value);
        Assert.Equal(EventScript.At("2026-06-01T00:00:00+02:00"), result.Metric("orders_yesterday")!.Window.Start);
        Assert.Equal(1, result.Metric("orders_today")!.Value);
    }
}
