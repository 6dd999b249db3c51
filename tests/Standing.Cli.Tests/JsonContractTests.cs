using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Standing.Cli.Tests;

/// <summary>
/// A marketplace with enforcement cases, a decided dispute and delivered notices, shared by the
/// contract tests: the demo, then a dispute accepted and the outbox delivered to a folder.
/// </summary>
public sealed class ContractStore : IDisposable
{
    private readonly TempFolder _dir = new();

    public ContractStore()
    {
        Folder = Path.Combine(_dir.Path, "demo");
        var demo = StandingProcess.Run("demo", "--sellers", "40", "--days", "120", "--out", Folder);
        if (demo.ExitCode != 0) throw new InvalidOperationException("demo failed: " + demo.Stderr);
        // The first order of the first seller warned under congocrea, disputed and accepted before the as-of.
        using var cases = JsonDocument.Parse(StandingProcess.Run("cases", "list", "--db", Db, "--policy", "congocrea", "--format", "json").Stdout);
        Seller = cases.RootElement[0].GetProperty("seller").GetString()!;
        CaseId = cases.RootElement[0].GetProperty("id").GetString()!;
        var order = File.ReadLines(Events).Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("seller").GetString() == Seller && e.GetProperty("type").GetString() == "review.posted" && e.GetProperty("stars").GetInt32() <= 2)
            .GetProperty("order").GetString()!;
        var opened = StandingProcess.Run("disputes", "open", "--db", Db, "--seller", Seller, "--policy", "congocrea", "--item", order, "--reason", "the buyer withdrew the review", "--at", "2026-05-30T10:00:00Z", "--force-at"); // before the demo's run: forced
        if (opened.ExitCode != 0) throw new InvalidOperationException("dispute: " + opened.Stderr);
        var decided = StandingProcess.Run("disputes", "decide", opened.Stdout.Trim(), "--db", Db, "--decision", "accept", "--by", "ops", "--note", "checked", "--at", "2026-05-30T12:00:00.1234567Z", "--force-at");
        if (decided.ExitCode != 0) throw new InvalidOperationException("decide: " + decided.Stderr);
        var delivered = StandingProcess.Run("outbox", "deliver", "--db", Db, "--sink-folder", Path.Combine(_dir.Path, "notices"));
        if (delivered.ExitCode != 0) throw new InvalidOperationException("deliver: " + delivered.Stderr);
    }

    public string Folder { get; }
    public string Db => Path.Combine(Folder, "standing.db");
    public string Events => Path.Combine(Folder, "events.ndjson");
    public string Seller { get; }
    public string CaseId { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>Every --format json output, as the commands print it, against its schema in docs/schemas/.</summary>
public sealed class JsonContractTests(ContractStore store) : IClassFixture<ContractStore>
{
    private const string AsOf = "2026-06-01T00:00:00Z";

    public static TheoryData<string> Packs() => ["congocrea", "mall", "douyin", "pinduoduo", "tmall", "promua", "econfiance", "kuaishou"];

    [Theory]
    [MemberData(nameof(Packs))]
    public void Evaluate_and_explain_follow_their_schemas_for_every_pack(string pack)
    {
        Valid("evaluation", Json("evaluate", "--events", store.Events, "--policy", pack, "--as-of", AsOf, "--format", "json"));
        Valid("explanation", Json("explain", "--db", store.Db, "--policy", pack, "--as-of", AsOf, "--seller", store.Seller, "--format", "json"));
        Valid("forecast", Json("forecast", "--db", store.Db, "--policy", pack, "--as-of", AsOf, "--seller", store.Seller, "--format", "json"));
    }

    [Fact]
    public void The_listings_follow_their_schemas()
    {
        Valid("causes", Json("causes", "--events", store.Events, "--policy", "promua", "--as-of", AsOf, "--format", "json"));
        Valid("cases", Json("cases", "list", "--db", store.Db, "--format", "json"));
        Valid("case", Json("cases", "show", store.CaseId, "--db", store.Db, "--format", "json"));
        Valid("disputes", Json("disputes", "list", "--db", store.Db, "--format", "json"));
        Valid("notices", Json("outbox", "list", "--db", store.Db, "--format", "json"));
        Valid("policies", Json("policies", "list", "--format", "json"));
    }

    [Fact]
    public void Case_data_values_are_numbers_and_instants_keep_at_most_milliseconds()
    {
        using var doc = JsonDocument.Parse(Json("cases", "show", store.CaseId, "--db", store.Db, "--format", "json"));
        var data = doc.RootElement.GetProperty("data");
        // A Congocrea warning keeps the ODR that triggered it: a ratio, written as a JSON number.
        Assert.Equal(JsonValueKind.Number, data.GetProperty("odr").ValueKind);
        Assert.InRange(data.GetProperty("odr").GetDouble(), 0.01, 1);

        // The decision was recorded at 12:00:00.1234567Z: the document says .123, never seven digits.
        using var disputes = JsonDocument.Parse(Json("disputes", "list", "--db", store.Db, "--format", "json"));
        Assert.Equal("2026-05-30T12:00:00.123Z", disputes.RootElement[0].GetProperty("decided_at").GetString());
        Assert.Equal("2026-05-30T10:00:00Z", disputes.RootElement[0].GetProperty("opened_at").GetString());
    }

    [Fact]
    public void Disputes_are_filtered_by_the_same_flags_as_cases()
    {
        using var accepted = JsonDocument.Parse(Json("disputes", "list", "--db", store.Db, "--state", "accepted", "--policy", "congocrea", "--format", "json"));
        using var open = JsonDocument.Parse(Json("disputes", "list", "--db", store.Db, "--state", "open", "--format", "json"));
        using var other = JsonDocument.Parse(Json("disputes", "list", "--db", store.Db, "--policy", "promua", "--format", "json"));

        // The one dispute of the store was accepted under congocrea.
        Assert.Equal(1, accepted.RootElement.GetArrayLength());
        Assert.Equal(0, open.RootElement.GetArrayLength());
        Assert.Equal(0, other.RootElement.GetArrayLength());
        var csv = StandingProcess.Run("disputes", "list", "--db", store.Db, "--format", "csv").Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,seller,policy,metric,item,state,reason,opened_at,decided_at,decided_by,note", csv[0]);
        Assert.EndsWith(",accepted,the buyer withdrew the review,2026-05-30T10:00:00Z,2026-05-30T12:00:00.123Z,ops,checked", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_schemas_refuse_the_old_names_and_text_numbers()
    {
        var evaluation = JsonNode.Parse(Json("evaluate", "--events", store.Events, "--policy", "congocrea", "--as-of", AsOf, "--format", "json"))!.AsObject();
        evaluation["asOf"] = evaluation["as_of"]!.GetValue<string>();
        Assert.False(Schema("evaluation").Evaluate(JsonDocument.Parse(evaluation.ToJsonString()).RootElement).IsValid);

        var listed = JsonNode.Parse(Json("cases", "list", "--db", store.Db, "--format", "json"))!.AsArray();
        listed[0]!["data"]!["odr"] = "0.0555";
        listed[0]!["opened_at"] = "2026-06-01T00:00:00.1234567Z";
        var result = Schema("cases").Evaluate(JsonDocument.Parse(listed.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(result.IsValid);
    }

    private static string Json(params string[] args)
    {
        var run = StandingProcess.Run(args);
        Assert.True(run.ExitCode == 0, $"standing {string.Join(' ', args)} exited {run.ExitCode}: {run.Stderr}");
        return run.Stdout;
    }

    internal static void Valid(string schema, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Schema(schema).Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).Take(10).ToList();
        Assert.True(result.IsValid, $"{schema}.schema.json: " + string.Join("\n", errors));
    }

    private static JsonSchema Schema(string name) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", name + ".schema.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://schemas.standing.example/{name}/{Guid.NewGuid():N}"));
}
