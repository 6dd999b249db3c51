using System.Diagnostics;
using System.Text;
using Standing.Cli.Commands;
using Standing.Data.Enforcement;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// The daily job stores each batch's changed case books as the batch ends, so a run can be cut short between
/// batches (or inside one's transaction). The next run of the same as-of must end exactly where one uninterrupted run
/// ends: the same cases, audit entries, notices (ids, bodies, order), deliveries and run records, table by table, and
/// the same summary. The store is the demo's (40 sellers, 120 days) with every pack, run as of a month's first day
/// (Mall's report to every seller: a changed book in nearly every batch), 3 sellers a batch.
/// </summary>
public abstract class RunCutShortContract : IDisposable
{
    private const string Day = "2026-06-01";
    private protected TempFolder Temp { get; } = new();

    protected abstract string NewTarget();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store with the demo's events ingested; the daily job not run yet.</summary>
    private string Ingested()
    {
        var events = Path.Combine(Temp.Path, "demo", "events.ndjson");
        if (!File.Exists(events))
        {
            var demo = StandingProcess.Run("demo", "--sellers", "40", "--days", "120", "--seed", "5", "--out", Path.Combine(Temp.Path, "demo"), "--as-of", Day + "T00:00:00Z");
            Assert.True(demo.ExitCode == 0, demo.Stderr);
        }
        var target = NewTarget();
        var ingest = StandingProcess.Run("ingest", events, "--db", target);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr + ingest.Stdout);
        return target;
    }

    private static string[] RunArgs(string target, params string[] days) => ["run", "--db", target, .. days, "--batch", "3"];

    /// <summary>Every enforcement table's rows as the store reads them back, in their order, one text per table.</summary>
    private static Dictionary<string, string> Tables(string target)
    {
        using var store = EnforcementStore.Open(target);
        var cases = store.Cases().OrderBy(c => c.Seller, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var tables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["runs"] = string.Join('\n', store.AllRuns().Select(r => $"{r.Policy} {r.AsOf}")),
            ["cases"] = string.Join('\n', cases.Select(c => $"{c.Seller} {c.Id} {c.Policy} {c.Kind} {c.State} {c.OpenedAt} {c.DueAt} {c.ClosedAt} {c.UpdatedAt} {c.AuditCount} " +
                string.Join(',', c.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}")))),
            ["audit"] = string.Join('\n', cases.SelectMany(c => store.Audit(c.Id, c.Seller)).Select(a =>
                $"{a.Seller} {a.CaseId} {a.Seq} {a.At} {a.Actor} {a.Action} {a.FromState} {a.ToState} {a.Reason} {a.Snapshot.Count}")),
            // In the outbox's own order (instant, then id): the order a sink receives them in.
            ["notices"] = string.Join('\n', store.Notices().Select(n => $"{n.Seller} {n.Id} {n.CaseId} {n.Policy} {n.Kind} {n.Audience} {n.At} {n.Body}")),
            ["outbox"] = string.Join('\n', store.Undelivered("folder").Select(n => n.Id)),
            ["unfinished"] = string.Join('\n', store.AllRuns().Select(r => r.Policy).Distinct().SelectMany(p => store.UnfinishedRuns(p).Select(a => $"{p} {a}"))),
        };
        return tables;
    }

    private static void AssertSameTables(Dictionary<string, string> expected, Dictionary<string, string> actual, string what)
    {
        foreach (var (table, rows) in expected)
        {
            Assert.True(rows == actual[table], $"{what}: table {table} differs from the uninterrupted run's");
        }
        Assert.NotEmpty(expected["notices"]);
    }

    /// <summary>
    /// Runs <paramref name="args"/> in this process, stopped (as a crash would stop it) once <paramref name="batches"/>
    /// batches have been stored; false when the run ended before that.
    /// </summary>
    private static bool RunStoppedAfter(int batches, string target, string[] days, string[]? policies = null)
    {
        var stored = 0;
        try
        {
            RunCommand.Run(target, days.Length == 1 ? days[0] : null, days.Length == 2 ? days[0] : null, days.Length == 2 ? days[1] : null, policies, null, null,
                batchSize: 3, batchStored: () =>
                {
                    if (++stored == batches) throw new CutShortException();
                });
            return false;
        }
        catch (CutShortException)
        {
            return true;
        }
    }

    private sealed class CutShortException : Exception;

    [Theory]
    [InlineData(1, 5)]
    [InlineData(9, 31)]
    [InlineData(40, 1)]
    public void A_day_stopped_after_some_batches_and_run_again_equals_an_uninterrupted_run(int first, int second)
    {
        var reference = Ingested();
        var whole = StandingProcess.Run(RunArgs(reference, "--as-of", Day));
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        var target = Ingested();
        Assert.True(RunStoppedAfter(first, target, [Day]), $"the day has fewer than {first} batches");
        // Cut short again while carrying on, then carried on to the end.
        Assert.True(RunStoppedAfter(second, target, [Day]), $"the rest of the day has fewer than {second} batches");
        var rest = StandingProcess.Run(RunArgs(target, "--as-of", Day));
        Assert.True(rest.ExitCode == 0, rest.Stderr);

        AssertSameTables(Tables(reference), Tables(target), $"stopped after {first} then {second} batches");
        // The summary counts what the whole run did, the attempts cut short included.
        Assert.Equal(whole.Stdout, rest.Stdout);
        Assert.Matches(@"mall: 40 sellers evaluated, .* \(\d+ reports?\)", whole.Stdout);
    }

    [Fact]
    public void A_replay_stopped_inside_a_day_and_run_again_equals_an_uninterrupted_replay()
    {
        string[] days = ["2026-05-30", Day];
        var reference = Ingested();
        var whole = StandingProcess.Run(RunArgs(reference, "--from", days[0], "--to", days[1]));
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        var target = Ingested();
        // Past the first day's batches (14 of each enforced pack's), inside the second day.
        Assert.True(RunStoppedAfter(150, target, days));
        var rest = StandingProcess.Run(RunArgs(target, "--from", days[0], "--to", days[1]));
        Assert.True(rest.ExitCode == 0, rest.Stderr);
        AssertSameTables(Tables(reference), Tables(target), "replay stopped after 150 batches");
    }

    [Fact]
    public void Another_as_of_is_refused_while_a_run_cut_short_is_unfinished()
    {
        var target = Ingested();
        // Mall's month report changes a book in every batch.
        Assert.True(RunStoppedAfter(2, target, [Day], ["mall"]));
        var next = StandingProcess.Run(RunArgs(target, "--as-of", "2026-06-02", "--policy", "mall"));
        Assert.Equal(1, next.ExitCode);
        Assert.Contains("mall: the run as of 2026-06-01", next.Stderr, StringComparison.Ordinal);
        Assert.Contains("cut short", next.Stderr, StringComparison.Ordinal);
        var again = StandingProcess.Run(RunArgs(target, "--as-of", Day, "--policy", "mall"));
        Assert.True(again.ExitCode == 0, again.Stderr);
    }

    /// <summary>
    /// The real process killed (SIGKILL) while it stores a day's batches, twice (at points drawn from
    /// STANDING_FAULT_SEED), then run again: the same tables as an uninterrupted run.
    /// </summary>
    [Fact]
    [Trait("Suite", "faults")]
    public void A_run_killed_between_or_inside_batches_and_run_again_equals_an_uninterrupted_run()
    {
        var reference = Ingested();
        var whole = StandingProcess.Run(RunArgs(reference, "--as-of", Day));
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        var target = Ingested();
        var seed = FaultSeed.Value;
        var random = FaultSeed.For("run-batches");
        for (var kill = 0; kill < 2; kill++)
        {
            var sellers = SellersStored(target) + random.Next(1, 20);
            using var process = Process.Start(StandingProcess.StartInfo(RunArgs(target, "--as-of", Day)))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited && SellersStored(target) < sellers) Thread.Sleep(2);
            Thread.Sleep(random.Next(0, 31));
            if (!process.HasExited) process.Kill(entireProcessTree: true); // SIGKILL
            process.WaitForExit();
        }
        var rerun = StandingProcess.Run(RunArgs(target, "--as-of", Day));
        Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}");
        AssertSameTables(Tables(reference), Tables(target), $"seed {seed}");
    }

    /// <summary>The sellers stored so far by unfinished runs of any pack (0 while the store is busy or locked).</summary>
    private static int SellersStored(string target)
    {
        try
        {
            using var store = EnforcementStore.Open(target);
            return Standing.Policies.BuiltInPacks.Ids.Sum(p => store.UnfinishedRuns(p).Sum(a => store.SellersStored(p, a).Count));
        }
        catch (Exception e) when (e is Standing.Data.Store.EventStoreException or InvalidOperationException or System.Data.Common.DbException)
        {
            return 0;
        }
    }
}

public sealed class SqliteRunCutShortTests : RunCutShortContract
{
    protected override string NewTarget() => Temp.File($"cut-{Guid.NewGuid():N}.db");
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRunCutShortTests(PostgresCluster cluster) : RunCutShortContract
{
    protected override string NewTarget() => cluster.NewDatabase();
}
