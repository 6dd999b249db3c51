using System.Text.Json;
using NodaTime;
using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Server.Tests;

/// <summary>
/// A seller's standing document is kept between reads (with the log position and the seller's disputes it
/// was computed from): each test reads it once so that it is kept, changes what it stands on, and expects the
/// next read to show the change. Golden numbers are worked out by hand from congocrea's ODR
/// (defective orders over orders in the 90 days before as-of) and <see cref="Marketplace"/>'s events.
/// </summary>
public abstract class KeptReadsContract
{
    private const string Standing = $"/v1/sellers/shop-a/standing?policy=congocrea&asOf={Marketplace.AsOf}";

    private protected abstract IStoreTarget Stores { get; }

    private Task<ServerHarness> Start() =>
        ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });

    private static (long Numerator, long Denominator) Odr(JsonElement document)
    {
        var odr = document.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(m => m.Str("id") == "odr");
        return (odr.GetProperty("numerator").GetInt64(), odr.GetProperty("denominator").GetInt64());
    }

    [Fact]
    public async Task A_second_read_is_the_first_and_a_new_event_of_the_seller_posted_to_the_server_changes_it()
    {
        await using var server = await Start();
        var reviewer = server.Client("reviewer");
        var first = await reviewer.GetStringAsync(Standing);
        Assert.Equal(first, await reviewer.GetStringAsync(Standing));
        Assert.Equal((3, 10), Odr(JsonDocument.Parse(first).RootElement)); // 3 of shop-a's 10 orders reviewed with 1 or 2 stars

        // An eleventh order on 2 March, not reviewed: 3 of 11.
        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(Marketplace.Placed("a-p11", "shop-a", "a-o11", 11))).Json();
        Assert.Equal((3, 11), Odr(await reviewer.GetAsync(Standing).Json()));
    }

    [Fact]
    public async Task An_event_appended_to_the_store_by_another_process_changes_the_next_read()
    {
        await using var server = await Start();
        var reviewer = server.Client("reviewer");
        Assert.Equal((3, 10), Odr(await reviewer.GetAsync(Standing).Json()));

        // What `standing ingest --db` would do beside the server: two more orders of shop-a, 3 of 12.
        using (var store = EventStore.Open(server.Target, create: false))
        {
            store.Append(ServerHarness.Parse(Marketplace.Placed("a-p11", "shop-a", "a-o11", 11) + "\n" + Marketplace.Placed("a-p12", "shop-a", "a-o12", 12)));
        }
        Assert.Equal((3, 12), Odr(await reviewer.GetAsync(Standing).Json()));
    }

    [Fact]
    public async Task A_dispute_decided_changes_the_next_read_of_the_seller()
    {
        await using var server = await Start();
        var seller = server.Client("seller");
        const string afterDecision = "/v1/sellers/shop-a/standing?policy=congocrea&asOf=2026-04-03";
        var body = """{"seller":"shop-a","policy":"congocrea","metric":"odr","item":"a-o1","reason":"the buyer reviewed the wrong shop"}""";
        var opened = await seller.PostAsync("/v1/disputes", ServerHarness.Json(body)).Json(System.Net.HttpStatusCode.Created);
        // Open, not yet decided: every order counts, 3 of 10.
        Assert.Equal((3, 10), Odr(await seller.GetAsync(afterDecision).Json()));

        await server.Client("operator").PostAsync($"/v1/disputes/{opened.Str("id")}/decisions",
            ServerHarness.Json("""{"decision":"accept","note":"confirmed with the buyer"}""")).Json();
        // Accepted on 2 April: as of 3 April order a-o1 is out of the ODR, 2 defective of 9.
        Assert.Equal((2, 9), Odr(await seller.GetAsync(afterDecision).Json()));
    }

    [Fact]
    public async Task A_dispute_of_a_seller_read_while_no_seller_had_one_changes_its_next_read()
    {
        // Which sellers have disputes is read once per store version for every seller's read: the read before the
        // dispute finds none, so the dispute's own commit must make the next read look again.
        await using var server = await Start();
        var seller = server.Client("seller");
        const string afterDecision = "/v1/sellers/shop-a/standing?policy=congocrea&asOf=2026-04-03";
        Assert.Equal((3, 10), Odr(await seller.GetAsync(afterDecision).Json()));
        var body = """{"seller":"shop-a","policy":"congocrea","metric":"odr","item":"a-o1","reason":"the buyer reviewed the wrong shop"}""";
        var opened = await seller.PostAsync("/v1/disputes", ServerHarness.Json(body)).Json(System.Net.HttpStatusCode.Created);
        await server.Client("operator").PostAsync($"/v1/disputes/{opened.Str("id")}/decisions",
            ServerHarness.Json("""{"decision":"accept","note":"confirmed with the buyer"}""")).Json();
        // Accepted on 2 April, as in the test above: order a-o1 out of the ODR as of 3 April, 2 defective of 9.
        Assert.Equal((2, 9), Odr(await seller.GetAsync(afterDecision).Json()));
    }

    [Fact]
    public async Task A_key_revoked_through_the_server_is_refused_on_its_next_read()
    {
        await using var server = await Start();
        var reviewer = server.Client("reviewer");
        await reviewer.GetAsync(Standing).Json();
        await reviewer.GetAsync(Standing).Json(); // the key remembered: taken without opening the keys
        var id = (await server.Client("admin").GetAsync("/v1/keys").Json()).EnumerateArray().Single(k => k.Str("name") == "reviewer").Str("id");
        await server.Client("admin").DeleteAsync($"/v1/keys/{id}").Json();
        var refused = await reviewer.GetAsync(Standing).Problem(System.Net.HttpStatusCode.Unauthorized);
        Assert.Contains($"the key {id} was revoked", refused.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_is_refused_on_its_next_read()
    {
        await using var server = await Start();
        var seller = server.Client("seller");
        await seller.GetAsync(Standing).Json();
        await seller.GetAsync(Standing).Json();
        // What `standing keys revoke --db` does beside the server.
        using (var keys = KeyStore.Open(server.Target)) Assert.NotNull(keys.Revoke("seller", Instant.FromUtc(2026, 4, 2, 0, 0)));
        var refused = await seller.GetAsync(Standing).Problem(System.Net.HttpStatusCode.Unauthorized);
        Assert.Contains("was revoked at 2026-04-02T00:00:00Z", refused.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_is_refused_after_another_key_read_the_same_seller()
    {
        await using var server = await Start();
        var reviewer = server.Client("reviewer");
        var seller = server.Client("seller");
        foreach (var client in new[] { reviewer, seller, reviewer, seller }) await client.GetAsync(Standing).Json(); // both keys remembered
        using (var keys = KeyStore.Open(server.Target)) Assert.NotNull(keys.Revoke("seller", Instant.FromUtc(2026, 4, 2, 0, 0)));
        // The reviewer's read of shop-a after the revocation is what the store holds now; it says nothing of the seller's key.
        Assert.Equal((3, 10), Odr(await reviewer.GetAsync(Standing).Json()));
        var refused = await seller.GetAsync(Standing).Problem(System.Net.HttpStatusCode.Unauthorized);
        Assert.Contains("was revoked at 2026-04-02T00:00:00Z", refused.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_of_a_role_the_read_does_not_admit_is_told_it_is_revoked_not_forbidden()
    {
        await using var server = await Start();
        var integration = server.Client("integration");
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(Marketplace.Placed("a-p11", "shop-a", "a-o11", 11))).Json();
        await integration.GetAsync(Standing).Problem(System.Net.HttpStatusCode.Forbidden);
        using (var keys = KeyStore.Open(server.Target)) Assert.NotNull(keys.Revoke("integration", Instant.FromUtc(2026, 4, 2, 0, 0)));
        await integration.GetAsync(Standing).Problem(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_kept_document_is_never_shown_to_another_sellers_key()
    {
        await using var server = await Start();
        Assert.Equal((3, 10), Odr(await server.Client("reviewer").GetAsync(Standing).Json()));
        var other = await server.Client(ServerHarness.OtherSeller).GetAsync(Standing).Problem(System.Net.HttpStatusCode.NotFound);
        Assert.Equal("seller", other.Str("field"));
    }
}

public sealed class SqliteKeptReadsTests : KeptReadsContract, IDisposable
{
    private readonly SqliteTarget _stores = new();

    private protected override IStoreTarget Stores => _stores;

    public void Dispose() => _stores.Dispose();
}

[Collection(Standing.Store.Tests.PostgresCollection.Name)]
public sealed class PostgresKeptReadsTests(Standing.Store.Tests.PostgresCluster cluster) : KeptReadsContract
{
    private protected override IStoreTarget Stores { get; } = new PostgresTarget(cluster);
}
