namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Kuaishou read to the letter of STANDARDS.md §4, through <c>standing evaluate --format json</c> on
/// kuaishou-letter.ndjson; every figure worked out by hand in the comments.
/// </summary>
public sealed class KuaishouLetterAcceptanceTests
{
    private const string File = "kuaishou-letter.ndjson";

    // k-ship, as of 2026-06-10 00:00 +08:00 (last 30 days by ship-by: [05-11, 06-10)): 20 orders placed 05-30 with
    // ship-by 06-01 10:00. ks-1..17 shipped 05-31 (on time); ks-18 shipped 06-01 11:00 (late); ks-19 never shipped
    // (late); ks-20 never shipped, refund requested 05-31 before its ship-by (left out). 17 / 19 = 89.4737 %, which
    // the standard's "≤ 89.47 %" (two decimals of a percent) reaches: breach.
    [Fact]
    public void Seventeen_in_nineteen_reaches_the_on_time_shipping_threshold()
    {
        var run = AcceptanceRun.Evaluate(File, "kuaishou", "2026-06-10T00:00:00+08:00");

        run.AssertRate("k-ship", "on_time_shipping_rate", 17, 19, 17.0 / 19, "breach");
    }

    // "Behaviour before a rule's effective or revision date is judged by the rule then in force". One refund-only
    // request each, first action 13 h later (≥ 12 h, the 2022-10-05 rule; < 24 h, the rule before it).
    // k-sept handled 2022-09-15: as of 2022-10-05 (window [09-05, 10-05)) and 2022-10-15 (window [09-15, 10-15))
    // its behaviour predates the revision → the 24 h rule → no violation.
    // k-oct handled 2022-10-10: as of 2022-11-03 23:59 the window starts 10-04 23:59, before the revision → 24 h rule,
    // no violation; as of 2022-11-04 00:00 the window [10-05, 11-04) lies wholly under the 12 h rule → violation.
    [Theory]
    [InlineData("k-sept", "2022-10-05T00:00:00+08:00", false)]
    [InlineData("k-sept", "2022-10-15T00:00:00+08:00", false)]
    [InlineData("k-oct", "2022-11-03T23:59:00+08:00", false)]
    [InlineData("k-oct", "2022-11-04T00:00:00+08:00", true)]
    public void Refund_only_handling_is_judged_by_the_rule_in_force_when_it_happened(string seller, string asOf, bool violation)
    {
        var run = AcceptanceRun.Evaluate(File, "kuaishou", asOf);

        Assert.Equal(13, run.Value(seller, "refund_only_handling_hours"), 1e-9);
        Assert.Equal(violation, run.Triggered(seller, "violation_refund_only_handling_hours"));
    }
}
