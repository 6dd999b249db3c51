namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Congocrea (docs/standards/congocrea.md) through <c>standing evaluate --format json</c>, every number worked by hand.
/// Scenario congocrea.ndjson, as of 2026-04-01T00:00Z (the pack counts in UTC). Each of shop-w, shop-n and
/// shop-u has: o-old placed 2025-10-01 with a case (defective, before the 90-day window); o-before placed
/// 2025-12-31T23:59:59Z (one second before the window); o-start placed 2026-01-01T00:00Z (the inclusive
/// window start as-of − 90 days); o-d1 with a 2-star review sent twice with the same id and body; o-d2 with
/// a 5-star review, a case and a 1-star review; o-late whose 1-star review is posted at as-of (not yet
/// known); o-3star with a 3-star review; o-after placed at as-of with a case (not yet known); and filler
/// orders placed 2026-02-15.
/// </summary>
public sealed class CongocreaAcceptanceTests
{
    private const string AsOf = "2026-04-01T00:00:00Z";

    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("congocrea.ndjson", "congocrea", AsOf));

    // docs/standards/congocrea.md "ODR: share of orders that received a review of two stars or fewer OR had a case
    // opened ... An order with both counts once", "ODR < 1%", 90-day rolling window by order date.
    // shop-w: in window o-start, o-d1 (placed 2026-01-31), o-d2, o-late, o-3star + 195 fillers = 200 orders;
    // defective o-d1 (2 stars) and o-d2 (case + 1 star, once) = 2; o-late's review is at as-of, so unknown.
    // ODR = 2/200 = 1% — the standard requires < 1%, so exactly 1% is a breach.
    [Fact]
    public void Odr_at_exactly_one_percent_is_a_breach_counting_an_order_with_case_and_low_review_once()
    {
        Run.Value.AssertRate("shop-w", "odr", 2, 200, 0.01, "breach");
        var window = Run.Value.Metric("shop-w", "odr").GetProperty("window");
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), DateTimeOffset.Parse(window.GetProperty("start").GetString()!));
        Assert.Equal(DateTimeOffset.Parse(AsOf), DateTimeOffset.Parse(window.GetProperty("end").GetString()!));
    }

    // shop-u: the same plus one more filler: 2/201 = 0.995% < 1%, not a breach, and no warning even though
    // the two count guards hold (condition 1 "ODR ≥ 1%" fails).
    [Fact]
    public void Odr_just_under_one_percent_is_no_breach_and_no_warning()
    {
        Assert.NotEqual("breach", Run.Value.Status("shop-u", "odr"));
        Assert.Equal(2.0 / 201, Run.Value.Value("shop-u", "odr"), 1e-9);
        Assert.False(Run.Value.Triggered("shop-u", "warning"));
    }

    // docs/standards/congocrea.md: automatic warning when all three hold: ODR ≥ 1% (2/200), ≥ 3 defective orders since the first sale
    // (o-old, o-d1, o-d2 = 3), ≥ 2 defective orders placed in rolling 60 days [2026-01-31T00:00Z, as-of)
    // (o-d1 placed exactly at the window start, o-d2 = 2).
    [Fact]
    public void Warning_fires_when_all_three_conditions_hold_at_their_boundaries()
    {
        Assert.Equal(3, Run.Value.Value("shop-w", "defective_orders_lifetime"));
        Assert.Equal(2, Run.Value.Value("shop-w", "defective_orders_60d"));
        Assert.True(Run.Value.Triggered("shop-w", "warning"));
    }

    // shop-n: o-d1 placed 2026-01-30T23:59:59Z, one second before the 60-day window: ODR still 2/200
    // (inside 90 days) and lifetime still 3, but only o-d2 is within 60 days → condition 3 fails, no warning.
    [Fact]
    public void Warning_needs_two_defective_orders_within_sixty_days()
    {
        Run.Value.AssertRate("shop-n", "odr", 2, 200, 0.01, "breach");
        Assert.Equal(3, Run.Value.Value("shop-n", "defective_orders_lifetime"));
        Assert.Equal(1, Run.Value.Value("shop-n", "defective_orders_60d"));
        Assert.False(Run.Value.Triggered("shop-n", "warning"));
    }

    // congocrea-reviews.ndjson, shop-r, 6 orders placed 2026-03-01: o-0 reviewed 4 stars then updated to 1
    // (a review of two stars or fewer now), o-1 reviewed 1 star then updated to 5 (no longer), o-2 reviewed 2
    // stars then removed (no review left), o-3 had a case opened (later withdrawn — the case was still
    // opened), o-4 and o-5 plain. ODR = 2/6; o-old (placed 2025-11-01, outside 90 days) had a case opened in
    // March: lifetime 3 (o-old, o-0, o-3), 60 days 2 → warning.
    [Fact]
    public void Updated_and_removed_reviews_count_with_their_current_stars_and_a_withdrawn_case_still_counts()
    {
        var run = AcceptanceRun.Evaluate("congocrea-reviews.ndjson", "congocrea", AsOf);
        run.AssertRate("shop-r", "odr", 2, 6, 2.0 / 6, "breach");
        Assert.Equal(3, run.Value("shop-r", "defective_orders_lifetime"));
        Assert.True(run.Triggered("shop-r", "warning"));
    }
}
