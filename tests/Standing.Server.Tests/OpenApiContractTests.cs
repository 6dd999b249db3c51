using System.Net;
using System.Text.Json;

namespace Standing.Server.Tests;

/// <summary>
/// The contract: the OpenAPI document the server serves is the one checked in at docs/openapi.json
/// (a change to it is deliberate: run with STANDING_WRITE_OPENAPI=1 to rewrite the file, and review
/// the diff), and every member of the live documents is described by its schema.
/// </summary>
public sealed class OpenApiContractTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    public static string RepositoryFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Standing.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [Fact]
    public async Task The_served_openapi_document_is_the_checked_in_one()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), withEvents: false);
        var served = await server.Client(null).GetStringAsync("/openapi/v1.json");
        var path = RepositoryFile("docs/openapi.json");
        if (Environment.GetEnvironmentVariable("STANDING_WRITE_OPENAPI") == "1") await File.WriteAllTextAsync(path, served + "\n");
        Assert.True(File.Exists(path), "docs/openapi.json is missing: run the tests once with STANDING_WRITE_OPENAPI=1");
        Assert.Equal((await File.ReadAllTextAsync(path)).TrimEnd(), served.TrimEnd());
    }

    /// <summary>
    /// The document describes what is served: each problem answer a request gets here (an unknown seller, a
    /// body over its limit, a batch with no event, a decision the state refuses, a wrong content type, a
    /// seller's dispute of an item it does not have) is a status its operation lists.
    /// </summary>
    [Fact]
    public async Task Every_problem_a_request_gets_is_an_answer_its_operation_lists()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter), MaxEventsBytes = 4096 });
        var admin = server.Client("admin");
        await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var caseId = (await admin.GetAsync("/v1/cases").Json())[0].Str("id");
        using var openApi = JsonDocument.Parse(await server.Client(null).GetStringAsync("/openapi/v1.json"));
        var big = string.Concat(Enumerable.Repeat(Marketplace.Placed("big", "shop-z", "z-o", 1) + "\n", 60));
        var unlisted = new List<string>();
        foreach (var (path, method, status, call) in (List<(string, string, int, Func<Task<HttpResponseMessage>>)>)[
            ("/v1/sellers/{seller}/standing", "get", 404, () => admin.GetAsync($"/v1/sellers/shop-nobody/standing?policy=congocrea&asOf={Marketplace.AsOf}")),
            ("/v1/events", "post", 413, () => admin.PostAsync("/v1/events", ServerHarness.Ndjson(big))),
            ("/v1/events", "post", 422, () => admin.PostAsync("/v1/events", ServerHarness.Ndjson("not json\n"))),
            ("/v1/events", "post", 415, () => admin.PostAsync("/v1/events", new StringContent("x", System.Text.Encoding.UTF8, "image/png"))),
            ("/v1/cases/{id}/decisions", "post", 409, () => admin.PostAsync($"/v1/cases/{caseId}/decisions", ServerHarness.Json("""{"decision":"reinstate","note":"n"}"""))),
            ("/v1/disputes", "post", 404, () => server.Client("seller").PostAsync("/v1/disputes", ServerHarness.Json("""{"seller":"shop-a","policy":"congocrea","item":"no-such-item","reason":"r"}"""))),
            ("/v1/policies/validate", "post", 422, () => admin.PostAsync("/v1/policies/validate", new StringContent("id: [", System.Text.Encoding.UTF8, "application/yaml"))),
        ])
        {
            using var response = await call();
            Assert.True((int)response.StatusCode == status, $"{method} {path}: expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (!openApi.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").TryGetProperty($"{status}", out _))
                unlisted.Add($"{method} {path} {status}");
        }
        Assert.Empty(unlisted);
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), withEvents: false);
        using var page = await server.Client(null).GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_member_of_the_live_documents_is_described_by_the_schema()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        var admin = server.Client("admin");
        await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var dispute = await admin.PostAsync("/v1/disputes", ServerHarness.Json("""{"seller":"shop-a","policy":"congocrea","item":"a-o2","reason":"r"}""")).Json(HttpStatusCode.Created);
        await admin.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions", ServerHarness.Json("""{"decision":"accept","note":"n"}""")).Json();
        var caseId = (await admin.GetAsync("/v1/cases").Json())[0].Str("id");
        using var openApi = JsonDocument.Parse(await server.Client(null).GetStringAsync("/openapi/v1.json"));
        var missing = new List<string>();
        foreach (var (path, url) in (List<(string, string)>)[
            ("/v1/sellers/{seller}/standing", $"/v1/sellers/shop-a/standing?policy=congocrea&asOf={Marketplace.AsOf}"),
            ("/v1/sellers/{seller}/explain", "/v1/sellers/shop-a/explain?policy=congocrea&asOf=2026-04-03"),
            ("/v1/sellers", $"/v1/sellers?policy=congocrea&asOf={Marketplace.AsOf}&status=any"),
            ("/v1/cases", "/v1/cases"),
            ("/v1/cases/{id}", $"/v1/cases/{caseId}"),
            ("/v1/notices", "/v1/notices"),
            ("/v1/disputes", "/v1/disputes"),
            ("/v1/runs", "/v1/runs"),
            ("/v1/keys", "/v1/keys"),
            ("/v1/policies", "/v1/policies"),
        ])
        {
            var live = await admin.GetAsync(url).Json();
            var schema = openApi.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Check(openApi.RootElement, schema, live, path, missing);
        }
        Assert.True(missing.Count == 0, "not in the OpenAPI schemas:\n" + string.Join('\n', missing.Distinct()));
    }

    /// <summary>Walks a live value along its schema; records each object member the schema does not name.</summary>
    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string where, List<string> missing)
    {
        schema = Resolve(root, schema);
        foreach (var variant in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(variant, out var options))
            {
                // A nullable member's "null" option says nothing about the members of a value that is there.
                foreach (var option in options.EnumerateArray().Where(o => value.ValueKind == JsonValueKind.Null || !IsNullOnly(o)))
                    Check(root, option, value, where, missing);
                return;
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var element in value.EnumerateArray()) Check(root, items, element, where + "[]", missing);
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("additionalProperties", out var extra) && !schema.TryGetProperty("properties", out _))
            {
                if (extra.ValueKind == JsonValueKind.Object) foreach (var p in value.EnumerateObject()) Check(root, extra, p.Value, where + ".*", missing);
                return;
            }
            if (!schema.TryGetProperty("properties", out var properties) && !schema.TryGetProperty("type", out _)) return; // a free-form member
            if (!schema.TryGetProperty("properties", out properties))
            {
                missing.Add($"{where}: an object the schema does not describe");
                return;
            }
            foreach (var p in value.EnumerateObject())
            {
                if (properties.TryGetProperty(p.Name, out var child)) Check(root, child, p.Value, $"{where}.{p.Name}", missing);
                else missing.Add($"{where}.{p.Name}");
            }
        }
    }

    private static bool IsNullOnly(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) schema = schema.GetProperty(part);
        }
        return schema;
    }
}
