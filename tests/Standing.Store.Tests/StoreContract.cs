using System.Diagnostics;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// What every engine of the event store must do; run against SQLite (a file in a temp folder) and
/// against a real PostgreSQL server (a throw-away cluster).
/// </summary>
public abstract partial class StoreContract : IDisposable
{
    protected TempFolder Temp { get; } = new();

    /// <summary>A --db target for a new, empty store.</summary>
    protected abstract string NewTarget();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private static HashSet<string> Lines(IEnumerable<StandingEvent> events) => events.Select(NdjsonEventWriter.ToLine).ToHashSet();

    [Fact]
    public void Ingesting_the_same_events_twice_changes_nothing()
    {
        var target = NewTarget();
        var events = Events.Mixed(300);
        using var store = EventStore.Open(target, create: true);
        var first = store.Append(events);
        Assert.All(first.Outcomes, o => Assert.Equal(EventLogOutcome.Accepted, o));
        var before = Lines(store.ReadAll());

        var second = store.Append(events);
        Assert.All(second.Outcomes, o => Assert.Equal(EventLogOutcome.Duplicate, o));
        Assert.Equal(events.Count, store.Count());
        Assert.Equal(before, Lines(store.ReadAll()));
        Assert.Equal(Lines(events), before);
    }

    [Fact]
    public void A_new_store_opened_by_several_processes_at_once_is_set_up_once()
    {
        // An ingest creating the store while an evaluate or a second ingest opens it: each sees the
        // schema half-made or not at all, and only one may create it.
        var target = NewTarget();
        var events = Events.Mixed(40);
        using var start = new Barrier(6);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var openers = Enumerable.Range(0, 6).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                using var store = EventStore.Open(target, create: true);
                store.Append(events.Where((_, n) => n % 6 == i).ToList());
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        })).ToList();
        openers.ForEach(t => t.Start());
        openers.ForEach(t => t.Join());

        Assert.Empty(errors);
        using var opened = EventStore.Open(target, create: false);
        Assert.Equal(Lines(events), Lines(opened.ReadAll()));
    }

    [Fact]
    public void Reading_every_event_in_storage_order_gives_the_stored_set()
    {
        var events = Events.Mixed(120);
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(events.Skip(60).ToList());
        store.Append(events.Take(60).ToList());

        var every = store.ReadEvery();

        Assert.Equal(events.Count, every.Count);
        Assert.Equal(Lines(events), Lines(every));
    }

    [Fact]
    public void Any_arrival_order_and_batching_gives_the_same_stored_set()
    {
        var events = Events.Mixed(200);
        var expected = Lines(events);
        var random = new Random(7);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var shuffled = events.OrderBy(_ => random.Next()).ToList();
            using var store = EventStore.Open(NewTarget(), create: true);
            var size = 1 + random.Next(60);
            for (var i = 0; i < shuffled.Count; i += size) store.Append(shuffled.Skip(i).Take(size).ToList());
            Assert.Equal(expected, Lines(store.ReadAll()));
        }
    }

    [Fact]
    public void A_conflicting_id_keeps_the_first_event_and_is_reported()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        var original = Events.Placed("x1", "shop-1");
        store.Append([original]);
        var changed = original with { Buyer = "someone-else" };
        var otherSeller = original with { Seller = "shop-2" };
        var result = store.Append([changed, otherSeller, Events.Placed("x2", "shop-1")]);

        Assert.Equal([EventLogOutcome.Conflict, EventLogOutcome.Conflict, EventLogOutcome.Accepted], result.Outcomes);
        Assert.Equal(AppendResult.Stored, result.Conflicts[0]);
        Assert.Equal(original, store.ReadAll().Single(e => e.Id == "x1"));
        Assert.Equal(2, store.Count());
    }

    [Fact]
    public void A_repeat_of_a_line_that_conflicts_with_the_store_is_a_conflict_too_and_the_stored_event_again_a_duplicate()
    {
        // Found by the HTTP body fuzzing: a batch repeating a line that differs from the stored event
        // answered the repeat "duplicate", as if it were stored. Each repeat is judged against what is kept.
        using var store = EventStore.Open(NewTarget(), create: true);
        var original = Events.Placed("z1", "shop-1");
        store.Append([original]);
        var changed = original with { Buyer = "someone-else" };
        var result = store.Append([changed, changed, original, original with { Buyer = "third" }]);

        Assert.Equal([EventLogOutcome.Conflict, EventLogOutcome.Conflict, EventLogOutcome.Duplicate, EventLogOutcome.Conflict], result.Outcomes);
        Assert.Equal([AppendResult.Stored, AppendResult.Stored, AppendResult.Stored], new[] { 0, 1, 3 }.Select(i => result.Conflicts[i]));
        Assert.False(result.Conflicts.ContainsKey(2));
        Assert.Equal(original, Assert.Single(store.ReadAll()));
    }

    [Fact]
    public void Repeats_inside_one_batch_are_settled_first_wins()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        var a = Events.Placed("y1", "shop-1");
        var result = store.Append([a, a, a with { Buyer = "b-2" }]);
        Assert.Equal([EventLogOutcome.Accepted, EventLogOutcome.Duplicate, EventLogOutcome.Conflict], result.Outcomes);
        Assert.Equal(0, result.Conflicts[2]);
        Assert.Equal(a, Assert.Single(store.ReadAll()));
    }

    [Fact]
    public void Events_read_back_equal_what_was_stored_and_can_be_read_per_seller()
    {
        var events = Events.Mixed(50);
        using (var store = EventStore.Open(NewTarget(), create: true))
        {
            store.Append(events);
            Assert.Equal(events.Where(e => e.Seller == "shop-3").ToHashSet(), store.ReadAll("shop-3").ToHashSet());
            Assert.Empty(store.ReadAll("nobody"));
        }
    }

    [Fact]
    public void Reopening_a_store_keeps_its_events_and_schema()
    {
        var target = NewTarget();
        using (var store = EventStore.Open(target, create: true)) store.Append(Events.Mixed(10));
        using (var again = EventStore.Open(target, create: false))
        {
            Assert.Equal(Events.Mixed(10).Count, again.Count());
        }
    }

    // ---- through the real command ----

    [Fact]
    public void Ingest_prints_a_summary_and_a_second_run_only_duplicates()
    {
        var target = NewTarget();
        var file = Temp.File("events.ndjson");
        NdjsonEventWriter.WriteFile(file, Events.Mixed(30));
        var bad = Temp.Write("bad.ndjson", "{\"id\":\"z\",\"type\":\"order.placed\",\"at\":\"2026-03-01T00:00:00\",\"seller\":\"s\",\"order\":\"o\"}\nnot json\n");
        var rejects = Temp.File("rejects.ndjson");

        var first = StandingProcess.Run("ingest", file, bad, "--db", target, "--rejects", rejects);
        Assert.True(first.ExitCode == 2, first.Stderr + first.Stdout);
        Assert.Matches(@"accepted \(new\)\s+" + Events.Mixed(30).Count, first.Stdout);
        Assert.Matches(@"order\.placed\s+30", first.Stdout);
        Assert.Contains("bad.ndjson:1: ", first.Stderr);
        Assert.Contains("bad.ndjson:2: ", first.Stderr);
        Assert.Equal(2, File.ReadAllLines(rejects).Length);

        var second = StandingProcess.Run("ingest", file, "--db", target);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Matches(@"accepted \(new\)\s+0", second.Stdout);
        Assert.Matches(@"duplicates\s+" + Events.Mixed(30).Count, second.Stdout);
    }

    [Fact]
    public void Ingest_reports_conflicts_with_the_line_and_exits_2()
    {
        var target = NewTarget();
        var a = Temp.File("a.ndjson");
        var b = Temp.File("b.ndjson");
        NdjsonEventWriter.WriteFile(a, [Events.Placed("k1", "shop-1")]);
        NdjsonEventWriter.WriteFile(b, [Events.Placed("k2", "shop-1"), Events.Placed("k1", "shop-1") with { Buyer = "other" }]);
        Assert.Equal(0, StandingProcess.Run("ingest", a, "--db", target).ExitCode);
        var run = StandingProcess.Run("ingest", b, "--db", target);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("b.ndjson:2: conflict: event id \"k1\" is already stored", run.Stderr);
        Assert.Matches(@"conflicts\s+1", run.Stdout);
    }

    // A file holding one id twice with different bodies (and once more with the first body): the later
    // line is a conflict located at its line naming the first, the first is stored, the counts are exact.
    [Fact]
    public void Ingest_of_a_file_repeating_an_id_with_another_body_reports_the_later_line_and_stores_the_first()
    {
        var target = NewTarget();
        var file = Temp.File("repeats.ndjson");
        var first = Events.Placed("r1", "shop-1");
        NdjsonEventWriter.WriteFile(file, [first, Events.Placed("r2", "shop-1"), first with { Buyer = "other" }, first, first with { Seller = "shop-2" }]);
        var run = StandingProcess.Run("ingest", file, "--db", target);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("repeats.ndjson:3: conflict: event id \"r1\" was already read at " + file + ":1", run.Stderr);
        Assert.Contains("repeats.ndjson:5: conflict: event id \"r1\" was already read at " + file + ":1", run.Stderr);
        Assert.Matches(@"accepted \(new\)\s+2", run.Stdout);
        Assert.Matches(@"duplicates\s+1", run.Stdout);
        Assert.Matches(@"conflicts\s+2", run.Stdout);
        using var store = EventStore.Open(target, create: false);
        Assert.Equal(2, store.Count());
        Assert.Equal(first, store.ReadAll().Single(e => e.Id == "r1"));
    }

    [Fact]
    public void Evaluate_and_explain_from_the_store_equal_evaluate_from_the_file()
    {
        var demo = StandingProcess.Run("demo", "--sellers", "12", "--days", "120", "--seed", "3", "--out", Temp.Path, "--as-of", "2026-06-01T00:00:00Z");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var events = Path.Combine(Temp.Path, "events.ndjson");
        var target = NewTarget();
        var ingest = StandingProcess.Run("ingest", events, "--db", target);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr + ingest.Stdout);

        // Every pack, so that every kind of stored fact is read back (ingest stored them all).
        foreach (var policy in new[] { "congocrea", "mall", "promua", "econfiance", "kuaishou", "douyin", "pinduoduo", "tmall" })
        {
            var fromFile = StandingProcess.Run("evaluate", "--events", events, "--policy", policy, "--as-of", "2026-06-01T00:00:00Z", "--format", "json");
            var fromStore = StandingProcess.Run("evaluate", "--db", target, "--policy", policy, "--as-of", "2026-06-01T00:00:00Z", "--format", "json");
            Assert.Equal(0, fromFile.ExitCode);
            Assert.True(fromStore.ExitCode == 0, fromStore.Stderr);
            Assert.Equal(fromFile.Stdout, fromStore.Stdout);
        }
        var seller = System.Text.Json.JsonDocument.Parse(
            StandingProcess.Run("evaluate", "--events", events, "--policy", "mall", "--as-of", "2026-06-01T00:00:00Z", "--format", "json").Stdout)
            .RootElement.GetProperty("sellers")[0].GetProperty("seller").GetString()!;
        var explainFile = StandingProcess.Run("explain", "--events", events, "--policy", "mall", "--as-of", "2026-06-01T00:00:00Z", "--seller", seller, "--format", "json");
        var explainStore = StandingProcess.Run("explain", "--db", target, "--policy", "mall", "--as-of", "2026-06-01T00:00:00Z", "--seller", seller, "--format", "json");
        Assert.Equal(explainFile.Stdout, explainStore.Stdout);

        var unknown = StandingProcess.Run("explain", "--db", target, "--policy", "mall", "--as-of", "2026-06-01T00:00:00Z", "--seller", "no-such-shop");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown seller \"no-such-shop\"", unknown.Stderr);
    }

    [Fact]
    public async Task A_load_killed_mid_way_and_run_again_stores_exactly_one_clean_load()
    {
        var file = Temp.File("big.ndjson");
        var events = Events.Mixed(60_000);
        NdjsonEventWriter.WriteFile(file, events);
        var target = NewTarget();

        using (var process = Process.Start(StandingProcess.StartInfo("ingest", file, "--db", target, "--batch-size", "2000"))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            long seen = 0;
            while (seen == 0 && clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
            {
                seen = CountOrZero(target);
                if (seen == 0) Thread.Sleep(5);
            }
            var exitedByItself = process.HasExited;
            process.Kill(entireProcessTree: true); // SIGKILL
            process.WaitForExit();
            var atKill = CountAfterCrash(target);
            var why = exitedByItself ? await stderr : "";
            Assert.True(atKill > 0 && atKill < events.Count,
                $"the kill should land mid-load, but {atKill} of {events.Count} events were stored"
                + (exitedByItself ? $"; the ingest had already exited with {process.ExitCode}: {why}" : ""));
        }

        var rerun = StandingProcess.Run("ingest", file, "--db", target, "--batch-size", "2000");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr + rerun.Stdout);
        using var store = EventStore.Open(target, create: false);
        Assert.Equal(events.Count, store.Count());
        Assert.Equal(Lines(events), Lines(store.ReadAll()));
    }

    /// <summary>
    /// The count right after the kill. Opening can briefly fail while the killed writer's locks and
    /// write-ahead log are recovered: that is retried, so it is never mistaken for an empty store.
    /// </summary>
    private static long CountAfterCrash(string target)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var store = EventStore.Open(target, create: false);
                return store.Count();
            }
            catch (EventStoreException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(50);
            }
        }
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

