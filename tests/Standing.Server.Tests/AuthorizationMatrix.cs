using System.Net;
using System.Text.Json;
using NodaTime;
using Standing.Data.Keys;

namespace Standing.Server.Tests;

/// <summary>
/// Every endpoint with every role, with a seller key of another seller (shop-b) and with keys of
/// another marketplace: exactly the allowed ones get through. A seller key asking for another
/// seller's data is answered 404, as for an unknown seller; a listing shows it nothing of others;
/// a key of another marketplace sees none of this store's data.
/// </summary>
public abstract class AuthorizationMatrix
{
    private protected abstract IStoreTarget Stores { get; }

    /// <summary>What a key gets: through (2xx; a decision may be refused by the case's state, 409), through but shown nothing of shop-a, 403, 404.</summary>
    private enum Outcome { Ok, Empty, Forbidden, NotFound }

    private sealed record Endpoint(string Name, Func<ServerHarness, int, HttpRequestMessage> Request, IReadOnlyDictionary<string, Outcome> Expected);

    private const string Admin = KeyRoles.Admin, Operator = KeyRoles.Operator, Reviewer = KeyRoles.Reviewer, Seller = KeyRoles.Seller, Integration = KeyRoles.Integration;
    private const string SellerB = ServerHarness.OtherSeller, ElseAdmin = ServerHarness.ElsewhereAdmin, ElseOperator = ServerHarness.ElsewhereOperator, ElseIntegration = ServerHarness.ElsewhereIntegration;
    private static readonly string[] Keys = [Admin, Operator, Reviewer, Seller, Integration, SellerB, ElseAdmin, ElseOperator, ElseIntegration];

    private static Dictionary<string, Outcome> Expect(Outcome otherwise, params (string Key, Outcome Outcome)[] cases)
    {
        var map = Keys.ToDictionary(k => k, _ => otherwise, StringComparer.Ordinal);
        foreach (var (key, outcome) in cases) map[key] = outcome;
        return map;
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url, string json) => new(HttpMethod.Post, url) { Content = ServerHarness.Json(json) };

    private static readonly string[] Metrics = ["odr", "defective_orders_lifetime", "defective_orders_60d"];

    /// <summary>A different (metric, order) of shop-a for each dispute made.</summary>
    private static string DisputeBody(int n) =>
        $$"""{"seller":"shop-a","policy":"congocrea","metric":"{{Metrics[n / 10 % 3]}}","item":"a-o{{n % 10 + 1}}","reason":"probe {{n}}"}""";

