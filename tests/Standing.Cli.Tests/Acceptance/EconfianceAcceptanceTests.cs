namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// E-confiance trust index (docs/standards/econfiance.md) through <c>standing evaluate --format json</c>, worked by hand.
/// Scenario econfiance.ndjson, as of 2026-04-01T00:00+02:00 (Europe/Paris): rolling 365 days is
/// [2025-04-01T00:00+02:00, as-of). Scoring per the Default: claim 0% → 100, ≥ 10% → 0; refund 0% → 100,
/// ≥ 15% → 0; delay 0% → 100, ≥ 10% → 0; answered within 48 h 100% → 100, ≤ 50% → 0; equal weights;
/// badge at index ≥ 80.
/// </summary>
public sealed class EconfianceAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("econfiance.ndjson", "econfiance", "2026-04-01T00:00:00+02:00"));

    // m-a: 20 orders placed 2026-01-10 and delivered 2026-01-15, plus o-edge placed 2025-03-31T23:30+02:00
    // (before the window) but delivered exactly at the window start → delivered orders 21, placed 20.
    // Complaints in window: k1 delivery_delay, k2 product; k0 filed one second before the window.
    // "claim rate: complaint.filed, any kind / delivered orders" = 2/21;
    // "delivery-delay disputes: complaint.filed kind delivery_delay / delivered orders" = 1/21;
    // "spontaneous refund rate: refund.spontaneous / orders placed" = 1/20 (the refund.requested is not one).
    [Fact]
    public void Claim_delay_and_spontaneous_refund_rates_use_their_own_denominators()
    {
        Run.Value.AssertRate("m-a", "claim_rate", 2, 21, 2.0 / 21, "at_risk");
        Run.Value.AssertRate("m-a", "delivery_delay_dispute_rate", 1, 21, 1.0 / 21, "at_risk");
        Run.Value.AssertRate("m-a", "spontaneous_refund_rate", 1, 20, 0.05, "at_risk");
    }

    // "share of disputes (case.opened) whose first seller answer (case.responded) came no more than 48 hours
    // after the dispute opened (inclusive); an unanswered dispute younger than 48 h at as-of is pending".
    // m-a: c1–c8 answered after 24 h; c9 after exactly 48 h (inclusive); c13 opened 2026-03-28T10:00+01:00,
    // answered 2026-03-30T11:00+02:00 — 48 elapsed hours across the DST change → within; c10 after 48 h 1 s
    // → late; c12 opened 03-20, never answered → late; c11 opened 2026-03-30T12:00+02:00, 36 h old → pending.
    // 10 within / 12 = 83.3%.
    [Fact]
    public void Dispute_answers_within_48_hours_inclusive_with_pending_left_out()
    {
        Run.Value.AssertRate("m-a", "dispute_response_48h_rate", 10, 12, 10.0 / 12, "at_risk");
    }

    // m-a index: claim 100·(1 − 0.095238/0.10) = 4.7619; refund 100·(1 − 0.05/0.15) = 66.6667;
    // delay 100·(1 − 0.047619/0.10) = 52.3810; answers 100·(0.83333 − 0.5)/0.5 = 66.6667.
    // Mean = 190.4762/4 = 47.619 < 80 → no badge.
    [Fact]
    public void Trust_index_is_the_equal_weighted_mean_of_the_linear_components()
    {
        Assert.Equal(1000.0 / 21, Run.Value.Value("m-a", "trust_index"), 1e-6);
        Assert.False(Run.Value.Triggered("m-a", "trust_badge"));
    }

    // m-b: 10 delivered orders, no complaint or refund → 100, 100, 100; 10 disputes, 6 answered the next day:
    // 60% → 100·(0.6 − 0.5)/0.5 = 20. Index (100 + 100 + 100 + 20)/4 = 80 → badge at exactly 80 ("≥ 80").
    [Fact]
    public void Badge_is_earned_at_an_index_of_exactly_80()
    {
        Assert.Equal(80, Run.Value.Value("m-b", "trust_index"), 1e-9);
        Assert.True(Run.Value.Triggered("m-b", "trust_badge"));
    }

    // m-c: 9 delivered orders and one delay complaint (11%): every component is under the default minimum of
    // 10 and there are no disputes → the index is insufficient data and no badge is earned.
    [Fact]
    public void Too_few_orders_give_no_index_and_no_badge()
    {
        Assert.Equal("insufficient_data", Run.Value.Status("m-c", "claim_rate"));
        Assert.Equal("insufficient_data", Run.Value.Status("m-c", "trust_index"));
        Assert.False(Run.Value.Triggered("m-c", "trust_badge"));
    }
}
