using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Engine;

/// <summary>
/// Peer standards: worst share among sellers with enough data AND a one-sided binomial test against
/// the catalog-wide rate. p-values are the binomial tail Σ_{j≥k} C(n,j) p^j (1−p)^(n−j), summed
/// independently of the code under test (exact fractions) and quoted in each test.
/// </summary>
public sealed class PeerComparisonTests
{
    private const string Policy = PolicyRun.Header + """
        metrics:
          - id: negative_rate
            kind: rate
            subject: reviews
            window: lifetime
            attribute_by: posted_at
            numerator: { field: stars, op: le, value: 2 }
            standard:
              direction: lower_is_better
              peer: { worst_share: 0.05, alpha: 0.01, min_sample: 20 }
        rules:
          - id: exclusion
            outcome: exclusion
            when: { metric: negative_rate, status: breach }
        """;

    private static IEnumerable<StandingEvent> Seller(string id, int reviews, int negative)
    {
        var s = new EventScript(id);
        for (var i = 0; i < reviews; i++) s.Review($"{id}-o{i}", i < negative ? 1 : 5, "2026-05-01T10:00:00Z", $"{id}-r{i}");
        return s.Events;
    }

    private static IEnumerable<StandingEvent> NineteenTypicalSellers() =>
        Enumerable.Range(1, 19).SelectMany(i => Seller($"s{i:00}", 20, 1));

    [Fact]
    public void The_worst_seller_significantly_above_the_catalog_rate_is_in_breach()
    {
        // s01..s19: 1 negative of 20 (5 %); s20: 10 of 20 (50 %); s21: 2 of 10 (too few to rank, but in the catalog).
        // Catalog rate = (19 + 10 + 2) / (380 + 20 + 10) = 31/410.
        // s20: 0 of the 20 ranked sellers are worse → percentile 1, among the worst 5 % (0 < 0.05 × 20);
        //      p = P(X ≥ 10 | n = 20, p = 31/410) ≈ 5.546e-7 < 0.01 → breach.
        // s01: 1 seller worse → percentile 1 − 1/20 = 0.95, not among the worst (1 ≮ 1);
        //      p = P(X ≥ 1) = 1 − (379/410)^20 ≈ 0.7925 → good.
        var events = NineteenTypicalSellers().Concat(Seller("s20", 20, 10)).Concat(Seller("s21", 10, 2));

        var sellers = PolicyRun.Evaluate(Policy, events, "2026-06-01T00:00:00Z").Sellers.ToDictionary(s => s.Seller);

        var worst = sellers["s20"].Metric("negative_rate")!;
        Assert.Equal(MetricStatus.Breach, worst.Status);
        Assert.Equal(1.0, worst.Percentile!.Value, 12);
        Assert.Equal(31.0 / 410, worst.PeerRate!.Value, 12);
        Assert.Equal(5.546461275648127e-07, worst.PValue!.Value, 1e-12);
        Assert.True(sellers["s20"].Outcomes.Single().Triggered);

        var typical = sellers["s01"].Metric("negative_rate")!;
        Assert.Equal(MetricStatus.Good, typical.Status);
        Assert.Equal(0.95, typical.Percentile!.Value, 12);
        Assert.Equal(0.7924574898951006, typical.PValue!.Value, 1e-9);

        var small = sellers["s21"].Metric("negative_rate")!;
        Assert.Equal(MetricStatus.InsufficientData, small.Status);
        Assert.Null(small.Percentile);
    }

    [Fact]
    public void The_worst_seller_that_is_not_significantly_worse_is_only_at_risk()
    {
        // s01..s19: 1 of 20; s20: 3 of 20. Catalog rate = 22/400 = 0.055.
        // s20 is the worst (among the worst 5 %), but p = P(X ≥ 3 | 20, 0.055) ≈ 0.0943 ≥ 0.01 → at risk, no exclusion.
        var events = NineteenTypicalSellers().Concat(Seller("s20", 20, 3));

        var s20 = PolicyRun.Evaluate(Policy, events, "2026-06-01T00:00:00Z").Sellers.Single(s => s.Seller == "s20");

        var m = s20.Metric("negative_rate")!;
        Assert.Equal(MetricStatus.AtRisk, m.Status);
        Assert.Equal(0.055, m.PeerRate!.Value, 12);
        Assert.Equal(0.09432052942277647, m.PValue!.Value, 1e-9);
        Assert.False(s20.Outcomes.Single().Triggered);
    }

