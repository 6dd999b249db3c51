using Standing.Data.Store;
using Standing.Server;

namespace Standing.Cli.Tests;

/// <summary><c>standing bench --http</c>: the load client, against a real server on loopback.</summary>
public sealed class HttpLoadBenchTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("http://10.0.0.1:8080")]
    [InlineData("http://example.com")]
    public void A_server_elsewhere_is_refused(string url)
    {
        var bench = StandingProcess.Run("bench", "--http", url, "--key", "k", "--db", "standing.db");
        Assert.Equal(1, bench.ExitCode);
        Assert.Contains("only a server on this machine", bench.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_and_a_writer_drive_a_served_store_and_every_accepted_event_is_stored()
    {
        var events = Path.Combine(_dir.Path, "events.ndjson");
        var db = Path.Combine(_dir.Path, "store.db");
        Assert.Equal(0, StandingProcess.Run("bench", "--sellers", "20", "--orders", "2000", "--file", events, "--generate-only").ExitCode);
        Assert.Equal(0, StandingProcess.Run("ingest", events, "--db", db).ExitCode);
        var reader = StandingProcess.Run("keys", "create", "--db", db, "--role", "reviewer", "--name", "reader").Stdout.Trim();
        var writer = StandingProcess.Run("keys", "create", "--db", db, "--role", "integration", "--name", "writer").Stdout.Trim();
        long before;
        using (var store = EventStore.Open(db, create: false)) before = store.Sellers().Sum(s => s.Events);

        var app = StandingServer.Build(new ServerOptions { Db = db, Listen = "http://127.0.0.1:0", RequestsPerSecond = 100_000, Burst = 100_000 });
        await app.StartAsync();
        StandingProcess.Result bench;
        try
        {
            bench = await Task.Run(() => StandingProcess.Run("bench", "--http", app.Urls.First(), "--key", reader, "--db", db,
                "--duration", "3", "--connections", "2", "--writer-key", writer, "--batch-events", "50"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Assert.True(bench.ExitCode == 0, bench.Stderr);
        // Every read and every batch answered 200: no other status appears on the two status lines.
        var statuses = bench.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("statuses", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses, l => Assert.Matches(@"^\s*statuses\s+200: [\d,]+\s*$", l));
        var accepted = long.Parse(System.Text.RegularExpressions.Regex.Match(bench.Stdout, @"([\d,]+) events accepted").Groups[1].Value.Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accepted > 0, bench.Stdout);
        long after;
        using (var store = EventStore.Open(db, create: false)) after = store.Sellers().Sum(s => s.Events);
        Assert.Equal(before + accepted, after);
    }
}
