using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Prom.ua through the daily job: <c>standing run</c> on a store, then <c>standing cases list --format json</c>.
/// The same scenario as <see cref="PromuaAcceptanceTests"/>: only c-bad is significantly worse than the
/// catalog (worked by hand there), so the run excludes c-bad and nobody else; the exclusion lasts at least
/// 14 days (docs/standards/promua.md), so its re-check is due on 2026-04-15.
/// </summary>
public sealed class PromuaRunAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Fact]
    public void The_daily_run_compares_every_seller_and_excludes_only_the_significantly_worse_one()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Assert.Equal(0, StandingProcess.Run("ingest", AcceptanceRun.Scenario("promua.ndjson"), "--db", db).ExitCode);
        var run = StandingProcess.Run("run", "--db", db, "--as-of", "2026-04-01T00:00:00+03:00", "--policy", "promua");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var list = StandingProcess.Run("cases", "list", "--db", db, "--policy", "promua", "--format", "json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        var cases = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().ToArray();
        var exclusion = Assert.Single(cases);
        Assert.Equal("c-bad", exclusion.GetProperty("seller").GetString());
        Assert.Equal("catalog_exclusion", exclusion.GetProperty("kind").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-04-15T00:00:00+03:00", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(exclusion.GetProperty("due_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _dir.Dispose();
}
