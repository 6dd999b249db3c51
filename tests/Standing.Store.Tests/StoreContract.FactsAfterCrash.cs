using System.Diagnostics;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Policies;

namespace Standing.Store.Tests;

/// <summary>
/// Ingest keeps the stored facts current; a crash at any point of it (in a batch of events, between batches,
/// in the folding of facts) leaves stored facts that are either current and equal to a fresh fold of the
/// log, or stale (and never read); running the ingest again leaves every seller's facts current, equal to a rebuild's.
/// </summary>
public abstract partial class StoreContract
{
    /// <summary>Many small sellers, so that folding their facts takes several transactions (chunks).</summary>
    internal static List<StandingEvent> ManySellers(int sellers)
    {
        var events = new List<StandingEvent>();
        for (var s = 0; s < sellers; s++)
        {
            var seller = $"m-{s:D5}";
            for (var o = 0; o < 3; o++) events.Add(Events.Placed($"m{s}-{o}", seller, minute: (s % 500) + o));
            if (s % 4 == 0) events.Add(Events.Review($"m{s}-r", seller, $"o-m{s}-0", stars: 1 + (s % 5), minute: 600 + (s % 500)));
        }
        return events;
    }

    [Fact]
    public void Folding_stopped_after_a_chunk_leaves_that_chunk_current_and_the_rest_stale_and_the_next_refresh_finishes_it()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(ManySellers((FactProjection.Chunk * 2) + 10));
        var projection = new FactProjection(store);
        // A crash right after the first chunk's transaction: the progress report comes after each commit.
        Assert.Throws<TimeoutException>(() => projection.Refresh((done, _) => throw new TimeoutException($"crash after {done}")));

        var current = CurrentFacts(store);
        Assert.Equal(FactProjection.Chunk, current.Count);
        AssertEqualToTheLog(store, current);

        Assert.Equal(FactProjection.Chunk + 10, projection.Refresh().Count);
        var all = CurrentFacts(store);
        Assert.Equal((FactProjection.Chunk * 2) + 10, all.Count);
        AssertEqualToTheLog(store, all);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("facts")]
    [InlineData("advancing")]
    [Trait("Suite", "faults")]
    public void An_ingest_killed_while_loading_or_folding_leaves_no_wrong_facts_and_running_it_again_makes_them_all_current(string killWhen)
    {
        var file = Temp.File("many.ndjson");
        var events = ManySellers(6_000);
        var target = NewTarget();
        var loaded = 0;
        if (killWhen == "advancing")
        {
            // A store whose facts are current, then later orders of every seller: each committed batch is folded onto
            // the stored facts of the sellers it touched, so a kill lands between a batch's commit and its facts, or in them.
            var first = Temp.File("first.ndjson");
            NdjsonEventWriter.WriteFile(first, events);
            var load = StandingProcess.Run("ingest", first, "--db", target);
            Assert.True(load.ExitCode == 0, load.Stderr + load.Stdout);
            loaded = events.Count;
            events = [.. Enumerable.Range(0, 6_000).SelectMany(s => new[]
            {
                Events.Placed($"m{s}-later-a", $"m-{s:D5}", minute: 1_200 + (s % 500)),
                Events.Placed($"m{s}-later-b", $"m-{s:D5}", minute: 1_800 + (s % 500)),
            })];
        }
        NdjsonEventWriter.WriteFile(file, events);

        // Killed at a random point (STANDING_FAULT_SEED, named in the messages): once 1 to 3 batches of events, or 1 to
        // 4,000 sellers' facts, are committed, and up to 30 ms later.
        var seed = FaultSeed.Value;
        var random = FaultSeed.For("ingest-" + killWhen);
        var threshold = killWhen == "facts" ? random.Next(1, 4_001) : loaded + (1_500 * random.Next(1, 4));
        using (var process = Process.Start(StandingProcess.StartInfo("ingest", file, "--db", target, "--batch-size", "1500"))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited && Seen(target, killWhen == "facts" ? "facts" : "events") < threshold) Thread.Sleep(2);
            Thread.Sleep(random.Next(0, 31));
            if (!process.HasExited) process.Kill(entireProcessTree: true); // SIGKILL
            process.WaitForExit();
        }

        using (var store = OpenAfterCrash(target))
        {
            AssertEqualToTheLog(store, CurrentFacts(store));
        }

        var rerun = StandingProcess.Run("ingest", file, "--db", target, "--batch-size", "1500");
        Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}{rerun.Stdout}");
        // At most 3 of the 8 batches were in when it was killed: the batches after them touch other sellers, whose facts are current.
        if (killWhen == "advancing") Assert.Contains("facts advanced", rerun.Stdout);
        using (var store = EventStore.Open(target, create: false))
        {
            Assert.Equal(loaded + events.Count, store.Count());
            var current = CurrentFacts(store);
            Assert.Equal(6_000, current.Count);
            AssertEqualToTheLog(store, current);
            // Nothing is left for a read to fold: the daily job reads facts only.
            var projection = new FactProjection(store);
            Assert.Equal(6_000, projection.FactsAsOf(Instant.MaxValue).Count);
            Assert.Empty(projection.LastFolded);
        }
    }

    /// <summary>Events (or fact rows) committed so far; 0 while the store is not there or not readable.</summary>
    private static long Seen(string target, string what)
    {
        try
        {
            using var store = EventStore.Open(target, create: false);
            return what == "events" ? store.Count() : store.ReadFacts(null, bodies: false).Count;
        }
        catch (EventStoreException)
        {
            return 0;
        }
    }

    internal static IEventStore OpenAfterCrash(string target)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return EventStore.Open(target, create: false);
            }
            catch (EventStoreException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The stored facts that a read would take: same log position as the seller's row, this build's format.</summary>
    internal static List<SellerFacts> CurrentFacts(IEventStore store)
    {
        var rows = store.Sellers().ToDictionary(r => r.Seller, r => r.Changed, StringComparer.Ordinal);
        return [.. store.ReadFacts()
            .Where(f => f.Format == FactSnapshot.Format && rows.TryGetValue(f.Seller, out var changed) && changed == f.Changed)
            .Select(f => FactSnapshot.Read(f.Body) ?? throw new InvalidOperationException($"{f.Seller}: stored facts do not read back"))];
    }

    /// <summary>The facts equal a fresh fold of those sellers' events in the log (compared through what Congocrea and Mall measure of them).</summary>
    internal static void AssertEqualToTheLog(IEventStore store, List<SellerFacts> facts)
    {
        var asOf = Instant.MaxValue;
        var fresh = FactFolder.Fold(store.ReadSellers(facts.Select(f => f.Seller).ToList()), asOf);
        Assert.Equal(fresh.Select(f => f.Seller), facts.Select(f => f.Seller));
        var late = Events.T0.Plus(Duration.FromDays(30));
        foreach (var pack in new[] { "congocrea", "mall" })
        {
            var evaluator = new PolicyEvaluator(BuiltInPacks.Load(pack));
            Assert.Equal(Summary(evaluator.Evaluate(fresh, late)), Summary(evaluator.Evaluate(facts, late)));
        }
        Assert.Equal(fresh.Select(f => f.Orders.Count + f.Reviews.Count), facts.Select(f => f.Orders.Count + f.Reviews.Count));
    }
}