public sealed class SqliteStoreTests : StoreContract
{
    private int _n;

    protected override string NewTarget() => Temp.File($"store{++_n}.db");

    protected override void ExecuteSql(string target, string sql)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_alone()
    {
        var path = Temp.Write("notes.db", "just some text\n");
        var run = StandingProcess.Run("ingest", Temp.Write("e.ndjson", NdjsonEventWriter.ToLine(Events.Placed("a", "s")) + "\n"), "--db", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a Standing event store (not a SQLite database)", run.Stderr);
        Assert.Equal("just some text\n", File.ReadAllText(path));
    }

    [Fact]
    public void Another_programs_sqlite_database_is_refused_and_left_alone()
    {
        var path = Temp.File("other.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'a')";
            cmd.ExecuteNonQuery();
        }
        var bytes = File.ReadAllBytes(path);
        var error = Assert.Throws<EventStoreException>(() => EventStore.Open(path, create: true));
        Assert.Contains("not a Standing event store", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_store_from_a_newer_version_is_refused_and_left_alone()
    {
        var path = NewTarget();
        using (var store = EventStore.Open(path, create: true)) store.Append([Events.Placed("a", "s")]);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE standing_meta SET value = '99' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }
        var bytes = File.ReadAllBytes(path);
        var error = Assert.Throws<EventStoreException>(() => EventStore.Open(path, create: true));
        Assert.Contains("schema version 99, newer than this Standing knows", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Evaluate_on_a_missing_store_says_so_and_creates_nothing()
    {
        var path = Temp.File("missing.db");
        var run = StandingProcess.Run("evaluate", "--db", path, "--policy", "congocrea", "--as-of", "2026-06-01");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no such event store", run.Stderr);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Evaluate_needs_exactly_one_of_events_and_db()
    {
        var run = StandingProcess.Run("evaluate", "--policy", "congocrea", "--as-of", "2026-06-01");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exactly one of them", run.Stderr);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresCluster cluster) : StoreContract
{
    private int _n;

    // Alternate the two spellings of a target: connection string and URL.
    protected override string NewTarget()
    {
        var connectionString = cluster.NewDatabase();
        return ++_n % 2 == 0 ? cluster.Url(connectionString) : connectionString;
    }

    protected override void ExecuteSql(string target, string sql)
    {
        using var c = new Npgsql.NpgsqlConnection(target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target);
        c.Open();
        using var cmd = new Npgsql.NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void A_server_that_does_not_answer_is_a_clear_error()
    {
        var run = StandingProcess.Run("ingest", Temp.Write("e.ndjson", NdjsonEventWriter.ToLine(Events.Placed("a", "s")) + "\n"),
            "--db", "Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=3");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot connect to PostgreSQL", run.Stderr);
    }

    [Fact]
    public void A_database_with_a_foreign_events_table_is_refused_and_left_alone()
    {
        var target = cluster.NewDatabase();
        using (var c = new Npgsql.NpgsqlConnection(target))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("CREATE TABLE events (x int); INSERT INTO events VALUES (1)", c);
            cmd.ExecuteNonQuery();
        }
        var error = Assert.Throws<EventStoreException>(() => EventStore.Open(target, create: true));
        Assert.Contains("not a Standing event store", error.Message);
        using var check = new Npgsql.NpgsqlConnection(target);
        check.Open();
        using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", check);
        Assert.Equal(1L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void A_store_from_a_newer_version_is_refused()
    {
        var target = cluster.NewDatabase();
        using (var store = EventStore.Open(target, create: true)) store.Append([Events.Placed("a", "s")]);
        using (var c = new Npgsql.NpgsqlConnection(target))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("UPDATE standing_meta SET value = '99' WHERE key = 'schema_version'", c);
            cmd.ExecuteNonQuery();
        }
        var error = Assert.Throws<EventStoreException>(() => EventStore.Open(target, create: true));
        Assert.Contains("newer than this Standing knows", error.Message);
    }

    [Fact]
    public void Every_table_with_seller_data_is_keyed_by_seller_first()
    {
        var target = cluster.NewDatabase();
        using (EventStore.Open(target, create: true))
        {
        }
        using var c = new Npgsql.NpgsqlConnection(target);
        c.Open();
        // The small reference tables hold no seller data: the store's meta, the as-of instants enforcement ran for, the API keys, the marketplaces.
        // Backtest runs are the marketplace's, like enforcement runs: one report over all its sellers, never read by seller.
        using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] " +
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indisprimary AND n.nspname = 'public' AND c.relname NOT IN ('standing_meta', 'enforcement_runs', 'api_keys', 'marketplaces', 'backtest_runs')", c);
        using var reader = cmd.ExecuteReader();
        var keys = new List<(string, string)>();
        while (reader.Read()) keys.Add((reader.GetString(0), reader.GetString(1)));
        Assert.Contains(("events", "seller"), keys);
        Assert.All(keys, k => Assert.Equal("seller", k.Item2));
    }
}
