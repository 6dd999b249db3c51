using Standing.Core.Metrics;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Policies.Tests.Engine;

/// <summary>Statistical guards in a standard: a breach the guard does not confirm is at risk, and the rule tested on the guard's value.</summary>
public sealed class GuardTests
{
    private static string Policy(string guard) => PolicyRun.Header + $$"""
        metrics:
          - id: odr
            kind: rate
            subject: orders
            window: { rolling_days: 90 }
            attribute_by: placed_at
            numerator: { field: lowest_review_stars, op: le, value: 2 }
            standard: { direction: lower_is_better, threshold: 0.01, threshold_inclusive: true, {{guard}} }
        rules:
          - id: warning
            outcome: warning
            when: { metric: odr, op: ge, value: 0.01 }
        """;

    private static EventScript Seller(string name, int orders, int bad)
    {
        var s = new EventScript(name).PlacedMany("o", orders, "2026-03-01T00:00:00Z");
        for (var i = 1; i <= bad; i++) s.Review($"o-{i}", 1, "2026-03-20T00:00:00Z", $"r-{i}");
        return s;
    }

    // Worked by hand with the Wilson formula at z = 1.95996: 1 bad order of 20 is 5 % raw (a breach of the 1 %
    // threshold), but its interval [0.0089, 0.2361] reaches below 1 %: at risk, no warning. 10 of 100 is 10 %
    // with the interval [0.0552, 0.1744], wholly past 1 %: a breach and a warning.
    [Fact]
    public void Wilson_spares_a_small_sample_and_confirms_a_large_one()
    {
        var yaml = Policy("guard: { method: wilson, confidence: 0.95 }");
        var small = PolicyRun.One(yaml, Seller("small", 20, 1), "2026-04-01T00:00:00Z");
        var odr = small.Metric("odr")!;
        Assert.Equal(0.05, odr.Value!.Value, 1e-12);
        Assert.Equal(MetricStatus.AtRisk, odr.Status);
        Assert.Equal(MetricStatus.Breach, odr.Guard!.RawStatus);
        Assert.True(odr.GuardChangedVerdict);
        Assert.Equal(0.0089, odr.Guard.Low!.Value, 0.00005);
        Assert.Equal(0.2361, odr.Guard.High!.Value, 0.00005);
        Assert.False(Assert.Single(small.Outcomes).Triggered);
        Assert.Contains("guarded", small.Outcomes[0].Reason, StringComparison.Ordinal);

        var large = PolicyRun.One(yaml, Seller("large", 100, 10), "2026-04-01T00:00:00Z");
        var confirmed = large.Metric("odr")!;
        Assert.Equal(MetricStatus.Breach, confirmed.Status);
        Assert.False(confirmed.GuardChangedVerdict);
        Assert.Equal(0.0552, confirmed.Guard!.Low!.Value, 0.00005);
        Assert.True(Assert.Single(large.Outcomes).Triggered);
    }

    // Without a guard the same small seller is a breach with a warning: the guard is off unless asked for.
    [Fact]
    public void Without_a_guard_the_raw_value_judges()
    {
        var small = PolicyRun.One(Policy("min_sample: 1"), Seller("small", 20, 1), "2026-04-01T00:00:00Z");
        Assert.Equal(MetricStatus.Breach, small.Metric("odr")!.Status);
        Assert.Null(small.Metric("odr")!.Guard);
        Assert.True(Assert.Single(small.Outcomes).Triggered);
    }

    // Two sellers: 1 bad of 20 and 0 of 80. μ = 1/100; rates 0.05 and 0, sample variance 0.00125; chance explains
    // 0.01 × 0.99 × (1/20 + 1/80)/2 = 0.000309, τ² = 0.000941, α + β = 0.0099/0.000941 − 1 = 9.52: α = 0.0952,
    // β = 9.43. The small seller's posterior (1 + 0.0952) / (20 + 9.52) = 3.71 % is still past 1 %: a breach.
    [Fact]
    public void Beta_binomial_judges_the_posterior_mean_of_a_prior_fitted_on_every_seller()
    {
        var yaml = Policy("guard: { method: beta_binomial }");
        var evaluation = PolicyRun.Evaluate(yaml, Seller("a-small", 20, 1).Events.Concat(Seller("b-clean", 80, 0).Events), "2026-04-01T00:00:00Z");
        var odr = evaluation.Sellers[0].Metric("odr")!;
        Assert.Equal(0.0952, odr.Guard!.PriorAlpha!.Value, 0.0005);
        Assert.Equal(9.43, odr.Guard.PriorBeta!.Value, 0.005);
        Assert.Equal(0.0371, odr.Guard.JudgedValue, 0.0005);
        Assert.Equal(MetricStatus.Breach, odr.Status);
    }

    [Fact]
    public void Every_mistake_in_a_guard_is_listed_with_its_position()
    {
        var yaml = PolicyRun.Header + """
            metrics:
              - id: a
                kind: rate
                subject: orders
                window: { rolling_days: 90 }
                attribute_by: placed_at
                numerator: { field: lowest_review_stars, op: le, value: 2 }
                standard: { direction: lower_is_better, threshold: 0.01, guard: { method: bayes } }
              - id: b
                kind: rate
                subject: orders
                window: { rolling_days: 90 }
                attribute_by: placed_at
                numerator: { field: lowest_review_stars, op: le, value: 2 }
                standard: { direction: lower_is_better, threshold: 0.01, guard: { method: wilson, confidence: 1.5 } }
              - id: c
                kind: rate
                subject: orders
                window: { rolling_days: 90 }
                attribute_by: placed_at
                numerator: { field: lowest_review_stars, op: le, value: 2 }
                standard: { direction: lower_is_better, threshold: 0.01, guard: { method: beta_binomial, confidence: 0.9 } }
              - id: d
                kind: count
                subject: orders
                window: { rolling_days: 90 }
                attribute_by: placed_at
                numerator: { field: lowest_review_stars, op: le, value: 2 }
                standard: { direction: lower_is_better, threshold: 3, guard: { method: wilson } }
            """;
        var errors = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "guard.yaml")).Errors.Select(e => e.ToString()).ToList();
        void Has(string text) => Assert.Contains(errors, e => e.StartsWith(text, StringComparison.Ordinal));
        Has("guard.yaml:12:79: the method of the guard of metric \"a\" must be wilson or beta_binomial, not \"bayes\"");
        Has("guard.yaml:19:99: the confidence of the guard of metric \"b\" must be above 0.5 and below 1");
        Has("guard.yaml:26:106: \"confidence\" does not go with beta_binomial");
        Has("guard.yaml:33:66: a guard needs a rate");
    }
}