    private static IEnumerable<Endpoint> Endpoints(string caseId, string disputeId, string backtestId, Func<int, string> freshDispute, Func<int, string> freshKey)
    {
        var readers = Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Reviewer, Outcome.Ok), (Seller, Outcome.Ok), (SellerB, Outcome.NotFound), (ElseAdmin, Outcome.NotFound), (ElseOperator, Outcome.NotFound));
        var readerLists = Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Reviewer, Outcome.Ok), (Seller, Outcome.Ok), (SellerB, Outcome.Empty), (ElseAdmin, Outcome.Empty), (ElseOperator, Outcome.Empty));
        var staffLists = Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Reviewer, Outcome.Ok), (ElseAdmin, Outcome.Empty), (ElseOperator, Outcome.Empty));
        var deciders = Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (ElseAdmin, Outcome.NotFound), (ElseOperator, Outcome.NotFound));
        var policies = Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Reviewer, Outcome.Ok), (Seller, Outcome.Ok), (SellerB, Outcome.Ok), (ElseAdmin, Outcome.Ok), (ElseOperator, Outcome.Ok));
        var q = $"policy=congocrea&asOf={Marketplace.AsOf}";
        yield return new("POST /v1/events", (_, _) => new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = ServerHarness.Ndjson(Marketplace.Placed("a-p1", "shop-a", "a-o1", 1)) },
            Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Integration, Outcome.Ok)));
        yield return new("GET standing", (_, _) => Get($"/v1/sellers/shop-a/standing?{q}"), readers);
        yield return new("GET explain", (_, _) => Get($"/v1/sellers/shop-a/explain?{q}"), readers);
        yield return new("GET /v1/sellers", (_, _) => Get($"/v1/sellers?{q}&status=any"), staffLists);
        yield return new("GET /v1/cases", (_, _) => Get("/v1/cases"), readerLists);
        yield return new("GET /v1/cases/{id}", (_, _) => Get($"/v1/cases/{caseId}"), readers);
        yield return new("POST case decision", (_, _) => Post($"/v1/cases/{caseId}/decisions", """{"decision":"dismiss","note":"probe"}"""), deciders);
        yield return new("GET /v1/disputes", (_, _) => Get("/v1/disputes"), readerLists);
        yield return new("GET /v1/disputes/{id}", (_, _) => Get($"/v1/disputes/{disputeId}"), readers);
        yield return new("POST /v1/disputes", (_, n) => Post("/v1/disputes", DisputeBody(n)),
            Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Seller, Outcome.Ok), (SellerB, Outcome.NotFound), (ElseAdmin, Outcome.NotFound), (ElseOperator, Outcome.NotFound)));
        yield return new("POST dispute decision", (_, n) => Post($"/v1/disputes/{freshDispute(n)}/decisions", """{"decision":"reject","note":"probe"}"""), deciders);
        yield return new("GET /v1/notices", (_, _) => Get("/v1/notices"),
            Expect(Outcome.Empty, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Reviewer, Outcome.Ok), (Seller, Outcome.Ok), (Integration, Outcome.Ok)));
        yield return new("GET /v1/policies", (_, _) => Get("/v1/policies"), policies);
        yield return new("GET /v1/policies/{id}", (_, _) => Get("/v1/policies/congocrea"), policies);
        yield return new("POST /v1/policies/validate", (_, _) => new HttpRequestMessage(HttpMethod.Post, "/v1/policies/validate") { Content = new StringContent(Standing.Policies.BuiltInPacks.Yaml("mall")) }, policies);
        yield return new("POST /v1/runs", (_, _) => Post("/v1/runs", $$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}"""), Expect(Outcome.Forbidden, (Admin, Outcome.Ok)));
        yield return new("GET /v1/runs", (_, _) => Get("/v1/runs"), staffLists);
        var backtest = BacktestsTests.Body(new { PolicyYaml = BacktestsTests.Relaxed(), Baseline = "congocrea", From = "2026-03-05", To = "2026-03-06" });
        yield return new("POST /v1/backtests", (_, _) => Post("/v1/backtests", backtest), Expect(Outcome.Forbidden, (Admin, Outcome.Ok)));
        yield return new("GET /v1/backtests", (_, _) => Get("/v1/backtests"), staffLists);
        var staffReads = Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (Operator, Outcome.Ok), (Reviewer, Outcome.Ok), (ElseAdmin, Outcome.NotFound), (ElseOperator, Outcome.NotFound));
        yield return new("GET /v1/backtests/{id}", (_, _) => Get($"/v1/backtests/{backtestId}"), staffReads);
        yield return new("GET /v1/backtests/{id}/report", (_, _) => Get($"/v1/backtests/{backtestId}/report"), staffReads);
        // A done backtest is not started again (409, counted as through): only an admin of its marketplace gets that far.
        yield return new("POST backtest restart", (_, _) => Post($"/v1/backtests/{backtestId}/restart", "{}"), Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (ElseAdmin, Outcome.NotFound)));
        yield return new("GET /v1/keys", (_, _) => Get("/v1/keys"), Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (ElseAdmin, Outcome.Empty)));
        yield return new("POST /v1/keys", (_, n) => Post("/v1/keys", $$"""{"name":"probe-{{n}}","role":"reviewer"}"""), Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (ElseAdmin, Outcome.Ok)));
        yield return new("DELETE /v1/keys/{id}", (_, n) => new HttpRequestMessage(HttpMethod.Delete, $"/v1/keys/{freshKey(n)}"), Expect(Outcome.Forbidden, (Admin, Outcome.Ok), (ElseAdmin, Outcome.NotFound)));
    }

    [Fact]
    public async Task Exactly_the_allowed_keys_get_through_on_every_endpoint()
    {
        await using var server = await ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter), Burst = 10_000 });
        var admin = server.Client(Admin);
        await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var caseId = (await admin.GetAsync("/v1/cases?seller=shop-a").Json())[0].Str("id");
        var made = 0; // odr disputes (0–9); the probes of POST /v1/disputes use the other metrics
        string FreshDispute(int _) => admin.PostAsync("/v1/disputes", ServerHarness.Json(DisputeBody(made++))).Json(HttpStatusCode.Created).Result.Str("id");
        string FreshKey(int n)
        {
            using var keys = KeyStore.Open(server.Target);
            return keys.Create($"doomed-{n}", KeyRoles.Reviewer, null, null, Instant.FromUtc(2026, 1, 1, 0, 0)).Key!.Id;
        }

        var disputeId = FreshDispute(0); // one to list and show
        var backtestId = (await admin.PostAsync("/v1/backtests", ServerHarness.Json(BacktestsTests.Body(new { PolicyYaml = BacktestsTests.Relaxed(), Baseline = "congocrea", From = "2026-03-05", To = "2026-03-06" })))
            .Json(HttpStatusCode.Accepted)).Str("id");
        await BacktestsTests.Finished(admin, backtestId); // its report is there to read (shop-a's fate differs in it)

        var clients = Keys.ToDictionary(k => k, server.Client, StringComparer.Ordinal);
        var wrong = new List<string>();
        var n = 0;
        foreach (var endpoint in Endpoints(caseId, disputeId, backtestId, FreshDispute, FreshKey))
        {
            foreach (var key in Keys)
            {
                using var request = endpoint.Request(server, n++);
                using var response = await clients[key].SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var expected = endpoint.Expected[key];
                var status = (int)response.StatusCode;
                var got = status switch
                {
                    403 => Outcome.Forbidden,
                    404 => Outcome.NotFound,
                    (>= 200 and < 300) or 409 when body.Contains("shop-a", StringComparison.Ordinal) || body.Contains(backtestId, StringComparison.Ordinal) || body.Contains("\"as_of\":\"" + Marketplace.AsOf, StringComparison.Ordinal) || endpoint.Name.StartsWith("POST", StringComparison.Ordinal) || endpoint.Name.StartsWith("DELETE", StringComparison.Ordinal) || endpoint.Name.Contains("polic", StringComparison.Ordinal) => Outcome.Ok,
                    >= 200 and < 300 => Outcome.Empty,
                    _ => (Outcome)(-1),
                };
                if (got != expected) wrong.Add($"{endpoint.Name} with {key}: expected {expected}, got {status} {body[..Math.Min(body.Length, 200)]}");
                if (status is 403 or 404)
                {
                    using var problem = JsonDocument.Parse(body);
                    Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}

public sealed class SqliteAuthorizationMatrix : AuthorizationMatrix, IDisposable
{
    private readonly SqliteTarget _stores = new();

    private protected override IStoreTarget Stores => _stores;

    public void Dispose() => _stores.Dispose();
}

[Collection(Standing.Store.Tests.PostgresCollection.Name)]
public sealed class PostgresAuthorizationMatrix(Standing.Store.Tests.PostgresCluster cluster) : AuthorizationMatrix
{
    private protected override IStoreTarget Stores { get; } = new PostgresTarget(cluster);
}
