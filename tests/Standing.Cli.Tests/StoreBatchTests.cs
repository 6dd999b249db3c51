namespace Standing.Cli.Tests;

/// <summary>
/// <c>evaluate --db</c> and <c>causes --db</c> walk the store's stored facts a batch of sellers at a time
/// (<c>--batch</c>): whatever the batch, they print exactly what the same command prints from the event
/// file, including Prom.ua, which judges every seller against all the others.
/// </summary>
public sealed class StoreBatchTests : IDisposable
{
    private const string AsOf = "2026-06-01T00:00:00Z";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Batches_of_seven_sellers_print_what_the_event_file_gives()
    {
        var output = Path.Combine(_dir.Path, "demo");
        Assert.Equal(0, StandingProcess.Run("demo", "--sellers", "30", "--days", "90", "--out", output).ExitCode);
        var events = Path.Combine(output, "events.ndjson");
        var db = Path.Combine(_dir.Path, "store.db");
        Assert.Equal(0, StandingProcess.Run("ingest", events, "--db", db).ExitCode);

        foreach (var policy in new[] { "congocrea", "mall", "promua", "econfiance", "kuaishou", "douyin", "pinduoduo", "tmall" })
            AssertSame(events, db, "evaluate", "--policy", policy, "--as-of", AsOf, "--format", "json");
        // Ten days earlier: every seller has events after as-of, so its facts are folded from its events, a batch at a time.
        AssertSame(events, db, "evaluate", "--policy", "promua", "--as-of", "2026-05-22T00:00:00Z", "--format", "json");
        AssertSame(events, db, "evaluate", "--policy", "congocrea", "--as-of", "2026-05-22T00:00:00Z", "--wide");
        AssertSame(events, db, "causes", "--policy", "promua", "--as-of", AsOf, "--format", "json");

        // One seller judged against all the others, the batch that holds it read last.
        using var all = System.Text.Json.JsonDocument.Parse(StandingProcess.Run("evaluate", "--events", events, "--policy", "promua", "--as-of", AsOf, "--format", "json").Stdout);
        var last = all.RootElement.GetProperty("sellers").EnumerateArray().Last().GetProperty("seller").GetString()!;
        AssertSame(events, db, "evaluate", "--policy", "promua", "--as-of", AsOf, "--seller", last, "--format", "json");
        AssertSame(events, db, "explain", "--policy", "promua", "--as-of", AsOf, "--seller", last, "--format", "json");
    }

    [Fact]
    public void A_batch_below_one_is_refused()
    {
        foreach (var command in new[] { "evaluate", "causes" })
        {
            var run = StandingProcess.Run(command, "--db", Path.Combine(_dir.Path, "none.db"), "--policy", "promua", "--as-of", AsOf, "--batch", "0");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("--batch must be at least 1", run.Stderr, StringComparison.Ordinal);
        }
    }

    private static void AssertSame(string events, string db, string command, params string[] args)
    {
        var fromFile = StandingProcess.Run([command, "--events", events, .. args]);
        var fromStore = StandingProcess.Run([command, "--db", db, .. command == "explain" ? [] : (string[])["--batch", "7"], .. args]);
        Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        Assert.True(fromStore.ExitCode == 0, fromStore.Stderr);
        Assert.Contains("shop-", fromFile.Stdout, StringComparison.Ordinal);
        Assert.Equal(fromFile.Stdout, fromStore.Stdout);
    }
}
