using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// People's actions take their time from the store's data, not the wall clock: without --at, the
/// policy's latest run as-of; an --at before that run or more than a day after the store's time is
/// refused (nothing written) unless --force-at.
/// </summary>
public sealed class ActingTimeTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // shop-7: order o-100 placed 2026-03-02 08:15 UTC, reviewed 2 stars 2026-03-12 17:00 UTC: ODR 1/1.
    private const string Events = """
        {"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100","buyer":"b-1"}
        {"id":"e2","type":"review.posted","at":"2026-03-12T18:00:00+01:00","seller":"shop-7","review":"r-9","order":"o-100","stars":2}
        """;

    public void Dispose() => _dir.Dispose();

    private string RunStore()
    {
        var db = Path.Combine(_dir.Path, "s.db");
        Assert.Equal(0, StandingProcess.Run("ingest", _dir.File("e.ndjson", Events), "--db", db).ExitCode);
        Assert.Equal(0, StandingProcess.Run("run", "--db", db, "--as-of", "2026-03-13", "--policy", "congocrea").ExitCode);
        return db;
    }

    private static JsonElement[] Cases(string db) =>
        JsonDocument.Parse(StandingProcess.Run("cases", "list", "--db", db, "--format", "json").Stdout).RootElement.EnumerateArray().ToArray();

    private static void Refused(StandingProcess.Result run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_at_a_manual_case_is_opened_and_decided_at_the_latest_run_with_the_data_as_of_then()
    {
        var db = RunStore();
        var opened = StandingProcess.Run("cases", "open", "--db", db, "--seller", "shop-7", "--policy", "congocrea", "--kind", "suspension_proposal", "--by", "marie", "--note", "fake listings");
        Assert.Equal(0, opened.ExitCode);
        var id = opened.Stdout.Trim();
        Assert.Equal("congocrea.suspension_proposal.shop-7.20260313", id);
        Assert.Equal(0, StandingProcess.Run("cases", "decide", id, "--db", db, "--decision", "dismiss", "--by", "amina", "--note", "real listings").ExitCode);

        var show = JsonDocument.Parse(StandingProcess.Run("cases", "show", id, "--db", db, "--format", "json").Stdout).RootElement;
        Assert.Equal("2026-03-13T00:00:00Z", show.GetProperty("opened_at").GetString());
        foreach (var entry in show.GetProperty("audit").EnumerateArray())
        {
            Assert.Equal("2026-03-13T00:00:00Z", entry.GetProperty("at").GetString());
            var odr = entry.GetProperty("snapshot").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "odr");
            Assert.Equal(1, odr.GetProperty("numerator").GetInt64()); // the evidence of the data: o-100 of 1 order
            Assert.Equal(1, odr.GetProperty("denominator").GetInt64());
        }
    }

    [Fact]
    public void An_at_outside_the_stores_time_is_refused_unless_forced()
    {
        var db = RunStore();
        string[] open = ["cases", "open", "--db", db, "--seller", "shop-7", "--policy", "congocrea", "--kind", "suspension_proposal", "--by", "marie", "--note", "fake"];

        Refused(StandingProcess.Run([.. open, "--at", "2026-12-04T10:00:00Z"]),
            "refused: --at 2026-12-04T10:00:00Z is more than a day after the store's time (2026-03-13T00:00:00Z, its latest run)");
        Refused(StandingProcess.Run([.. open, "--at", "2026-03-12T00:00:00Z"]),
            "refused: --at 2026-03-12T00:00:00Z is before the latest run of congocrea (2026-03-13T00:00:00Z)");
        Refused(StandingProcess.Run("disputes", "open", "--db", db, "--seller", "shop-7", "--policy", "congocrea", "--item", "o-100", "--reason", "x", "--at", "2026-03-20T00:00:00Z"),
            "is more than a day after the store's time");
        Assert.Empty(Cases(db));

        Assert.Equal(0, StandingProcess.Run([.. open, "--at", "2026-03-12T00:00:00Z", "--force-at"]).ExitCode);
        Assert.Equal("2026-03-12T00:00:00Z", Assert.Single(Cases(db)).GetProperty("opened_at").GetString());
    }

    [Fact]
    public void A_policy_never_run_on_the_store_needs_an_at()
    {
        var db = RunStore();
        Refused(StandingProcess.Run("disputes", "open", "--db", db, "--seller", "shop-7", "--policy", "econfiance", "--item", "o-100", "--reason", "x"),
            "refused: no run of econfiance is recorded on this store, so there is no time to act at: give --at (its events end at 2026-03-12T17:00:00Z)");
        var filed = StandingProcess.Run("disputes", "open", "--db", db, "--seller", "shop-7", "--policy", "econfiance", "--item", "o-100", "--reason", "x", "--at", "2026-03-13T09:00:00Z");
        Assert.Equal(0, filed.ExitCode);
    }
}
