using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// E-confiance (docs/standards/econfiance.md), worked by hand. As of 2026-06-01T00:00+02:00 (Paris) the rolling
/// 365-day window is [2025-06-01T00:00+02:00, 2026-06-01T00:00+02:00).
/// Points: claim rate and delay disputes 100 at 0 %, 0 at 10 %; refunds 100 at 0 %, 0 at 15 %;
/// answered within 48 h 100 at 100 %, 0 at 50 %; index = mean of the components with data.
/// </summary>
public sealed class EconfiancePackTests
{
    private const string AsOf = "2026-06-01T00:00:00+02:00";

    /// <summary>n orders placed from 2026-03-01 and delivered 2026-03-10.</summary>
    private static EventScript Merchant(int orders)
    {
        var s = new EventScript("m1").PlacedMany("o", orders, "2026-03-01T10:00:00+01:00");
        for (var i = 1; i <= orders; i++) s.Delivered($"o-{i}", "2026-03-10T10:00:00+01:00");
        return s;
    }

    private static void Dispute(EventScript s, string id, string opened, string? answered)
    {
        s.Add(EventType.CaseOpened, opened, e => e with { Case = id, Order = "o-1", Kind = "not_received" });
        if (answered is not null) s.Add(EventType.CaseResponded, answered, e => e with { Case = id });
    }

    /// <summary>Disputes opened 2026-04-01 10:00, answered after 1 h, on time.</summary>
    private static void OnTimeDisputes(EventScript s, int count, string prefix = "d")
    {
        for (var i = 1; i <= count; i++) Dispute(s, $"{prefix}{i}", "2026-04-01T10:00:00+02:00", "2026-04-01T11:00:00+02:00");
    }

    [Fact]
    public void Index_65_from_four_components_earns_no_badge()
    {
        // 20 delivered orders. One complaint, of kind delivery_delay: claim rate 1/20 = 5 % → 50 points;
        // delay disputes 1/20 = 5 % → 50 points. No spontaneous refund: 0/20 → 100 points.
        // Disputes: 7 answered after 1 h; d8 answered after exactly 48 h (inclusive: on time); d9 after 48 h 1 min (late);
        // d10 opened May 20, never answered (late); d11 opened May 31 12:00, unanswered and 12 h old (pending).
        // 8 on time / 10 = 80 % → (0.8 − 0.5) / 0.5 = 60 points.
        // Index = (50 + 100 + 50 + 60) / 4 = 65 < 80 → no badge.
        var s = Merchant(20).Complaint("k1", "o-3", "delivery_delay", "2026-03-20T10:00:00+01:00");
        OnTimeDisputes(s, 7);
        Dispute(s, "d8", "2026-04-02T10:00:00+02:00", "2026-04-04T10:00:00+02:00");
        Dispute(s, "d9", "2026-04-02T10:00:00+02:00", "2026-04-04T10:01:00+02:00");
        Dispute(s, "d10", "2026-05-20T10:00:00+02:00", null);
        Dispute(s, "d11", "2026-05-31T12:00:00+02:00", null);

        var r = PackEvaluation.Evaluate("econfiance", s.Events, AsOf);

        Assert.Equal(0.05, r.Metric("claim_rate")!.Value!.Value, 12);
        Assert.Equal(20, r.Metric("claim_rate")!.Denominator);
        Assert.Equal(0.0, r.Metric("spontaneous_refund_rate")!.Value!.Value, 12);
        Assert.Equal(0.05, r.Metric("delivery_delay_dispute_rate")!.Value!.Value, 12);
        var answered = r.Metric("dispute_response_48h_rate")!;
        Assert.Equal(8, answered.Numerator);
        Assert.Equal(10, answered.Denominator);
        Assert.Equal(1, answered.Pending);
        Assert.Equal(65, r.Metric("trust_index")!.Value!.Value, 9);
        Assert.False(r.Outcomes.Single(o => o.Id == "trust_badge").Triggered);
        Assert.Equal(EventScript.At("2025-06-01T00:00:00+02:00"), r.Metric("claim_rate")!.Window.Start);
    }

