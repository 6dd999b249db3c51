using System.Text.Json;

namespace Standing.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_demo_leaves_events_and_results_that_evaluate_reproduces_exactly()
    {
        var output = Path.Combine(_dir.Path, "demo");

        var demo = StandingProcess.Run("demo", "--sellers", "40", "--days", "90", "--out", output);

        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("sellers per standard", demo.Stdout, StringComparison.Ordinal);
        // The closing hints are commands to copy: each whole on its line even past 120 columns (the
        // temporary folder makes the explain line longer than that).
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"(?m)^  standing explain --events \S+ --policy \S+ --as-of \S+ --seller \S+$"), demo.Stdout);
        var events = Path.Combine(output, "events.ndjson");
        Assert.True(File.Exists(events));
        foreach (var pack in new[] { "congocrea", "mall", "douyin", "pinduoduo", "tmall" })
        {
            var saved = File.ReadAllText(Path.Combine(output, $"results-{pack}.json"));
            using var doc = JsonDocument.Parse(saved);
            Assert.Equal(40, doc.RootElement.GetProperty("sellers").GetArrayLength());

            var again = StandingProcess.Run("evaluate", "--events", events, "--policy", pack, "--as-of", "2026-06-01T00:00:00Z", "--format", "json");

            Assert.Equal(0, again.ExitCode);
            Assert.Equal(saved.Trim(), again.Stdout.Trim());
        }
        // The chat packs have something to read: transferred sessions, consultations, agents.
        using var douyin = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results-douyin.json")));
        Assert.Contains(douyin.RootElement.GetProperty("sellers").EnumerateArray(),
            s => s.GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("id").GetString() == "first_reply_2min_rate" && m.GetProperty("denominator").GetInt64() > 0));
        using var tmall = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results-tmall.json")));
        Assert.Contains(tmall.RootElement.GetProperty("sellers").EnumerateArray(), s => s.GetProperty("agents").GetArrayLength() > 0);
        Assert.Contains("agents scored", demo.Stdout, StringComparison.Ordinal);

        // The store holds the same events and the enforcement run opened one Congocrea case per warned seller.
        var store = Path.Combine(output, "standing.db");
        var fromStore = StandingProcess.Run("evaluate", "--db", store, "--policy", "congocrea", "--as-of", "2026-06-01T00:00:00Z", "--format", "json");
        Assert.Equal(File.ReadAllText(Path.Combine(output, "results-congocrea.json")).Trim(), fromStore.Stdout.Trim());
        using var congocrea = JsonDocument.Parse(fromStore.Stdout);
        var warned = congocrea.RootElement.GetProperty("sellers").EnumerateArray()
            .Where(s => s.GetProperty("outcomes").EnumerateArray().Any(o => o.GetProperty("id").GetString() == "warning" && o.GetProperty("triggered").GetBoolean()))
            .Select(s => s.GetProperty("seller").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(warned);
        var cases = StandingProcess.Run("cases", "list", "--db", store, "--policy", "congocrea", "--format", "json");
        Assert.Equal(0, cases.ExitCode);
        using var list = JsonDocument.Parse(cases.Stdout);
        Assert.Equal(warned, list.RootElement.EnumerateArray().Select(c => c.GetProperty("seller").GetString()).Order(StringComparer.Ordinal).ToList());

        // It ends with how to serve the store, and two keys the store recognises (it keeps only their hashes: KeysCommandTests).
        Assert.Contains($"standing serve --db {store}", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("pages: http://127.0.0.1:8080/sign-in", demo.Stdout, StringComparison.Ordinal);
        var admin = System.Text.RegularExpressions.Regex.Match(demo.Stdout, @"admin key: (\S+)").Groups[1].Value;
        var own = System.Text.RegularExpressions.Regex.Match(demo.Stdout, @"seller key of (\S+): (\S+)");
        using (var keys = Standing.Data.Keys.KeyStore.Open(store))
        {
            Assert.Equal("admin", keys.Find(admin)?.Role);
            var sellerKey = keys.Find(own.Groups[2].Value);
            Assert.Equal(("seller", own.Groups[1].Value), (sellerKey?.Role, sellerKey?.Seller));
        }
    }

    /// <summary>
    /// The demo's run takes the facts the demo folded and the packs' evaluations it printed instead of reading the
    /// store again: what it stores must be what the daily run stores from the demo's events ingested into a new
    /// store, table for table and row for row (but the keys, random on purpose).
    /// </summary>
    [Fact]
    public void The_demos_run_on_its_own_facts_stores_what_a_run_on_its_ingested_events_stores()
    {
        var output = Path.Combine(_dir.Path, "demo");
        Assert.Equal(0, StandingProcess.Run("demo", "--sellers", "40", "--days", "120", "--seed", "7", "--out", output).ExitCode);
        var again = Path.Combine(_dir.Path, "again.db");
        Assert.Equal(0, StandingProcess.Run("ingest", Path.Combine(output, "events.ndjson"), "--db", again).ExitCode);
        Assert.Equal(0, StandingProcess.Run("run", "--db", again, "--as-of", "2026-06-01T00:00:00Z").ExitCode);

        var demo = StoreRows.Dump(Path.Combine(output, "standing.db"));
        var ingested = StoreRows.Dump(again);
        Assert.Equal(ingested.Keys, demo.Keys);
        foreach (var (table, rows) in ingested) Assert.True(rows.SequenceEqual(demo[table]), $"table {table} differs");
        // The comparison has something to compare: cases of several packs, Prom.ua's among them, and their notices.
        Assert.True(demo["enforcement_cases"].Count > 40);
        Assert.Contains(demo["enforcement_cases"], row => row.Contains("promua", StringComparison.Ordinal));
        Assert.NotEmpty(demo["enforcement_notices"]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_marketplace()
    {
        var a = StandingProcess.Run("demo", "--sellers", "10", "--days", "30", "--out", Path.Combine(_dir.Path, "a"));
        var b = StandingProcess.Run("demo", "--sellers", "10", "--days", "30", "--out", Path.Combine(_dir.Path, "b"));

        Assert.Equal(0, a.ExitCode + b.ExitCode);
        Assert.Equal(
            File.ReadAllText(Path.Combine(_dir.Path, "a", "events.ndjson")),
            File.ReadAllText(Path.Combine(_dir.Path, "b", "events.ndjson")));
    }
}
