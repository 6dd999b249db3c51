using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// One day's <c>standing run</c> walks the stored facts once: Prom.ua's peer pool is measured on the same walk as
/// the other policies' runs, and only the sellers its machine may act on are read again. A replay of the same days
/// (<c>--from --to</c>) judges the pool in a pass of its own and evaluates every seller from its facts: the daily
/// runs must give the same cases and notices, byte for byte, with sellers spread over many batches and a month's
/// first day (Mall's monthly report) among the days.
/// </summary>
public sealed class RunSharedPassTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Daily_runs_in_batches_of_three_give_the_cases_and_notices_of_a_replay_in_one_batch()
    {
        var output = Path.Combine(_dir.Path, "demo");
        Assert.Equal(0, StandingProcess.Run("demo", "--sellers", "40", "--days", "90", "--out", output).ExitCode);
        var events = Path.Combine(output, "events.ndjson");
        var replayed = Path.Combine(_dir.Path, "replayed.db");
        var daily = Path.Combine(_dir.Path, "daily.db");
        foreach (var db in new[] { replayed, daily }) Assert.Equal(0, StandingProcess.Run("ingest", events, "--db", db).ExitCode);

        Ok("run", "--db", replayed, "--from", "2026-05-17", "--to", "2026-06-01", "--batch", "1000");
        for (var day = new DateOnly(2026, 5, 17); day <= new DateOnly(2026, 6, 1); day = day.AddDays(1))
            Ok("run", "--db", daily, "--as-of", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--batch", "3");

        var cases = Ok("cases", "list", "--db", daily, "--format", "json").Stdout;
        Assert.Equal(Ok("cases", "list", "--db", replayed, "--format", "json").Stdout, cases);
        Assert.Equal(Ok("outbox", "list", "--db", replayed, "--format", "json").Stdout, Ok("outbox", "list", "--db", daily, "--format", "json").Stdout);

        // The days hold what the shared pass must get right: Prom.ua's exclusions, judged against every seller, and Mall's report of May.
        using var doc = JsonDocument.Parse(cases);
        var kinds = doc.RootElement.EnumerateArray().Select(c => $"{c.GetProperty("policy").GetString()} {c.GetProperty("kind").GetString()}").ToHashSet(StringComparer.Ordinal);
        Assert.Contains("promua catalog_exclusion", kinds);
        Assert.Contains(kinds, k => k.StartsWith("mall ", StringComparison.Ordinal) && k.EndsWith("sla_report", StringComparison.Ordinal));
    }

    private static StandingProcess.Result Ok(params string[] args)
    {
        var run = StandingProcess.Run(args);
        Assert.True(run.ExitCode == 0, $"standing {string.Join(' ', args)} failed ({run.ExitCode}): {run.Stderr}");
        return run;
    }
}
