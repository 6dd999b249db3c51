using Standing.Core.Metrics;

namespace Standing.Core.Tests.Metrics;

public sealed class WilsonIntervalTests
{
    // Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
    // methods", Statistics in Medicine 17, 857–872, Table I, method 3 (Wilson score, no continuity correction),
    // 95 %: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611; 1/29 → 0.0061–0.1718.
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void The_95_percent_interval_is_the_textbook_one(long x, long n, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(x, n, 0.95);
        Assert.Equal(low, l, 0.00005);
        Assert.Equal(high, h, 0.00005);
    }

    // The values textbooks print for the Wilson score interval at 95 % (z = 1.959964), each worked by hand from
    // centre = (p + z²/2n)/(1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n): 0/10 → [0, 0.2775]
    // (p = 0: centre = half-width = 0.1388, so the lower end is exactly 0); 1/10 → [0.0179, 0.4042];
    // 5/100 → [0.0215, 0.1118]; 50/100 → [0.4038, 0.5962] (symmetric about ½); and docs/foresight.md's
    // 1/20 → [0.0089, 0.2361] and 10/100 → [0.0552, 0.1744].
    [Theory]
    [InlineData(0, 10, 0.0000, 0.2775)]
    [InlineData(1, 10, 0.0179, 0.4042)]
    [InlineData(5, 100, 0.0215, 0.1118)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(1, 20, 0.0089, 0.2361)]
    [InlineData(10, 100, 0.0552, 0.1744)]
    public void The_95_percent_interval_matches_the_textbook_values_to_four_decimals(long x, long n, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(x, n, 0.95);
        Assert.Equal(low, Math.Round(l, 4));
        Assert.Equal(high, Math.Round(h, 4));
    }

    // The normal quantiles of the usual confidence levels as printed in any table: 1.6449, 1.9600, 2.5758.
    [Theory]
    [InlineData(0.95, 1.644854)]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.995, 2.575829)]
    public void The_normal_quantile_is_the_table_value(double p, double z) => Assert.Equal(z, WilsonInterval.NormalQuantile(p), 0.000001);

    // Worked by hand: rates 2/10, 0/10, 4/10, 2/10. μ = 8/40 = 0.2; the rates' sample variance is
    // (0 + 0.04 + 0.04 + 0) / 3 = 0.026667; chance alone explains μ(1−μ)·mean(1/n) = 0.16 × 0.1 = 0.016, so
    // τ² = 0.010667 and α + β = 0.16 / 0.010667 − 1 = 14: α = 0.2 × 14 = 2.8, β = 0.8 × 14 = 11.2.
    [Fact]
    public void The_beta_prior_is_fitted_by_the_method_of_moments()
    {
        var (alpha, beta) = Guards.FitPrior([(2, 10), (0, 10), (4, 10), (2, 10)]);
        Assert.Equal(2.8, alpha, 1e-9);
        Assert.Equal(11.2, beta, 1e-9);
    }
}
