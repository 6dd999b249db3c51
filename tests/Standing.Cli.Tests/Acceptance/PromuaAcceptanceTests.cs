namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Prom.ua (docs/standards/promua.md) through <c>standing evaluate --format json</c>, worked by hand. Scenario
/// promua.ndjson (Europe/Kyiv), as of 2026-04-01T00:00+03:00; every order placed 2026-03-20 and reviewed
/// 2026-03-25, so each review counts in the 30-, 90- and 365-day windows. c-00…c-19: 20 reviews each, one of
/// 1 star; c-bad: 20 reviews, 15 of 2 stars; c-small: 19 reviews, all 1 star.
/// </summary>
public sealed class PromuaAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("promua.ndjson", "promua", "2026-04-01T00:00:00+03:00"));

    // "negative-review rate (reviews of ≤ 2 stars / all reviews) ... significantly worse when its rate is
    // both in the worst 5% of companies with enough data and statistically above the catalog-wide rate
    // (one-sided binomial test, α = 0.01, minimum 20 reviews)". Catalog rate (20·1 + 15 + 19)/(400 + 20 + 19)
    // = 54/439 = 12.3%. c-bad: 15/20 = 75%, the worst of the 21 ranked companies (1/21 = 4.8% ≤ 5%), and
    // P(X ≥ 15 | n = 20, p = 0.123) is about 2·10⁻¹⁰ < 0.01 → breach → catalog exclusion.
    [Fact]
    public void A_significantly_worse_company_is_excluded()
    {
        Run.Value.AssertRate("c-bad", "negative_review_rate_30d", 15, 20, 0.75, "breach");
        Assert.True(Run.Value.Triggered("c-bad", "catalog_exclusion"));
    }

    // c-07: 1/20 = 5%, below the catalog rate (P(X ≥ 1) ≈ 0.93): not excluded.
    [Fact]
    public void An_ordinary_company_is_not_excluded()
    {
        Run.Value.AssertRate("c-07", "negative_review_rate_30d", 1, 20, 0.05, "good");
        Assert.False(Run.Value.Triggered("c-07", "catalog_exclusion"));
    }

    // c-small: 19/19 negative, but under the minimum of 20 reviews → insufficient data, not excluded.
    [Fact]
    public void A_company_under_the_minimum_sample_is_not_ranked()
    {
        Assert.Equal("insufficient_data", Run.Value.Status("c-small", "negative_review_rate_30d"));
        Assert.False(Run.Value.Triggered("c-small", "catalog_exclusion"));
    }
}
