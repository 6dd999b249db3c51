using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Engine;

/// <summary>Rule versions chosen by the as-of date, tiers, and count-and-rate thresholds, worked by hand.</summary>
public sealed class RuleVersionTests
{
    private const string Policy = PolicyRun.Header + """
        metrics:
          - id: cases_30d
            kind: count
            subject: cases
            window: { rolling_days: 30 }
            attribute_by: opened_at
            numerator: { field: opened_at, op: set }
        rules:
          - id: too_many_cases
            outcome: too_many_cases
            versions:
              - { effective: 2026-01-01, when: { metric: cases_30d, op: ge, value: 5 } }
              - { effective: 2026-06-01, when: { metric: cases_30d, op: ge, value: 3 } }
          - id: severity
            when: { metric: cases_30d, op: ge, value: 1 }
            tiers:
              - { id: very_serious, when: { metric: cases_30d, op: ge, value: 4 }, fine: { min: 500, max: 1000, currency: CNY } }
              - { id: serious, when: { metric: cases_30d, op: ge, value: 3 }, penalty: warning and exam, fine: { min: 100, max: 300, currency: CNY } }
              - { id: minor, when: { metric: cases_30d, op: ge, value: 1 } }
        """;

    private static EventScript ThreeCases() => new EventScript("shop")
        .Case("o1", "2026-05-20T10:00:00Z").Case("o2", "2026-05-21T10:00:00Z").Case("o3", "2026-05-22T10:00:00Z");

    [Fact]
    public void The_version_in_force_on_the_window_s_first_day_is_applied()
    {
        // Behaviour is judged by the rule in force when it happened: 3 cases on 2026-06-10..12, in the 30 days
        // before both instants. As of 2026-06-30 00:00 the window [05-31, 06-30) starts under the 2026-01-01
        // version (≥ 5): not triggered, though the as-of is past 06-01. As of 2026-07-01 00:00 the window
        // [06-01, 07-01) lies wholly under the 2026-06-01 version (≥ 3): triggered.
        var cases = new EventScript("shop").Case("o1", "2026-06-10T10:00:00Z").Case("o2", "2026-06-11T10:00:00Z").Case("o3", "2026-06-12T10:00:00Z");
        var before = PolicyRun.One(Policy, cases, "2026-06-30T00:00:00Z").Outcomes.Single(o => o.Id == "too_many_cases");
        var after = PolicyRun.One(Policy, cases, "2026-07-01T00:00:00Z").Outcomes.Single(o => o.Id == "too_many_cases");

        Assert.False(before.Triggered);
        Assert.Equal(new NodaTime.LocalDate(2026, 1, 1), before.Version);
        Assert.Contains("needs ≥ 5", before.Reason, StringComparison.Ordinal);
        Assert.True(after.Triggered);
        Assert.Equal(new NodaTime.LocalDate(2026, 6, 1), after.Version);
    }

    [Fact]
    public void Before_its_first_version_a_rule_is_not_in_force()
    {
        var shop = ThreeCases().Placed("old", "2025-12-01T00:00:00Z");
        var verdict = PolicyRun.One(Policy, shop, "2025-12-31T00:00:00Z").Outcomes.Single(o => o.Id == "too_many_cases");

        Assert.False(verdict.Triggered);
        Assert.Equal("not in force before 2026-01-01", verdict.Reason);
    }

    [Fact]
    public void The_first_tier_that_holds_is_the_outcome_with_its_fine_range()
    {
        // 3 cases: very_serious needs 4 ✗; serious needs 3 ✓ → triggered; minor holds too, but a more severe tier applies.
        var outcomes = PolicyRun.One(Policy, ThreeCases(), "2026-06-01T00:00:00Z").Outcomes.Where(o => o.Rule == "severity").ToList();

        Assert.Equal(["severity_very_serious", "severity_serious", "severity_minor"], outcomes.Select(o => o.Id));
        Assert.Equal([false, true, false], outcomes.Select(o => o.Triggered));
        var serious = outcomes[1];
        Assert.Equal("serious", serious.Tier);
        Assert.Equal(new Core.Policies.FineRange(100, 300, "CNY"), serious.Fine);
        Assert.Equal("warning and exam", serious.Penalty);
        Assert.Contains("a more severe tier applies", outcomes[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_tier_is_triggered_when_the_rule_itself_does_not_hold()
    {
        var outcomes = PolicyRun.One(Policy, new EventScript("shop").Placed("o1", "2026-05-01T00:00:00Z"), "2026-06-01T00:00:00Z")
            .Outcomes.Where(o => o.Rule == "severity");

        Assert.All(outcomes, o => Assert.False(o.Triggered));
    }

    private const string CountAndRate = PolicyRun.Header + """
        metrics:
          - id: case_rate
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: has_case, op: eq, value: true }
            standard: { direction: lower_is_better, threshold: 0.2, threshold_inclusive: true, target: 0.1, min_sample: 10, breach_min_count: 3 }
          - id: cased_orders
            kind: count
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: has_case, op: eq, value: true }
        rules:
          - id: violation
            outcome: violation
            when:
              all:
                - { metric: cased_orders, op: ge, value: 3 }
                - { metric: case_rate, op: ge, value: 0.2 }
        """;

    [Theory]
    // 10 orders with 2 cases: 20 % ≥ 20 %, but 2 < 3 counted → at risk, no violation.
    [InlineData(10, 2, MetricStatus.AtRisk, false)]
    // 15 orders with 3 cases: 20 % and 3 counted → breach and violation.
    [InlineData(15, 3, MetricStatus.Breach, true)]
    // 20 orders with 3 cases: 15 % < 20 % → at risk (above the 10 % target), no violation despite the count.
    [InlineData(20, 3, MetricStatus.AtRisk, false)]
    public void A_count_and_rate_threshold_needs_both(int orders, int cases, MetricStatus status, bool violation)
    {
        var s = new EventScript("shop").PlacedMany("o", orders, "2026-05-10T00:00:00Z");
        for (var i = 1; i <= cases; i++) s.Case($"o-{i}", "2026-05-20T00:00:00Z");

        var result = PolicyRun.One(CountAndRate, s, "2026-06-01T00:00:00Z");

        Assert.Equal(status, result.Metric("case_rate")!.Status);
        Assert.Equal(violation, result.Outcomes.Single().Triggered);
    }
}
