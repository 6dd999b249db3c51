using System.Text.Json;

namespace Standing.Server.Tests;

/// <summary>
/// Bugs found by probing the server as a hostile user, each kept from coming back, on SQLite and on
/// PostgreSQL. The server's clock is set far from the data (a year later), so an answer dated by the
/// wall clock instead of the data shows.
/// </summary>
public abstract class RegressionContract
{
    /// <summary>A wall clock a year after the marketplace's events: never the answer's as-of.</summary>
    private static readonly NodaTime.Instant YearLater = NodaTime.Instant.FromUtc(2027, 3, 5, 0, 0);

    private protected abstract IStoreTarget Stores { get; }

    private Task<ServerHarness> Start() =>
        ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(YearLater) });

    [Fact]
    public async Task Two_events_of_one_id_with_different_bodies_in_one_batch_are_a_located_conflict_and_the_first_is_kept()
    {
        await using var server = await Start();
        var batch = string.Join('\n',
            Marketplace.Placed("d-p1", "shop-d", "d-o1", 1),        // line 1: new
            Marketplace.Placed("d-p1", "shop-d", "d-o1-other", 1),  // line 2: same id, other order: conflict with line 1
            Marketplace.Placed("d-p1", "shop-d", "d-o1", 1),        // line 3: the same body as line 1: duplicate
            Marketplace.Placed("d-p1", "shop-e", "d-o1", 1),        // line 4: same id, other seller: conflict with line 1
            Marketplace.Placed("d-p2", "shop-d", "d-o2", 2));       // line 5: new
        var receipt = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(batch)).Json();
        Assert.Equal((2, 1, 2, 0), (receipt.GetProperty("accepted").GetInt64(), receipt.GetProperty("duplicate").GetInt64(),
            receipt.GetProperty("conflict").GetInt64(), receipt.GetProperty("rejected").GetInt64()));
        var conflicts = receipt.GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal([2, 4], conflicts.Select(c => c.GetProperty("line").GetInt32()));
        Assert.All(conflicts, c => Assert.Contains("\"d-p1\" is at line 1", c.Str("reason"), StringComparison.Ordinal));

        // Only the first body is stored: shop-d has 2 orders (d-o1, d-o2), shop-e none at all.
        var reviewer = server.Client("reviewer");
        var explain = await reviewer.GetAsync("/v1/sellers/shop-d/explain?policy=congocrea&asOf=2026-04-01&metric=odr&limit=10").Json();
        var odr = explain.GetProperty("sellers")[0].GetProperty("metrics")[0];
        Assert.Equal(2, odr.GetProperty("denominator").GetInt64());
        Assert.Equal(["d-o1", "d-o2"], odr.GetProperty("items").EnumerateArray().Select(i => i.Str("id")).Order(StringComparer.Ordinal));
        await reviewer.GetAsync("/v1/sellers/shop-e/standing?policy=congocrea&asOf=2026-04-01").Problem(System.Net.HttpStatusCode.NotFound);

        // The retry of the whole batch: nothing new, the same conflicts.
        var retry = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(batch)).Json();
        Assert.Equal((0, 3, 2), (retry.GetProperty("accepted").GetInt64(), retry.GetProperty("duplicate").GetInt64(), retry.GetProperty("conflict").GetInt64()));
    }

    [Fact]
    public async Task Without_asOf_a_standing_is_as_of_the_data_not_the_wall_clock()
    {
        await using var server = await Start();
        var reviewer = server.Client("reviewer");
        // The marketplace's latest event is a review at 2026-03-05T10:00:00Z: without a run, the answer is
        // as of the millisecond after it, so that review counts; the clock (2027) is never used.
        var before = await reviewer.GetAsync("/v1/sellers/shop-a/standing?policy=congocrea").Json();
        Assert.Equal("2026-03-05T10:00:00.001Z", before.Str("as_of"));
        // Window: 90 days back from that instant; shop-a's 10 orders of 2 March with 3 bad reviews in it.
        var odr = Metric(before, "odr");
        Assert.Equal((3, 10), (odr.GetProperty("numerator").GetInt64(), odr.GetProperty("denominator").GetInt64()));
        Assert.Equal("2025-12-05T10:00:00.001Z", odr.GetProperty("window").Str("start"));

        // After a run as of 1 April (later than the latest event), reads without asOf answer as of that run.
        await server.Client("admin").PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var after = await reviewer.GetAsync("/v1/sellers/shop-a/standing?policy=congocrea").Json();
        Assert.Equal(Marketplace.AsOf, after.Str("as_of"));
        var explained = await reviewer.GetAsync("/v1/sellers/shop-a/explain?policy=congocrea&metric=odr").Json();
        Assert.Equal(Marketplace.AsOf, explained.Str("as_of"));
        var listed = await reviewer.GetAsync("/v1/sellers?policy=congocrea&status=any").Json();
        Assert.Equal(Marketplace.AsOf, listed.Str("as_of"));

        // Another policy was never run: its reads stay as of the data's end.
        var mall = await reviewer.GetAsync("/v1/sellers/shop-a/standing?policy=mall").Json();
        Assert.Equal("2026-03-05T11:00:00.001+01:00", mall.Str("as_of")); // the same instant, in the policy's zone (Europe/Warsaw)
    }

    [Fact]
    public async Task Without_asOf_a_read_after_new_events_answers_as_of_them()
    {
        await using var server = await Start();
        var reviewer = server.Client("reviewer");
        // The server keeps the data's end between requests: a read before the post must not leave it stale.
        Assert.Equal("2026-03-05T10:00:00.001Z", (await reviewer.GetAsync("/v1/sellers/shop-a/standing?policy=congocrea").Json()).Str("as_of"));
        var batch = string.Join('\n',
            """{"id":"a-p11","type":"order.placed","at":"2026-03-10T08:00:00Z","seller":"shop-a","order":"a-o11","buyer":"buyer-11"}""",
            """{"id":"a-r11","type":"review.posted","at":"2026-03-12T12:00:00Z","seller":"shop-a","review":"a-rv11","order":"a-o11","stars":1}""");
        Assert.Equal(2, (await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(batch)).Json()).GetProperty("accepted").GetInt64());

        var after = await reviewer.GetAsync("/v1/sellers/shop-a/standing?policy=congocrea").Json();
        // As of the millisecond after the new review; shop-a now has 11 orders in the 90 days, 4 of them
        // reviewed with 1 or 2 stars (the 3 of before and the new one): ODR 4/11.
        Assert.Equal("2026-03-12T12:00:00.001Z", after.Str("as_of"));
        var odr = Metric(after, "odr");
        Assert.Equal((4, 11), (odr.GetProperty("numerator").GetInt64(), odr.GetProperty("denominator").GetInt64()));
    }

    [Fact]
    public async Task A_standing_under_a_standard_that_compares_sellers_is_judged_among_all_sellers_before_and_after_new_events()
    {
        await using var server = await ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(YearLater) }, withEvents: false);
        // 30 sellers of 30 orders each; seller k has k % 6 one-star reviews: negative review rates from 0 to 5/30.
        var lines = new List<string>();
        for (var k = 0; k < 30; k++)
        {
            for (var o = 0; o < 30; o++)
                lines.Add($$"""{"id":"p-{{k}}-{{o}}","type":"order.placed","at":"2026-03-0{{1 + o % 9}}T10:{{o:00}}:00Z","seller":"s-{{k:00}}","order":"o-{{k}}-{{o}}","buyer":"b-{{o}}"}""");
            for (var r = 0; r < k % 6; r++)
                lines.Add($$"""{"id":"r-{{k}}-{{r}}","type":"review.posted","at":"2026-03-15T10:00:00Z","seller":"s-{{k:00}}","review":"rv-{{k}}-{{r}}","order":"o-{{k}}-{{r}}","stars":1}""");
        }
        var integration = server.Client("integration");
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(string.Join('\n', lines))).Json();
        var reviewer = server.Client("reviewer");
        var asOf = NodaTime.Instant.FromUtc(2026, 4, 1, 0, 0);
        var promua = Standing.Policies.BuiltInPacks.Load("promua");

        // The expected answer: every seller folded from the events and evaluated together, without the store.
        async Task Same(IReadOnlyList<string> events, string seller)
        {
            var expected = new Standing.Core.Evaluation.PolicyEvaluator(promua)
                .Evaluate(Standing.Core.Facts.FactFolder.Fold(ServerHarness.Parse(string.Join('\n', events)), asOf), asOf, only: seller).Sellers[0];
            foreach (var _ in new[] { 1, 2 }) // the second read takes the pooled peers
            {
                var doc = await reviewer.GetAsync($"/v1/sellers/{seller}/standing?policy=promua&asOf=2026-04-01T00:00:00Z").Json();
                foreach (var m in expected.Metrics)
                {
                    var got = doc.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(x => x.Str("id") == m.Id);
                    Assert.Equal((m.Numerator, m.Denominator, Standing.Core.Metrics.MetricStatusNames.Wire(m.Status)),
                        (got.GetProperty("numerator").GetInt64(), got.GetProperty("denominator").GetInt64(), got.Str("status")));
                }
            }
        }
        await Same(lines, "s-05");
        await Same(lines, "s-12");

        // Twenty one-star reviews for s-12 (none before): 20 of 30, far the worst, so its status must move with the pool.
        var more = Enumerable.Range(10, 20).Select(r =>
            $$"""{"id":"r-12-{{r}}","type":"review.posted","at":"2026-03-16T10:00:00Z","seller":"s-12","review":"rv-12-{{r}}","order":"o-12-{{r}}","stars":1}""").ToList();
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(string.Join('\n', more))).Json();
        await Same([.. lines, .. more], "s-12");
        await Same([.. lines, .. more], "s-05");
    }

    [Fact]
    public async Task Without_asOf_an_empty_store_asks_for_it()
    {
        await using var server = await ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(YearLater) }, withEvents: false);
        var problem = await server.Client("reviewer").GetAsync("/v1/sellers?policy=congocrea").Problem(System.Net.HttpStatusCode.BadRequest);
        Assert.Equal("asOf", problem.Str("field"));
        Assert.Contains("no event and no run", problem.Str("detail"), StringComparison.Ordinal);
    }

    private static JsonElement Metric(JsonElement document, string id) =>
        document.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(m => m.Str("id") == id);
}

public sealed class SqliteRegressionTests : RegressionContract, IDisposable
{
    private readonly SqliteTarget _stores = new();

    private protected override IStoreTarget Stores => _stores;

    public void Dispose() => _stores.Dispose();
}

[Collection(Standing.Store.Tests.PostgresCollection.Name)]
public sealed class PostgresRegressionTests(Standing.Store.Tests.PostgresCluster cluster) : RegressionContract
{
    private protected override IStoreTarget Stores { get; } = new PostgresTarget(cluster);
}
