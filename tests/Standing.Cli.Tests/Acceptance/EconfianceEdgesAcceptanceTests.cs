namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// E-confiance at the edges of its window (STANDARDS.md §3), through <c>standing evaluate --format json</c>, worked by
/// hand. Scenario econfiance-edges.ndjson, seller e-edge, as of the date 2026-04-01 = 2026-04-01T00:00+02:00
/// (Europe/Paris): rolling 365 days is [2025-04-01T00:00+02:00, 2026-04-01T00:00+02:00), half-open.
/// </summary>
public sealed class EconfianceEdgesAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("econfiance-edges.ndjson", "econfiance", "2026-04-01"));

    // Worked by hand from STANDARDS.md §3, "claim rate: complaint.filed, any kind / delivered orders" and "delivery-delay
    // disputes: complaint.filed kind delivery_delay / delivered orders", each side on its own date:
    // delivered in the window: o0–o9 (2026-01-12), o-first delivered at the window's first instant (in), o-last set
    // DELIVERED by status at 2026-03-31T23:59:59+02:00 with no carrier scan (in) = 12; o-after delivered at as-of (out),
    // o-before cancelled, never delivered. Complaints: k-before one second before the window (out), k-first (product) at
    // its first instant (in), k-last (delivery_delay) at 21:59:59Z = 23:59:59+02:00 (in), k-asof at 22:00Z = as-of (out).
    // Claims 2/12 = 16.7% ≥ 10% → breach; delay 1/12 = 8.3%: under 10%, over the 2% target → at risk.
    [Fact]
    public void Complaints_and_deliveries_count_from_the_windows_first_instant_up_to_but_not_at_the_as_of()
    {
        Run.Value.AssertRate("e-edge", "claim_rate", 2, 12, 2.0 / 12, "breach");
        Run.Value.AssertRate("e-edge", "delivery_delay_dispute_rate", 1, 12, 1.0 / 12, "at_risk");
    }

    // §3 "spontaneous refund rate: refund.spontaneous / orders placed": placed in the window o0–o9, o-first (placed at
    // the first instant), o-last and o-after (both placed 03-30; o-after's delivery at as-of does not matter here) = 13;
    // o-before placed one second before the window. Refunds: rf-last one second before as-of (in), rf-asof at as-of (out).
    // 1/13 = 7.7%: under 15%, over the 3% target → at risk.
    [Fact]
    public void Spontaneous_refunds_over_orders_placed_stop_just_before_the_as_of()
    {
        Run.Value.AssertRate("e-edge", "spontaneous_refund_rate", 1, 13, 1.0 / 13, "at_risk");
    }

    // §3 "an unanswered dispute younger than 48 h at as-of is pending": answers after as-of are not known at as-of.
    // c0–c9 opened 03-01 10:00+01:00, answered 03-03 09:00 (47 h) → within. c-young opened 2026-03-30T01:00+02:00, 47 h
    // old at as-of, its answer (04-01 01:00) after as-of → pending, left out. c-old opened 03-29T23:00+02:00 (after the
    // 29 March DST change: 49 h old at as-of), answered only after as-of → its 48 h passed unanswered → late.
    // 10/11 = 90.9% ≥ 90% target → good, 1 pending.
    [Fact]
    public void An_answer_after_the_as_of_leaves_a_young_dispute_pending_and_an_old_one_late()
    {
        Run.Value.AssertRate("e-edge", "dispute_response_48h_rate", 10, 11, 10.0 / 11, "good");
        Assert.Equal(1, Run.Value.Metric("e-edge", "dispute_response_48h_rate").GetProperty("pending").GetInt64());
    }

    // §3 Default scoring, every component with ≥ 10 items: claims 16.7% ≥ 10% → 0 points; refunds 100·(1 − (1/13)/0.15)
    // = 100·19/39 = 48.718; delays 100·(1 − (1/12)/0.10) = 100/6 = 16.667; answers 100·(10/11 − 0.5)/0.5 = 100·9/11 =
    // 81.818. Equal weights: (0 + 48.718 + 16.667 + 81.818)/4 = 126300/3432 = 36.8007 < 80 → no badge.
    [Fact]
    public void A_component_past_its_worst_anchor_scores_zero_and_the_index_stays_under_the_badge()
    {
        Assert.Equal(126300.0 / 3432, Run.Value.Value("e-edge", "trust_index"), 1e-6);
        Assert.False(Run.Value.Triggered("e-edge", "trust_badge"));
    }
}