    [Fact]
    public void Evaluating_one_seller_still_compares_it_with_all_the_others()
    {
        var events = NineteenTypicalSellers().Concat(Seller("s20", 20, 10)).ToList();
        var at = EventScript.At("2026-06-01T00:00:00Z");
        var evaluator = new Core.Evaluation.PolicyEvaluator(Standing.Policies.Loading.PolicyLoader.Load(Policy, "case.yaml"));

        var only = evaluator.Evaluate(Core.Facts.FactFolder.Fold(events, at), at, only: "s20");

        var seller = Assert.Single(only.Sellers);
        Assert.Equal("s20", seller.Seller);
        Assert.Equal(MetricStatus.Breach, seller.Metric("negative_rate")!.Status);
    }

    [Fact]
    public void Batches_judged_against_the_pool_of_all_sellers_get_the_figures_of_one_evaluation_of_all()
    {
        // The scenario of the first test: s20 in breach with p ≈ 5.546e-7 against 31/410, worked out there.
        var events = NineteenTypicalSellers().Concat(Seller("s20", 20, 10)).Concat(Seller("s21", 10, 2)).ToList();
        var at = EventScript.At("2026-06-01T00:00:00Z");
        var evaluator = new Core.Evaluation.PolicyEvaluator(Standing.Policies.Loading.PolicyLoader.Load(Policy, "case.yaml"));
        var facts = Core.Facts.FactFolder.Fold(events, at);
        var batches = facts.Chunk(4).ToList();

        var pool = evaluator.JudgePeers(batches, at);
        var batched = batches.SelectMany(b => evaluator.Evaluate(b, at, pool).Sellers).ToList();
        var whole = evaluator.Evaluate(facts, at).Sellers;

        Assert.Equal(21, pool.Count);
        Assert.Equal(whole.Select(Figures), batched.Select(Figures));
        var worst = batched.Single(s => s.Seller == "s20").Metric("negative_rate")!;
        Assert.Equal(MetricStatus.Breach, worst.Status);
        Assert.Equal(5.546461275648127e-07, worst.PValue!.Value, 1e-12);
        // Alone, s20's batch (s17..s20) would put the catalog rate at (3 + 10) / 80 and judge otherwise.
        Assert.NotEqual(31.0 / 410, evaluator.Evaluate(batches.Single(b => b.Any(f => f.Seller == "s20")), at).Sellers.Single(s => s.Seller == "s20").Metric("negative_rate")!.PeerRate);
        // Explained, the pool's judgment is kept and the items are listed.
        var explained = Assert.Single(evaluator.Evaluate(batches.Single(b => b.Any(f => f.Seller == "s20")), at, pool, explain: true, only: "s20").Sellers);
        Assert.Equal(Figures(whole.Single(s => s.Seller == "s20")), Figures(explained));

        static string Figures(Core.Evaluation.SellerEvaluation s) =>
            string.Join(";", s.Metrics.Select(m => $"{s.Seller} {m.Value} {m.Numerator}/{m.Denominator} {m.Status} {m.Percentile} {m.PValue} {m.PeerRate}"))
            + string.Join(";", s.Outcomes.Select(o => $"{o.Id} {o.Triggered}"));
    }

    [Theory]
    [InlineData(2, 2, 0.5, 0.25)]
    [InlineData(1, 3, 0.5, 0.875)] // 1 − 0.5³
    [InlineData(3, 10, 0.1, 0.0701908264)] // 1 − (0.9¹⁰ + 10·0.1·0.9⁹ + 45·0.01·0.9⁸)
    [InlineData(0, 10, 0.3, 1.0)]
    [InlineData(11, 10, 0.3, 0.0)]
    [InlineData(1, 10, 0.0, 0.0)]
    public void The_binomial_upper_tail_matches_the_hand_sums(long k, long n, double p, double expected) =>
        Assert.Equal(expected, BinomialTest.UpperTail(k, n, p), 9);

    [Fact]
    public void The_lower_tail_is_the_upper_tail_of_the_failures() =>
        Assert.Equal(0.125, BinomialTest.LowerTail(0, 3, 0.5), 12); // P(X ≤ 0) = 0.5³
}
