using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// A first load into an empty SQLite store is written without the event indexes, which are built once at the
/// end (docs/ingest.md, "A first load"). It must judge repeats as any load does, and a load killed while
/// writing without the indexes, or while building them, must leave a store that the next command completes
/// into exactly what a load that was never killed stores.
/// </summary>
public sealed class SqliteFirstLoadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(7)]
    [InlineData(40)]
    public void Repeats_across_batches_of_a_first_load_are_judged_as_a_load_into_a_store_with_events_judges_them(int batchSize)
    {
        // Orders, then the same orders again (duplicates) and some with another body (conflicts), in later batches:
        // with a batch of 7 more repeats are deferred than a batch holds, so the load builds its indexes midway.
        var orders = Enumerable.Range(0, 60).Select(i => Events.Placed($"r{i}", $"s-{i % 9}", minute: i)).ToList();
        var again = orders.Where((_, i) => i % 3 == 0).ToList();
        var changed = orders.Where((_, i) => i % 5 == 1).Select(e => Events.Placed(e.Id, e.Seller, minute: 900)).ToList();
        var lines = orders.Concat(again).Concat(changed).Concat(again).Select(NdjsonEventWriter.ToLine);

        var first = Load(NewStore(), lines, batchSize);
        var seeded = NewStore();
        using (var store = EventStore.Open(seeded, create: true))
        {
            store.Append([Events.Placed("seed", "s-seed")]); // not empty: loaded with its indexes, the way every later load is
        }
        var ordinary = Load(seeded, lines, batchSize);

        Assert.Equal((60, again.Count * 2, changed.Count), (first.Summary.Accepted, first.Summary.Duplicates, first.Summary.Conflicts));
        Assert.Equal(Describe(ordinary.Summary), Describe(first.Summary));
        Assert.Equal(ordinary.Stored.Where(l => !l.Contains("\"seed\"", StringComparison.Ordinal)), first.Stored);
        AssertIndexesBuilt(first.Target);
    }

    [Fact]
    public void Another_writer_during_a_first_load_builds_the_indexes_before_it_writes()
    {
        var target = NewStore();
        using var store = EventStore.Open(target, create: true);
        using var ingester = new EventIngester(store, batchSize: 10);
        for (var i = 0; i < 30; i++) ingester.Add(Events.Placed($"a{i}", "s-a", minute: i), "a.ndjson", i + 1);
        Assert.True(Wait(() => ingester.Written >= 20));
        Assert.Equal(0, IndexCount(target)); // written without the indexes

        using (var other = EventStore.Open(target, create: true))
        {
            var result = other.Append([Events.Placed("a3", "s-a", minute: 3), Events.Placed("b", "s-b")]);
            Assert.Equal([EventLogOutcome.Duplicate, EventLogOutcome.Accepted], result.Outcomes);
        }
        Assert.Equal(2, IndexCount(target));

        // "c" is given the place in the log the other process's "b" took: it takes the next free one.
        ingester.Add(Events.Placed("b", "s-b"), "a.ndjson", 31);
        ingester.Add(Events.Placed("c", "s-c"), "a.ndjson", 32);
        var summary = ingester.Complete();
        Assert.Equal((31, 1), (summary.Accepted, summary.Duplicates));
        Assert.Equal(32, store.Count());
        AssertIndexesBuilt(target);
    }

    [Theory]
    [InlineData("loading")]
    [InlineData("indexing")]
    [Trait("Suite", "faults")]
    public void A_first_load_killed_without_its_indexes_or_while_building_them_is_completed_by_the_next_command(string killWhen)
    {
        var file = _temp.File("many.ndjson");
        var events = StoreContract.ManySellers(6_000);
        NdjsonEventWriter.WriteFile(file, events);
        var seed = FaultSeed.Value;
        var random = FaultSeed.For("first-load-" + killWhen);

        // "indexing": killed as soon as every event is in and the indexes are still pending, watched without a pause on
        // one connection: their build takes a few milliseconds, which a delay (or a connection opened per look) lets
        // pass on a quiet machine. Tried again (a new store) until a kill lands before the indexes are committed, so
        // that this case is really met.
        string target;
        var attempts = 0;
        do
        {
            target = NewStore();
            attempts++;
            var threshold = killWhen == "loading" ? 1_500 * random.Next(1, 4) : events.Count;
            using var process = Process.Start(StandingProcess.StartInfo("ingest", file, "--db", target, "--batch-size", "1500"))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            if (killWhen == "loading")
            {
                while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited && !(Peek(target) is (long count, true) && count >= threshold)) Thread.Sleep(1);
                Thread.Sleep(random.Next(0, 31));
            }
            else
            {
                using var watch = new StoreWatch(target);
                while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited && !(watch.Peek() is (long count, true) && count >= threshold)) Thread.SpinWait(100);
            }
            // SIGKILL; the ingest is one process, and walking a tree for its children would give the build milliseconds.
            if (!process.HasExited) process.Kill(entireProcessTree: false);
            process.WaitForExit();
        }
        while (Peek(target) is not (_, true) && attempts < 20);
        Assert.True(Peek(target) is (_, true), $"seed {seed}: no kill in {attempts} attempts landed before the indexes were built");

        // The next opening finds the loader gone and builds the indexes; what the killed load committed is whole.
        using (var store = StoreContract.OpenAfterCrash(target))
        {
            Assert.Equal(2, IndexCount(target));
            StoreContract.AssertEqualToTheLog(store, StoreContract.CurrentFacts(store));
        }

        var rerun = StandingProcess.Run("ingest", file, "--db", target, "--batch-size", "1500");
        Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}{rerun.Stdout}");
        var fresh = NewStore();
        var load = StandingProcess.Run("ingest", file, "--db", fresh, "--batch-size", "1500");
        Assert.True(load.ExitCode == 0, load.Stderr + load.Stdout);
        AssertSameStore(fresh, target, $"seed {seed}");
    }

    private string NewStore() => _temp.File($"store{Guid.NewGuid():N}.db");

    private sealed record Loaded(string Target, IngestSummary Summary, List<string> Stored);

    private Loaded Load(string target, IEnumerable<string> lines, int batchSize)
    {
        var file = _temp.File($"in{Guid.NewGuid():N}.ndjson");
        File.WriteAllLines(file, lines);
        using var store = EventStore.Open(target, create: true);
        using var ingester = new EventIngester(store, batchSize);
        NdjsonFileSource.Read(file, ingester);
        var summary = ingester.Complete();
        return new Loaded(target, summary, [.. store.ReadEvery().Select(NdjsonEventWriter.ToLine)]); // in log (arrival) order
    }

    /// <summary>The counts and each reject's line, event and kind (which earlier line a conflict names depends on where batches end).</summary>
    private static string Describe(IngestSummary summary) =>
        $"{summary.Accepted} {summary.Duplicates} {summary.Conflicts} {string.Join(" | ", summary.Rejects.Select(r => $"{r.Line}: {r.Reason[..(r.Reason.IndexOf('"', r.Reason.IndexOf('"', StringComparison.Ordinal) + 1) + 1)]} {r.Raw}"))}";

    private static bool Wait(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
        return condition();
    }

    /// <summary>Events committed and whether the indexes are pending, read without opening the store as a command does (which would build them).</summary>
    private static (long Events, bool Pending)? Peek(string target)
    {
        if (!File.Exists(target)) return null;
        try
        {
            using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=false");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM standing_meta WHERE key = 'indexes_pending')";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1) > 0);
        }
        catch (SqliteException)
        {
            return null; // not set up yet
        }
    }

    /// <summary>
    /// <see cref="Peek"/> on one read-only connection kept open (opened once the store is set up), so that a look
    /// costs a query, not the opening of a connection.
    /// </summary>
    private sealed class StoreWatch(string target) : IDisposable
    {
        private SqliteConnection? _connection;
        private SqliteCommand? _command;

        public (long Events, bool Pending)? Peek()
        {
            try
            {
                if (_command is null)
                {
                    if (SqliteFirstLoadTests.Peek(target) is null) return null; // not set up yet
                    _connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=false");
                    _connection.Open();
                    _command = _connection.CreateCommand();
                    _command.CommandText = "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM standing_meta WHERE key = 'indexes_pending')";
                }
                using var reader = _command.ExecuteReader();
                reader.Read();
                return (reader.GetInt64(0), reader.GetInt64(1) > 0);
            }
            catch (SqliteException)
            {
                return null; // busy or being set up: looked at again
            }
        }

        public void Dispose()
        {
            _command?.Dispose();
            _connection?.Dispose();
        }
    }

    private static long IndexCount(string target) =>
        (long)Query(target, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('events_by_id', 'events_by_seller')")[0][0]!;

    private static void AssertIndexesBuilt(string target)
    {
        Assert.Equal(2, IndexCount(target));
        Assert.Empty(Query(target, "SELECT value FROM standing_meta WHERE key = 'indexes_pending'"));
        Assert.False(File.Exists(target + "-load"), "the load's lock file is removed");
        Assert.Equal("ok", Query(target, "PRAGMA integrity_check")[0][0]);
    }

    /// <summary>The same schema, events (in seller order), projection row counts and stored facts, byte for byte.</summary>
    private static void AssertSameStore(string expected, string actual, string because)
    {
        AssertIndexesBuilt(actual);
        foreach (var sql in new[]
        {
            "SELECT type, name, sql FROM sqlite_master ORDER BY name",
            "SELECT seller, id, type, at, body FROM events ORDER BY seller, id",
            "SELECT seller, events, first_at, last_at FROM seller_projection ORDER BY seller",
            "SELECT seller, format, body FROM seller_facts ORDER BY seller",
        })
        {
            var want = Query(expected, sql);
            var got = Query(actual, sql);
            Assert.True(want.Count > 0, sql);
            Assert.True(want.Count == got.Count, $"{because}: {sql}: {got.Count} rows, not {want.Count}");
            for (var i = 0; i < want.Count; i++) Assert.True(want[i].SequenceEqual(got[i]), $"{because}: {sql}: row {i} differs");
        }
    }

    private static List<object?[]> Query(string target, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            for (var i = 0; i < row.Length; i++) if (row[i] is byte[] bytes) row[i] = Convert.ToHexString(bytes);
            rows.Add(row);
        }
        return rows;
    }
}
