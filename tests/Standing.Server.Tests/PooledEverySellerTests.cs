using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;
using Standing.Policies;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// Every seller's evaluation under a standard that compares sellers (the overview's and the sellers list's) is made
/// from the kept peer pool, without holding every seller's facts at once; it must equal judging every seller's facts
/// together, each accepted dispute taken out of its seller's evaluation as before. Worked out from promua's
/// negative_review_rate_30d as in <see cref="PeerPoolAdvanceTests"/>: 21 sellers p-00 … p-20, each with 24 reviews
/// on 2026-03-10, p-NN with NN of 1 star; catalog rate 210 / 504 = 0.417; fewer than 1.05 sellers strictly worse:
/// p-20 (20/24) and p-19 (19/24), both significantly above the catalog's rate, breach; p-03 (3/24) good.
/// </summary>
public sealed class PooledEverySellerTests : IClassFixture<SqliteTarget>
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 4, 1, 0, 0);
    private readonly SqliteTarget _stores;

    public PooledEverySellerTests(SqliteTarget stores) => _stores = stores;

    [Fact]
    public async Task Every_seller_judged_with_the_pool_equals_every_sellers_facts_judged_together()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(AsOf - Duration.FromHours(1)) }); // a dispute decided then counts at the as-of
        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(Reviews())).Json();
        var promua = BuiltInPacks.Shared("promua");
        var access = new StoreAccess(server.Target);

        var every = Evaluations.All(access, promua, AsOf);
        Assert.Equal(21, every.Sellers.Count(s => s.Seller.StartsWith("p-", StringComparison.Ordinal))); // and the harness's own sellers, without reviews
        Assert.Equal(MetricStatus.Breach, Rate(every, "p-20").Status);
        Assert.Equal(MetricStatus.Breach, Rate(every, "p-19").Status);
        Assert.Equal(MetricStatus.Good, Rate(every, "p-03").Status);
        Assert.Equal(Text(Together(server.Target, promua, [])), Text(every));

        // p-20's dispute of one of its 1-star reviews accepted: its evaluation without it, the others' as before.
        var operatorKey = server.Client("operator");
        var dispute = await operatorKey.PostAsync("/v1/disputes", ServerHarness.Json(
            """{"seller":"p-20","policy":"promua","metric":"negative_review_rate_30d","item":"p-20-rv0","reason":"the review was of another shop"}""")).Json(HttpStatusCode.Created);
        await operatorKey.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions", ServerHarness.Json("""{"decision":"accept","note":"confirmed"}""")).Json();
        IReadOnlyList<Dispute> accepted;
        using (var store = access.Enforcement()) accepted = store.Disputes();
        var disputed = Evaluations.All(access, promua, AsOf);
        Assert.Equal(19, Rate(disputed, "p-20").Numerator);
        Assert.Equal(Text(Together(server.Target, promua, accepted)), Text(disputed));
    }

    /// <summary>Every seller's facts read at once and judged together, each disputed seller evaluated again without its disputed items.</summary>
    private static PolicyEvaluation Together(string target, Standing.Core.Policies.Policy policy, IReadOnlyList<Dispute> disputes)
    {
        using var events = EventStore.Open(target, create: false);
        var facts = new FactProjection(events).FactsAsOf(AsOf);
        var evaluation = new PolicyEvaluator(policy).Evaluate(facts, AsOf);
        return evaluation with
        {
            Sellers = evaluation.Sellers.Select(s => disputes.Any(d => d.Seller == s.Seller)
                ? new PolicyEvaluator(DisputeExclusion.Apply(policy, disputes.Where(d => d.Seller == s.Seller).ToList(), AsOf)).EvaluateSeller(facts.Single(f => f.Seller == s.Seller), AsOf)
                : s).ToList(),
        };
    }

    /// <summary>The 21 sellers p-00 … p-20, each with 24 reviews of which NN are of 1 star.</summary>
    private static string Reviews()
    {
        var lines = new StringBuilder();
        for (var n = 0; n <= 20; n++)
        {
            for (var i = 0; i < 24; i++)
            {
                var at = Instant.FromUtc(2026, 3, 10, 0, 0) + Duration.FromMinutes(i);
                lines.Append(CultureInfo.InvariantCulture, $$"""{"id":"p-{{n:00}}-r{{i}}","type":"review.posted","at":"{{at}}","seller":"p-{{n:00}}","review":"p-{{n:00}}-rv{{i}}","stars":{{(i < n ? 1 : 5)}}}""").Append('\n');
            }
        }
        return lines.ToString();
    }

    private static MetricResult Rate(PolicyEvaluation evaluation, string seller) =>
        evaluation.Sellers.Single(s => s.Seller == seller).Metric("negative_review_rate_30d")!;

    /// <summary>Every seller's metrics with their peer judgment, in the evaluation's order, to compare two.</summary>
    private static string Text(PolicyEvaluation evaluation) =>
        string.Join("\n", evaluation.Sellers.Select(s => s.Seller + ": " + string.Join("; ", s.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Id} {m.Value:R} {m.Status} {m.Numerator}/{m.Denominator} {m.Percentile:R} {m.PValue:R} {m.PeerRate:R}")))
            + " | " + string.Join(", ", s.Outcomes.Select(o => $"{o.Outcome} {o.Triggered}"))));
}
