namespace Standing.Cli.Tests;

/// <summary>
/// Mistakes a user can make on the command line: each gets a message naming the place, exit code 1,
/// never a stack trace, and leaves inputs and stores as they were.
/// </summary>
public sealed class UserErrorTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // shop-7: order o-100 placed 2026-03-02 09:15 +01:00 (08:15 UTC) with a 2-star review; shop-8: one order.
    private const string Good = """
        {"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100","buyer":"b-1"}
        {"id":"e2","type":"review.posted","at":"2026-03-12T18:00:00+01:00","seller":"shop-7","review":"r-9","order":"o-100","stars":2}
        {"id":"e4","type":"order.placed","at":"2026-03-05T09:15:00+01:00","seller":"shop-8","order":"o-200"}
        """;

    // Line 2 is not JSON (rejected): used where a rejects file would be written.
    private const string WithBadLine = """
        {"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100","buyer":"b-1"}
        not json
        """;

    public void Dispose() => _dir.Dispose();

    private static void Refused(StandingProcess.Result run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
    }

    private string Store(string name = "s.db")
    {
        var events = _dir.File("good-" + name + ".ndjson", Good);
        var db = Path.Combine(_dir.Path, name);
        var ingest = StandingProcess.Run("ingest", events, "--db", db);
        Assert.Equal(0, ingest.ExitCode);
        return db;
    }

    private string P(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void Rejects_naming_the_store_or_an_input_is_refused_and_nothing_changes()
    {
        var db = Store();
        var storeBytes = File.ReadAllBytes(db);
        var input = _dir.File("m.ndjson", WithBadLine);

        // The store named by another spelling of the same path is still the store.
        var intoStore = StandingProcess.RunIn(_dir.Path, "ingest", input, "--db", db, "--rejects", "./s.db");
        Refused(intoStore, "is the event store");
        Assert.Equal(storeBytes, File.ReadAllBytes(db));

        var intoInput = StandingProcess.RunIn(_dir.Path, "evaluate", "--events", "m.ndjson", "--rejects", input, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z");
        Refused(intoInput, "is the input file");
        Assert.Equal(WithBadLine, File.ReadAllText(input));

        var ingestIntoInput = StandingProcess.Run("ingest", input, "--db", P("new.db"), "--rejects", input);
        Refused(ingestIntoInput, "is the input file");
        Assert.Equal(WithBadLine, File.ReadAllText(input));
        Assert.False(File.Exists(P("new.db")));
    }

    [Fact]
    public void Rejects_naming_a_folder_is_refused_before_anything_is_stored_or_evaluated()
    {
        var input = _dir.File("m.ndjson", WithBadLine);
        Directory.CreateDirectory(P("adir"));

        var ingest = StandingProcess.Run("ingest", input, "--db", P("n.db"), "--rejects", P("adir"));
        Refused(ingest, "is a directory");
        Assert.False(File.Exists(P("n.db")));

        var evaluate = StandingProcess.Run("evaluate", "--events", input, "--rejects", P("adir"), "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z");
        Refused(evaluate, "is a directory");
        Assert.Equal("", evaluate.Stdout);
    }

    [Theory]
    [InlineData("evaluate", "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z")]
    [InlineData("ingest", "IN")]
    [InlineData("run", "--as-of", "2026-04-01T00:00:00Z")]
    [InlineData("rebuild")]
    [InlineData("cases", "list")]
    [InlineData("outbox", "list")]
    [InlineData("disputes", "list")]
    public void An_empty_db_is_refused_with_a_message(params string[] args)
    {
        var input = _dir.File("good.ndjson", Good);
        var run = StandingProcess.RunIn(_dir.Path, [.. args.Select(a => a == "IN" ? input : a), "--db", ""]);
        Refused(run, "--db is empty");
    }

    [Fact]
    public void Folders_and_numbers_of_demo_bench_and_outbox_are_checked_naming_the_flag()
    {
        var file = _dir.File("afile", "keep me");
        Refused(StandingProcess.Run("demo", "--out", ""), "--out is empty");
        Refused(StandingProcess.Run("demo", "--out", file, "--sellers", "2", "--days", "3"), $"--out {file}: is a file, not a folder");
        Refused(StandingProcess.Run("bench", "--sellers", "0"), "--sellers must be at least 1 (got 0)");
        Refused(StandingProcess.Run("bench", "--sellers", "-1"), "--sellers must be at least 1 (got -1)");
        Refused(StandingProcess.Run("bench", "--orders", "-5"), "--orders must be at least 1 (got -5)");
        Refused(StandingProcess.Run("bench", "--ingest", "-3"), "--ingest must be at least 1 (got -3)");
        Refused(StandingProcess.Run("bench", "--ingest", "100", "--keep", file), $"--keep {file}: is a file, not a folder");
        Refused(StandingProcess.Run("bench", "--file", _dir.Path, "--sellers", "2", "--orders", "10"), "is a directory, not a file");
        Assert.Equal("keep me", File.ReadAllText(file));

        var db = Store();
        Refused(StandingProcess.Run("outbox", "deliver", "--db", db, "--folder", ""), "--folder is empty");
        Refused(StandingProcess.Run("outbox", "deliver", "--db", db, "--folder", file), $"--folder {file}: is a file, not a folder");
        Refused(StandingProcess.Run("outbox", "deliver", "--db", db), "name where to deliver");
    }

    [Fact]
    public void A_damaged_store_is_reported_as_damaged()
    {
        var db = Store();
        // Every page after the first overwritten: the file still starts as a SQLite database.
        using (var file = new FileStream(db, FileMode.Open, FileAccess.ReadWrite))
        {
            for (long page = 1; page * 16384 < file.Length; page++)
            {
                file.Position = page * 16384;
                file.Write(Enumerable.Repeat((byte)0x37, 100).ToArray());
            }
        }
        Refused(StandingProcess.Run("rebuild", "--db", db), $"{db}: the store is damaged"); // names the store given with --db
        Refused(StandingProcess.Run("evaluate", "--db", db, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z"), "the store is damaged");
    }

    [Fact]
    public void Read_commands_do_not_turn_an_empty_file_into_a_store()
    {
        var zero = _dir.File("zero.db", "");
        Refused(StandingProcess.Run("evaluate", "--db", zero, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z"), "no Standing event store in this file");
        Refused(StandingProcess.Run("cases", "list", "--db", zero), "no Standing event store in this file");
        Assert.Equal(0, new FileInfo(zero).Length);
    }

    [Fact]
    public void An_ingest_that_accepts_nothing_leaves_no_new_store_and_csv_gets_a_hint()
    {
        var csv = _dir.File("orders.ndjson", "order_id,seller_id,placed_at\no-1,s-1,2026-03-01 10:00\n");
        var run = StandingProcess.Run("ingest", csv, "--db", P("c.db"));
        Assert.Equal(2, run.ExitCode); // lines rejected: the documented exit code
        Assert.Contains("looks like CSV", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--mapping", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("c.db")));
    }

    [Fact]
    public void Empty_input_is_noted_on_stderr()
    {
        var empty = _dir.File("empty.ndjson", "");
        Directory.CreateDirectory(P("adir"));

        var evaluate = StandingProcess.Run("evaluate", "--events", empty, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z");
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains($"no events in {empty}", evaluate.Stderr, StringComparison.Ordinal);

        var ingest = StandingProcess.Run("ingest", empty, "--db", P("e.db"));
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains($"no events in {empty}", ingest.Stderr, StringComparison.Ordinal);

        var folder = StandingProcess.Run("ingest", P("adir"), "--db", P("e.db"));
        Assert.Equal(0, folder.ExitCode);
        Assert.Contains($"no events in {P("adir")}", folder.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A policy of one's own without an enforcement section (every built-in pack has one).</summary>
    private const string PlainPolicy = """
        id: plain
        version: "1"
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: orders
            title: Orders placed
            kind: count
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: false }
        """;

    [Fact]
    public void Run_checks_its_sinks_and_dates_before_running()
    {
        var db = Store();
        var bad = StandingProcess.Run("run", "--db", db, "--as-of", "2026-04-01T00:00:00Z", "--policy", "congocrea", "--notify-webhook", "notaurl");
        Refused(bad, "--notify-webhook \"notaurl\" is not an http(s) URL");
        Assert.Equal("", bad.Stdout);
        // Nothing was run: the same run now runs (it would say "already run" had the first one committed).
        var good = StandingProcess.Run("run", "--db", db, "--as-of", "2026-04-01T00:00:00Z", "--policy", "congocrea");
        Assert.Equal(0, good.ExitCode);
        Assert.DoesNotContain("already run", good.Stdout, StringComparison.Ordinal);

        Refused(StandingProcess.Run("run", "--db", db, "--from", "2026-05-01", "--to", "2026-06-31"), "--to \"2026-06-31\" is not a date");
        // A policy without an enforcement section is evaluated and reported, not a failure.
        var file = Path.Combine(Path.GetDirectoryName(db)!, "plain.yaml");
        File.WriteAllText(file, PlainPolicy);
        var plain = StandingProcess.Run("run", "--db", db, "--as-of", "2026-04-01T00:00:00Z", "--policy", file);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("plain: no enforcement section; evaluated and reported, no cases opened", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Disputes_need_a_decider_and_a_note_and_cannot_predate_their_item()
    {
        var db = Store();
        // o-100 was placed 2026-03-02T09:15+01:00 = 2026-03-02T08:15:00Z: a dispute filed a day earlier is refused.
        var early = StandingProcess.Run("disputes", "open", "--db", db, "--seller", "shop-7", "--policy", "congocrea", "--item", "o-100",
            "--reason", "not mine", "--at", "2026-03-01T08:15:00Z");
        Refused(early, "2026-03-01T08:15:00Z");
        Assert.Contains("2026-03-02T08:15:00Z", early.Stderr, StringComparison.Ordinal);

        var open = StandingProcess.Run("disputes", "open", "--db", db, "--seller", "shop-7", "--policy", "congocrea", "--item", "o-100",
            "--reason", "not mine", "--at", "2026-03-13T00:00:00Z");
        Assert.Equal(0, open.ExitCode);
        var id = open.Stdout.Trim();
        Refused(StandingProcess.Run("disputes", "decide", id, "--db", db, "--decision", "accept", "--by", "", "--note", "n", "--at", "2026-03-13T01:00:00Z"), "--by must name");
        Refused(StandingProcess.Run("disputes", "decide", id, "--db", db, "--decision", "accept", "--by", "ops", "--note", " ", "--at", "2026-03-13T01:00:00Z"), "--note must say why");
        var list = StandingProcess.Run("disputes", "list", "--db", db);
        Assert.Contains("open", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Directories_where_files_are_expected_are_named_as_directories()
    {
        Directory.CreateDirectory(P("adir"));
        var input = _dir.File("good.ndjson", Good);
        Refused(StandingProcess.Run("policies", "validate", P("adir")), "is a directory");
        Refused(StandingProcess.Run("ingest", input, "--db", P("m.db"), "--mapping", P("adir")), "is a directory");
        Assert.False(File.Exists(P("m.db")));
    }
}
