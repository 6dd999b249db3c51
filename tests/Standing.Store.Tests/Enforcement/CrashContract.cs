using System.Diagnostics;
using System.Text;
using Standing.Core.Events;
using Standing.Data.Enforcement;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// Faults in the middle of work: the daily job killed (SIGKILL) part-way through a replay, on SQLite
/// and PostgreSQL, and (PostgreSQL) the database server itself killed with <c>pg_ctl stop -m immediate</c>
/// mid-ingest and mid-run. After a rerun, the store must equal one that never saw the fault: nothing
/// lost, nothing doubled. The replay is the promua history of docs/standards (15 days, 4 notices).
/// </summary>
public abstract class CrashContract : IDisposable
{
    private protected TempFolder Temp { get; } = new();

    protected abstract string NewTarget();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected string[] RunArgs(string target) =>
        ["run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Temp.Write("promua.yaml", PromuaHistory.Policy)];

    /// <summary>A store with the history ingested; the daily job not run yet.</summary>
    private protected string Ingested()
    {
        var target = NewTarget();
        var ingest = StandingProcess.Run("ingest", Temp.Write("history.ndjson", PromuaHistory.Ndjson()), "--db", target);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        return target;
    }

    /// <summary>What the daily job leaves on a store, in one text: runs, cases with their audit trail, notices.</summary>
    private protected static string Enforced(string target)
    {
        using var store = EnforcementStore.Open(target);
        // The counts the queue reads were written with the cases: whatever was killed, they are a recount of them.
        Assert.Equal(Counted(store.RecountCases()), Counted(store.CaseCounts()));
        var text = new StringBuilder();
        foreach (var (policy, asOf) in store.AllRuns().OrderBy(r => r.Policy, StringComparer.Ordinal).ThenBy(r => r.AsOf)) text.AppendLine($"run {policy} {asOf}");
        foreach (var c in store.Cases().OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            text.AppendLine($"case {c.Id} {c.Seller} {c.Kind} {c.State} {c.OpenedAt} {c.UpdatedAt} {c.DueAt} {c.ClosedAt}");
            foreach (var a in store.Audit(c.Id)) text.AppendLine($"  {a.Seq} {a.At} {a.Actor} {a.Action} {a.FromState} {a.ToState} {a.Reason}");
        }
        foreach (var n in store.Notices().OrderBy(n => n.Id, StringComparer.Ordinal)) text.AppendLine($"notice {n.Id} {n.CaseId} {n.Kind} {n.At} {n.Body}");
        return text.ToString();
    }

    private static string Counted(IReadOnlyDictionary<CaseCountKey, int> counts) =>
        string.Join("\n", counts.Select(c => $"{c.Key}: {c.Value}").Order(StringComparer.Ordinal));

    /// <summary>The uninterrupted reference: the same history and replay on a fresh store.</summary>
    private protected string Reference()
    {
        var target = Ingested();
        var run = StandingProcess.Run(RunArgs(target));
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Enforced(target);
    }

    private protected static int RunsRecorded(string target)
    {
        try
        {
            using var store = EnforcementStore.Open(target);
            return store.AllRuns().Count;
        }
        catch (Exception e) when (e is EventStoreException or InvalidOperationException)
        {
            return 0;
        }
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void A_run_killed_part_way_through_a_replay_and_run_again_equals_an_uninterrupted_run()
    {
        var reference = Reference();
        var target = Ingested();
        // Killed twice at random points (STANDING_FAULT_SEED, named in the messages): once 1 to 12 of the 15 days are
        // committed, and up to 30 ms later (inside a day's transaction or between days).
        var seed = FaultSeed.Value;
        var random = FaultSeed.For("run-replay");
        for (var kill = 0; kill < 2; kill++)
        {
            var days = RunsRecorded(target) + random.Next(1, 7);
            using var process = Process.Start(StandingProcess.StartInfo(RunArgs(target)))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited && RunsRecorded(target) < days) Thread.Sleep(2);
            Thread.Sleep(random.Next(0, 31));
            if (!process.HasExited) process.Kill(entireProcessTree: true); // SIGKILL
            process.WaitForExit();
        }
        var rerun = StandingProcess.Run(RunArgs(target));
        Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}");
        Assert.Equal(reference, Enforced(target));
    }
}

public sealed class SqliteCrashTests : CrashContract
{
    protected override string NewTarget() => Temp.File($"crash-{Guid.NewGuid():N}.db");
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests(PostgresCluster cluster) : CrashContract
{
    protected override string NewTarget() => cluster.NewDatabase();
}

/// <summary>A cluster of its own that the tests kill and restart; commits wait for their WAL, as a real server's do.</summary>
public sealed class CrashablePostgresCluster() : PostgresCluster(durable: true);

[CollectionDefinition(Name)]
public sealed class CrashablePostgresCollection : ICollectionFixture<CrashablePostgresCluster>
{
    public const string Name = "postgresql-crash";
}

/// <summary>The PostgreSQL server killed (<c>pg_ctl stop -m immediate</c>) under an ingest and under the daily job.</summary>
[Collection(CrashablePostgresCollection.Name)]
public sealed class PostgresServerCrashTests(CrashablePostgresCluster cluster) : CrashContract
{
    protected override string NewTarget() => cluster.NewDatabase();

    private void CrashWhen(Process process, Func<bool> landed)
    {
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited && !landed()) Thread.Sleep(2);
        try
        {
            cluster.Crash();
        }
        finally
        {
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
            cluster.Start();
        }
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void The_database_killed_mid_ingest_loses_no_committed_batch_and_a_rerun_stores_exactly_the_file_with_current_facts()
    {
        var file = Temp.File("many.ndjson");
        var events = Enumerable.Range(0, 40_000).Select(i => Events.Placed($"pg-{i}", $"shop-{i % 4_000}", minute: i % 1_000)).ToList();
        NdjsonEventWriter.WriteFile(file, events);
        var target = NewTarget();
        using (var process = Process.Start(StandingProcess.StartInfo("ingest", file, "--db", target, "--batch-size", "2000"))!)
            CrashWhen(process, () => CountOrZero(target) > 0);

        using (var store = StoreContract.OpenAfterCrash(target))
        {
            // Each batch is one transaction: whole batches survive, never part of one.
            Assert.Equal(0, store.Count() % 2_000);
            StoreContract.AssertEqualToTheLog(store, StoreContract.CurrentFacts(store));
        }
        var rerun = StandingProcess.Run("ingest", file, "--db", target, "--batch-size", "2000");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr + rerun.Stdout);
        using (var store = EventStore.Open(target, create: false))
        {
            Assert.Equal(events.Select(NdjsonEventWriter.ToLine).Order(StringComparer.Ordinal), store.ReadAll().Select(NdjsonEventWriter.ToLine).Order(StringComparer.Ordinal));
            var facts = StoreContract.CurrentFacts(store);
            Assert.Equal(4_000, facts.Count);
            StoreContract.AssertEqualToTheLog(store, facts);
        }
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void The_database_killed_mid_run_and_the_run_repeated_equals_an_uninterrupted_run()
    {
        var reference = Reference();
        var target = Ingested();
        using (var process = Process.Start(StandingProcess.StartInfo(RunArgs(target)))!)
            CrashWhen(process, () => RunsRecorded(target) > 0);
        var rerun = StandingProcess.Run(RunArgs(target));
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(reference, Enforced(target));
    }

    private static long CountOrZero(string target)
    {
        try
        {
            using var store = EventStore.Open(target, create: false);
            return store.Count();
        }
        catch (EventStoreException)
        {
            return 0;
        }
    }
}
