using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Policies.Loading;
using Standing.Policies.Tests.Engine;
using Standing.Testing;

namespace Standing.Policies.Tests.Forecasting;

/// <summary>
/// A guarded rate's forecast judges as its evaluation does (docs/foresight.md): the value now, each day ahead
/// and the error budget go through the guard, so that the forecast never calls "in breach" what the evaluation
/// calls at risk. Every number is worked by hand below from the guard's formula and the forecast's rule.
/// </summary>
public sealed class GuardedForecastTests
{
    private const string AsOf = "2026-06-01T00:00:00Z";

    private static string Policy(string threshold, string guard) => PolicyRun.Header + $$"""
        metrics:
          - id: odr
            kind: rate
            subject: orders
            window: { rolling_days: 90 }
            attribute_by: placed_at
            numerator: { field: lowest_review_stars, op: le, value: 2 }
            standard: { direction: lower_is_better, threshold: {{threshold}}, threshold_inclusive: true, min_sample: 1, {{guard}} }
        """;

    /// <summary><paramref name="orders"/> orders placed 05-01 noon, the first <paramref name="bad"/> of them with a 1-star review.</summary>
    private static EventScript Seller(string name, int orders, int bad)
    {
        var s = new EventScript(name);
        for (var i = 1; i <= orders; i++) s.Placed($"o-{i}", "2026-05-01T12:00:00Z");
        for (var i = 1; i <= bad; i++) s.Review($"o-{i}", 1, "2026-05-03T12:00:00Z", $"r-{i}");
        return s;
    }

    private static MetricForecast Forecast(string yaml, IEnumerable<EventScript> sellers, string seller)
    {
        var policy = PolicyLoader.Load(yaml, "guarded.yaml");
        var asOf = EventScript.At(AsOf);
        var facts = FactFolder.Fold(sellers.SelectMany(s => s.Events), asOf);
        var evaluation = new PolicyEvaluator(policy).Evaluate(facts, asOf, only: seller).Sellers[0];
        return new SellerForecaster(policy).Forecast(facts.Single(f => f.Seller == seller), asOf, "odr", evaluation: evaluation).Metrics.Single();
    }

    // Wilson at z = 1.959964 (docs/foresight.md's formula): 1 of 20 is [0.00888, 0.2361], its lower end under 1 %:
    // at risk, not a breach, as explain says. 2 of 20 is [0.02787, 0.3010], wholly at or above 1 %: a breach.
    // So the budget is 0 because the next defect breaches, not "already in breach". Day k holds the 20 orders
    // and floor(20k/90) new good ones; the defect leaves on 07-31 (day 60: the window [05-02, 07-31) starts after
    // 05-01 noon). Day 1: 1/20 (floor(20/90) = 0), raw breach, guarded at risk; day 59: 1/(20 + 13) = 3.0 %, at
    // risk (its interval starts at 0.54 %); day 60: 0/13 (floor(20 × 60/90) = 13 new ones, the 20 have left), good.
    [Fact]
    public void A_wilson_guarded_forecast_is_at_risk_where_the_evaluation_is_and_its_budget_counts_to_the_confirmed_breach()
    {
        var f = Forecast(Policy("0.01", "guard: { method: wilson, confidence: 0.95 }"), [Seller("w", 20, 1)], "w");

        Assert.Equal(MetricStatus.AtRisk, f.Now.Status);
        Assert.Equal(0.00888, f.Now.Guard!.JudgedValue, 0.00001);
        Assert.Equal(0, f.Budget.Defects);
        Assert.Equal("1 more would breach (2/20 = 0.1)", f.Budget.Reason);
        Assert.Equal((1L, 20L, MetricStatus.AtRisk), (f.Days[0].Numerator, f.Days[0].Denominator, f.Days[0].Status));
        Assert.Equal((1L, 33L, MetricStatus.AtRisk), (f.Days[58].Numerator, f.Days[58].Denominator, f.Days[58].Status));
        Assert.Equal((0L, 13L, MetricStatus.Good), (f.Days[59].Numerator, f.Days[59].Denominator, f.Days[59].Status));
        Assert.Equal(new Recovery(RecoveryKind.Recovers, new LocalDate(2026, 7, 31), 60), f.Recovery);
    }

