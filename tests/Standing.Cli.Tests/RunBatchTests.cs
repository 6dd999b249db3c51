using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing run</c> walks the store a batch of sellers at a time (<c>--batch</c>): the cases it opens must
/// not depend on the batch, and a standard that compares sellers (Prom.ua) must still judge each seller
/// against all of them, exactly as <c>evaluate --events</c> does over the whole file.
/// </summary>
public sealed class RunBatchTests : IDisposable
{
    private const string AsOf = "2026-06-01T00:00:00Z";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Batches_of_three_sellers_open_the_cases_one_batch_of_all_opens_and_those_the_evaluation_of_all_triggers()
    {
        var output = Path.Combine(_dir.Path, "demo");
        Assert.Equal(0, StandingProcess.Run("demo", "--sellers", "40", "--days", "90", "--out", output).ExitCode);
        var events = Path.Combine(output, "events.ndjson");
        var whole = Path.Combine(_dir.Path, "whole.db");
        var small = Path.Combine(_dir.Path, "small.db");
        foreach (var db in new[] { whole, small }) Assert.Equal(0, StandingProcess.Run("ingest", events, "--db", db).ExitCode);

        var one = StandingProcess.Run("run", "--db", whole, "--from", "2026-05-25", "--to", "2026-06-01", "--batch", "1000");
        var many = StandingProcess.Run("run", "--db", small, "--from", "2026-05-25", "--to", "2026-06-01", "--batch", "3");
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(many.ExitCode == 0, many.Stderr);
        Assert.Equal(one.Stdout, many.Stdout);
        Assert.Contains("promua: 40 sellers evaluated", many.Stdout, StringComparison.Ordinal);

        var cases = Cases(small, "promua");
        Assert.Equal(Cases(whole, "promua"), cases);
        Assert.Equal(Cases(whole, "congocrea"), Cases(small, "congocrea"));
        Assert.Equal(StandingProcess.Run("outbox", "list", "--db", whole).Stdout, StandingProcess.Run("outbox", "list", "--db", small).Stdout);

        // One day on a fresh store: every seller the whole-file evaluation excludes has its exclusion case, and no other.
        var day = Path.Combine(_dir.Path, "day.db");
        Assert.Equal(0, StandingProcess.Run("ingest", events, "--db", day).ExitCode);
        var run = StandingProcess.Run("run", "--db", day, "--as-of", AsOf, "--batch", "3", "--policy", "promua", "congocrea");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var excluded = Triggered(events, "promua", "catalog_exclusion");
        Assert.NotEmpty(excluded);
        Assert.Equal(excluded, OpenSellers(day, "promua", "catalog_exclusion"));
        Assert.Equal(Triggered(events, "congocrea", "warning"), OpenSellers(day, "congocrea", "warning"));
    }

    [Fact]
    public void A_batch_below_one_is_refused()
    {
        var run = StandingProcess.Run("run", "--db", Path.Combine(_dir.Path, "none.db"), "--as-of", AsOf, "--batch", "0");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--batch must be at least 1", run.Stderr, StringComparison.Ordinal);
    }

    private static string Cases(string db, string policy)
    {
        var list = StandingProcess.Run("cases", "list", "--db", db, "--policy", policy, "--format", "json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        return list.Stdout;
    }

    private static List<string> OpenSellers(string db, string policy, string kind)
    {
        using var doc = JsonDocument.Parse(Cases(db, policy));
        return doc.RootElement.EnumerateArray().Where(c => c.GetProperty("kind").GetString() == kind)
            .Select(c => c.GetProperty("seller").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Triggered(string events, string policy, string outcome)
    {
        var run = StandingProcess.Run("evaluate", "--events", events, "--policy", policy, "--as-of", AsOf, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("sellers").EnumerateArray()
            .Where(s => s.GetProperty("outcomes").EnumerateArray().Any(o => o.GetProperty("id").GetString() == outcome && o.GetProperty("triggered").GetBoolean()))
            .Select(s => s.GetProperty("seller").GetString()!).Order(StringComparer.Ordinal).ToList();
    }
}
