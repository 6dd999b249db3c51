using System.Globalization;
using System.Text;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Policies;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// Prom.ua judges each seller against every seller (the peer pool). After new events the pool is advanced from
/// the last one (the sellers with new events measured again, every one judged again); each seller's evaluation
/// must equal one read through a new access, which pools every seller afresh. Worked out from promua's
/// negative_review_rate_30d (reviews of 2 stars or fewer over reviews; among the worst when fewer than 5 % of the
/// ranked sellers are strictly worse; breach when also significantly above the catalog's rate, one-sided binomial
/// test at 1 %): 21 sellers p-00 … p-20, each with 24 reviews on 2026-03-10, p-NN with NN of 1 star. The catalog
/// rate is 210 / 504 = 0.417; fewer than 1.05 strictly worse: p-20 (20/24) and p-19 (19/24), both significantly
/// above it, breach; p-03 (3/24) good. Then p-03 gets 200 more 1-star reviews (203/224 = 0.906, the worst) and a
/// new seller p-21 24 good ones: 22 ranked, fewer than 1.1 strictly worse: p-03 and p-20, both still significant
/// against the catalog's 410 / 728 = 0.563 (p-20: P(X ≥ 20 | 24, 0.563) = 0.005), breach; p-19, which got no event,
/// is no longer among the worst and not significant (P(X ≥ 19) = 0.018): good.
/// </summary>
public sealed class PeerPoolAdvanceTests : IClassFixture<SqliteTarget>
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 4, 1, 0, 0);
    private readonly SqliteTarget _stores;

    public PeerPoolAdvanceTests(SqliteTarget stores) => _stores = stores;

    private static string Reviews(string seller, int from, int count, int oneStar)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var stars = i < oneStar ? 1 : 5;
            var at = Instant.FromUtc(2026, 3, 10, 0, 0) + Duration.FromMinutes(from + i);
            lines.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{seller}}-r{{from + i}}","type":"review.posted","at":"{{at}}","seller":"{{seller}}","review":"{{seller}}-rv{{from + i}}","stars":{{stars}}}""").Append('\n');
        }
        return lines.ToString();
    }

    [Fact]
    public async Task A_pool_advanced_after_new_events_judges_every_seller_as_a_fresh_pool_does()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(AsOf) });
        var integration = server.Client("integration");
        var first = new StringBuilder();
        for (var n = 0; n <= 20; n++) first.Append(Reviews($"p-{n:00}", 0, 24, n));
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(first.ToString())).Json();
        var access = new StoreAccess(server.Target);
        var promua = BuiltInPacks.Shared("promua");
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-20")).Status);
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-19")).Status);
        Assert.Equal(MetricStatus.Good, Rate(Seller(access, promua, "p-03")).Status);

        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(Reviews("p-03", 24, 200, 200) + Reviews("p-21", 0, 24, 0))).Json();
        var fresh = new StoreAccess(server.Target);
        for (var n = 0; n <= 21; n++)
            Assert.Equal(Text(Seller(fresh, promua, $"p-{n:00}")), Text(Seller(access, promua, $"p-{n:00}")));
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-03")).Status);
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-20")).Status);
        Assert.Equal(MetricStatus.Good, Rate(Seller(access, promua, "p-19")).Status);
    }

    private static SellerEvaluation Seller(StoreAccess access, Standing.Core.Policies.Policy policy, string seller) =>
        Evaluations.Seller(access, policy, AsOf, seller, explain: false)!.Value.Evaluation.Sellers[0];

    private static MetricResult Rate(SellerEvaluation seller) => seller.Metric("negative_review_rate_30d")!;

    /// <summary>Each metric's value, status and peer judgment (percentile, p-value, catalog rate), to compare two.</summary>
    private static string Text(SellerEvaluation seller) =>
        string.Join("; ", seller.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Id} {m.Value:R} {m.Status} {m.Numerator}/{m.Denominator} {m.Percentile:R} {m.PValue:R} {m.PeerRate:R}")));
}