    // 0 of 20 is good; unguarded, 1 more (1/20 = 5 % ≥ 1 %) breaches: budget 0. Guarded, 1/20 is at risk (lower end
    // 0.888 %) and 2/20 a breach (2.787 %): budget 1.
    [Fact]
    public void The_wilson_guard_widens_the_error_budget_of_a_small_seller_by_what_it_spares()
    {
        var guarded = Forecast(Policy("0.01", "guard: { method: wilson, confidence: 0.95 }"), [Seller("w", 20, 0)], "w");
        var plain = Forecast(Policy("0.01", "guard: { method: wilson, confidence: 0.95 }").Replace(", guard: { method: wilson, confidence: 0.95 }", "", StringComparison.Ordinal), [Seller("w", 20, 0)], "w");

        Assert.Equal((MetricStatus.Good, 1L), (guarded.Now.Status, guarded.Budget.Defects!.Value));
        Assert.Equal((MetricStatus.Good, 0L), (plain.Now.Status, plain.Budget.Defects!.Value));
    }

    // Four sellers of 10 orders with 2, 0, 4 and 2 defects: the prior fitted on all of them by the method of moments
    // is α = 2.8, β = 11.2 (worked in WilsonIntervalTests). Threshold 30 %, inclusive.
    // "s3", 4/10 = 40 %: raw breach, posterior (4 + 2.8)/(10 + 14) = 28.33 % < 30 %: at risk. One more defect:
    // (5 + 2.8)/24 = 32.5 %: a breach, budget 0 with "1 more would breach".
    // "s1", 2/10 = 20 %: good; (2 + x + 2.8)/24 ≥ 0.3 ⇔ x ≥ 2.4, and x = 2 (4/10 = 40 %) is a raw breach the
    // posterior 28.33 % spares: budget 2 (unguarded it is 0: 3/10 = 30 % breaches).
    // Days ahead keep the prior of now ("the marketplace as it was"): s3's day 1 is 4/10 (floor(10/90) = 0), at risk.
    [Fact]
    public void A_beta_binomial_forecast_judges_on_the_prior_fitted_on_every_seller_now()
    {
        var yaml = Policy("0.3", "guard: { method: beta_binomial }");
        Shop[] all = [new("s1", 2), new("s2", 0), new("s3", 4), new("s4", 2)];
        var sellers = all.Select(s => Seller(s.Name, 10, s.Bad)).ToList();

        var s3 = Forecast(yaml, sellers, "s3");
        Assert.Equal(2.8, s3.Now.Guard!.PriorAlpha!.Value, 1e-9);
        Assert.Equal(11.2, s3.Now.Guard.PriorBeta!.Value, 1e-9);
        Assert.Equal(MetricStatus.AtRisk, s3.Now.Status);
        Assert.Equal((0L, "1 more would breach (5/10 = 0.5)"), (s3.Budget.Defects!.Value, s3.Budget.Reason));
        Assert.Equal((4L, 10L, MetricStatus.AtRisk), (s3.Days[0].Numerator, s3.Days[0].Denominator, s3.Days[0].Status));

        var s1 = Forecast(yaml, sellers, "s1");
        Assert.Equal((MetricStatus.Good, 2L), (s1.Now.Status, s1.Budget.Defects!.Value));
    }

    [Fact]
    public void Without_the_sellers_evaluation_a_beta_binomial_metric_says_it_has_no_forecast_rather_than_judging_raw()
    {
        var policy = PolicyLoader.Load(Policy("0.3", "guard: { method: beta_binomial }"), "guarded.yaml");
        var asOf = EventScript.At(AsOf);
        var facts = FactFolder.Fold(Seller("s3", 10, 4).Events, asOf).Single();

        var f = new SellerForecaster(policy).Forecast(facts, asOf, "odr").Metrics.Single();

        Assert.Contains("beta-binomial", f.NotForecast, StringComparison.Ordinal);
        Assert.Empty(f.Days);
    }

    private sealed record Shop(string Name, int Bad);
}