    [Fact]
    public void Index_91_67_earns_the_badge()
    {
        // 20 orders, no complaint (100, 100); one spontaneous refund: 1/20 = 5 % → 100 × (1 − 0.05/0.15) = 66.67;
        // 10 disputes all answered in 1 h → 100. Index = (100 + 66.667 + 100 + 100) / 4 = 91.667 ≥ 80 → badge.
        var s = Merchant(20).RefundSpontaneous("sr1", "o-2", "non_conforming", "2026-03-12T10:00:00+01:00");
        OnTimeDisputes(s, 10);

        var r = PackEvaluation.Evaluate("econfiance", s.Events, AsOf);

        Assert.Equal(0.05, r.Metric("spontaneous_refund_rate")!.Value!.Value, 12);
        Assert.Equal(1100.0 / 12, r.Metric("trust_index")!.Value!.Value, 6);
        Assert.True(r.Outcomes.Single(o => o.Id == "trust_badge").Triggered);
        Assert.True(r.Outcomes.Single(o => o.Id == "trust_badge").Award); // earned, not a sanction
    }

    [Fact]
    public void Index_of_exactly_80_earns_the_badge()
    {
        // 100 orders: 2 delivery_delay complaints → claim 2 % → 80 and delay 2 % → 80; 3 spontaneous refunds → 3 % → 80;
        // 10 disputes, 9 answered in 1 h, 1 never (late) → 90 % → 80. Index = 80 ≥ 80 → badge.
        var s = Merchant(100)
            .Complaint("k1", "o-1", "delivery_delay", "2026-03-20T10:00:00+01:00")
            .Complaint("k2", "o-2", "delivery_delay", "2026-03-20T10:00:00+01:00")
            .RefundSpontaneous("sr1", "o-3", "price_match", "2026-03-12T10:00:00+01:00")
            .RefundSpontaneous("sr2", "o-4", "other", "2026-03-12T10:00:00+01:00")
            .RefundSpontaneous("sr3", "o-5", "non_conforming", "2026-03-12T10:00:00+01:00");
        OnTimeDisputes(s, 9);
        Dispute(s, "late", "2026-04-01T10:00:00+02:00", null);

        var r = PackEvaluation.Evaluate("econfiance", s.Events, AsOf);

        Assert.Equal(80, r.Metric("trust_index")!.Value!.Value, 9);
        Assert.True(r.Outcomes.Single(o => o.Id == "trust_badge").Triggered);
    }

    [Fact]
    public void A_component_under_ten_items_is_left_out_and_no_component_means_no_index()
    {
        // 5 orders, no disputes: every component is under its minimum sample of 10 → no index, no badge.
        var r = PackEvaluation.Evaluate("econfiance", Merchant(5).Events, AsOf);

        Assert.Equal(MetricStatus.InsufficientData, r.Metric("claim_rate")!.Status);
        Assert.Null(r.Metric("trust_index")!.Value);
        Assert.Equal(MetricStatus.InsufficientData, r.Metric("trust_index")!.Status);
        Assert.False(r.Outcomes.Single().Triggered);
    }

    [Fact]
    public void With_only_the_dispute_component_the_index_is_that_component()
    {
        // 5 orders (three ratios left out), 10 disputes: 6 answered in 1 h, 4 never → 60 % → 20 points. Index = 20.
        var s = Merchant(5);
        OnTimeDisputes(s, 6);
        for (var i = 1; i <= 4; i++) Dispute(s, $"x{i}", "2026-04-01T10:00:00+02:00", null);

        var r = PackEvaluation.Evaluate("econfiance", s.Events, AsOf);

        Assert.Equal(20, r.Metric("trust_index")!.Value!.Value, 9);
        Assert.Equal(MetricStatus.Breach, r.Metric("trust_index")!.Status);
    }
}
