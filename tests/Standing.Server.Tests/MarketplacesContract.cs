using System.Net;
using System.Text.Json;
using NodaTime;
using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Server.Tests;

/// <summary>
/// One server, two marketplaces (docs/marketplaces.md): each request works on its key's marketplace's
/// store. The default marketplace is <see cref="Marketplace"/> (shop-a: ODR 3/10 = 0.3, breach).
/// Marketplace "north" holds shop-a again, with 5 orders of its own and no review (ODR 0/5 = 0, good),
/// and shop-n with 2 orders.
/// </summary>
public abstract class MarketplacesContract
{
    private protected abstract IStoreTarget Stores { get; }

    private const string North = "north";
    private const string Query = $"policy=congocrea&asOf={Marketplace.AsOf}";

    private static string NorthEvents()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 5; i++) lines.Add(Marketplace.Placed($"n-a{i}", "shop-a", $"n-ao{i}", i).Replace("}", ",\"marketplace\":\"north\"}", StringComparison.Ordinal));
        for (var i = 1; i <= 2; i++) lines.Add(Marketplace.Placed($"n-n{i}", "shop-n", $"n-no{i}", i).Replace("}", ",\"marketplace\":\"north\"}", StringComparison.Ordinal));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A server whose deployment also holds "north" (ingested as the command line does), with a reviewer and an integration key of north.</summary>
    private async Task<(ServerHarness Server, HttpClient NorthReviewer, HttpClient NorthIntegration)> Start()
    {
        var target = Stores.NewTarget();
        var server = await ServerHarness.Start(target);
        var now = Instant.FromUtc(2026, 1, 1, 0, 0);
        using (var store = EventStore.Open(target, create: false))
        using (var ingester = new MarketplaceIngester(store, target, 100, now))
        {
            var line = 0;
            foreach (var ev in ServerHarness.Parse(NorthEvents())) ingester.Add(ev, "north.ndjson", ++line);
            foreach (var done in ingester.Complete()) new FactProjection(done.Store).Refresh();
        }
        string reviewer, integration;
        using (var keys = KeyStore.Open(target))
        {
            reviewer = keys.Create("north-reviewer", KeyRoles.Reviewer, null, North, now).Text!;
            integration = keys.Create("north-integration", KeyRoles.Integration, null, North, now).Text!;
        }
        HttpClient Client(string key)
        {
            var client = server.Client(null);
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            return client;
        }
        return (server, Client(reviewer), Client(integration));
    }

    private static JsonElement Odr(JsonElement standing) =>
        standing.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(m => m.Str("id") == "odr");

    [Fact]
    public async Task A_key_of_one_marketplace_gets_404_for_a_seller_of_another()
    {
        var (server, northReviewer, _) = await Start();
        await using var _ = server;
        await northReviewer.GetAsync($"/v1/sellers/shop-b/standing?{Query}").Problem(HttpStatusCode.NotFound); // shop-b is the default marketplace's only
        await server.Client("reviewer").GetAsync($"/v1/sellers/shop-n/standing?{Query}").Problem(HttpStatusCode.NotFound); // shop-n is north's only
        await northReviewer.GetAsync($"/v1/sellers/shop-n/standing?{Query}").Json();
    }

    [Fact]
    public async Task The_same_seller_id_has_its_own_standing_in_each_marketplace()
    {
        var (server, northReviewer, _) = await Start();
        await using var _ = server;
        // Default: 3 of shop-a's 10 orders reviewed with 1 or 2 stars: ODR 3/10 = 0.3, a breach.
        var inDefault = Odr(await server.Client("reviewer").GetAsync($"/v1/sellers/shop-a/standing?{Query}").Json());
        Assert.Equal((3, 10, "breach"), (inDefault.GetProperty("numerator").GetInt64(), inDefault.GetProperty("denominator").GetInt64(), inDefault.Str("status")));
        // North: shop-a's 5 orders there, none reviewed: ODR 0/5.
        var inNorth = Odr(await northReviewer.GetAsync($"/v1/sellers/shop-a/standing?{Query}").Json());
        Assert.Equal((0, 5), (inNorth.GetProperty("numerator").GetInt64(), inNorth.GetProperty("denominator").GetInt64()));
        Assert.NotEqual("breach", inNorth.Str("status"));

        // The staff listing of each marketplace names its own sellers only.
        var listed = (await northReviewer.GetAsync($"/v1/sellers?{Query}&status=any").Json()).GetProperty("sellers").EnumerateArray().Select(s => s.Str("seller")).Order(StringComparer.Ordinal);
        Assert.Equal(["shop-a", "shop-n"], listed);
    }

    [Fact]
    public async Task Only_an_admin_may_name_another_marketplace_and_only_one_that_exists()
    {
        var (server, _, _) = await Start();
        await using var _ = server;
        var inNorth = Odr(await server.Client("admin").GetAsync($"/v1/sellers/shop-a/standing?{Query}&marketplace=north").Json());
        Assert.Equal(5, inNorth.GetProperty("denominator").GetInt64());

        var refused = await server.Client("reviewer").GetAsync($"/v1/sellers/shop-a/standing?{Query}&marketplace=north").Problem(HttpStatusCode.Forbidden);
        Assert.Equal("marketplace", refused.Str("field"));
        var unknown = await server.Client("admin").GetAsync($"/v1/sellers/shop-a/standing?{Query}&marketplace=south").Problem(HttpStatusCode.NotFound);
        Assert.Contains("no marketplace \"south\"", unknown.Str("detail"), StringComparison.Ordinal);
        var unsafeId = await server.Client("admin").GetAsync($"/v1/sellers/shop-a/standing?{Query}&marketplace=..%2Fx").Problem(HttpStatusCode.BadRequest);
        Assert.Contains("not a valid marketplace id", unsafeId.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_replays_the_store_of_the_marketplace_it_was_started_for_and_is_seen_there_only()
    {
        var (server, northReviewer, _) = await Start();
        await using var _ = server;
        // The relaxed Congocrea against the pack, 2 to 6 March (north's events are all of 2 March; a range
        // must hold some): in the default marketplace shop-a's three bad reviews of 5 March make the pack
        // warn it on the 6th (BacktestsTests). North's shop-a has 5 orders and no review, shop-n 2 orders:
        // ODR 0 on both sides every day, so no seller differs.
        HttpContent Request() => ServerHarness.Json(BacktestsTests.Body(new { PolicyYaml = BacktestsTests.Relaxed(), Baseline = "congocrea", From = "2026-03-02", To = "2026-03-06" }));
        var started = await server.Client("admin").PostAsync("/v1/backtests?marketplace=north", Request()).Json(HttpStatusCode.Accepted);
        Assert.Equal(North, started.Str("marketplace"));
        var run = await BacktestsTests.Finished(northReviewer, started.Str("id"));
        Assert.True(run.Str("state") == "done", run.GetRawText());
        var days = run.GetProperty("result").GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(5, days.Count);
        Assert.All(days[1..], d => Assert.Equal(2, d.GetProperty("baseline").GetProperty("sellers").GetInt32())); // shop-a and shop-n, from 3 March
        Assert.Equal(0, run.GetProperty("result").GetProperty("differences").GetArrayLength());

        // The default marketplace's staff do not see it; north's reviewer lists it.
        await server.Client("reviewer").GetAsync($"/v1/backtests/{started.Str("id")}").Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, (await server.Client("reviewer").GetAsync("/v1/backtests").Json()).GetArrayLength());
        Assert.Equal(started.Str("id"), Assert.Single((await northReviewer.GetAsync("/v1/backtests").Json()).EnumerateArray()).Str("id"));

        // The same backtest of the default marketplace finds shop-a's warning of 6 March.
        var inDefault = await server.Client("admin").PostAsync("/v1/backtests", Request()).Json(HttpStatusCode.Accepted);
        var done = await BacktestsTests.Finished(server.Client("reviewer"), inDefault.Str("id"));
        Assert.Equal("default", done.Str("marketplace"));
        var difference = Assert.Single(done.GetProperty("result").GetProperty("differences").EnumerateArray());
        Assert.Equal(("shop-a", "2026-03-06"), (difference.Str("seller"), difference.Str("first_day")));
    }

    [Fact]
    public async Task Posted_events_go_to_the_keys_marketplace_and_a_line_of_another_is_rejected_at_its_line()
    {
        var (server, _, northIntegration) = await Start();
        await using var _ = server;
        var body = Marketplace.Placed("n-n3", "shop-n", "n-no3", 3) + "\n"
            + Marketplace.Placed("x-1", "shop-x", "x-o1", 4).Replace("}", ",\"marketplace\":\"default\"}", StringComparison.Ordinal) + "\n";
        var receipt = await northIntegration.PostAsync("/v1/events", ServerHarness.Ndjson(body)).Json();
        Assert.Equal(1, receipt.GetProperty("accepted").GetInt64());
        var reject = Assert.Single(receipt.GetProperty("rejects").EnumerateArray());
        Assert.Equal(2, reject.GetProperty("line").GetInt32());
        Assert.Contains("field \"marketplace\": \"default\" is not this key's marketplace \"north\"", reject.Str("reason"), StringComparison.Ordinal);

        using var main = EventStore.Open(server.Target, create: false);
        using var north = EventStore.Open(MarketplaceStores.Target(server.Target, North), create: false);
        Assert.Equal(18, main.Count()); // Marketplace: 10 + 4 orders and 4 reviews, untouched
        Assert.Equal(8, north.Count()); // 7 ingested + the one posted
        Assert.Empty(main.Sellers("shop-x"));
    }
}

public sealed class SqliteMarketplaces : MarketplacesContract, IDisposable
{
    private readonly SqliteTarget _stores = new();

    private protected override IStoreTarget Stores => _stores;

    public void Dispose() => _stores.Dispose();
}

[Collection(Standing.Store.Tests.PostgresCollection.Name)]
public sealed class PostgresMarketplaces(Standing.Store.Tests.PostgresCluster cluster) : MarketplacesContract
{
    private protected override IStoreTarget Stores { get; } = new PostgresTarget(cluster);
}
