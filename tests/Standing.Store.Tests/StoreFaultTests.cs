using System.Text;
using Standing.Data.Store;
using Xunit.Abstractions;

namespace Standing.Store.Tests;

/// <summary>
/// Issue 16: faults of the machine told truthfully, on a real file system (a small tmpfs) through the
/// real command. Where a tmpfs cannot be mounted the test writes why and checks nothing.
/// </summary>
public sealed class StoreFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Events for 50 sellers, one order each (about 120 bytes a line).</summary>
    private string Events(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
            text.Append($$"""{"id":"e{{i}}","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"shop-{{i % 50}}","order":"o-{{i}}","buyer":"b-{{i}}"}""").Append('\n');
        return _temp.Write($"events-{count}.ndjson", text.ToString());
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void Disk_full_mid_ingest_says_which_batches_were_committed_and_a_rerun_on_a_larger_disk_completes_it()
    {
        using var disk = ScratchFileSystem.TryMount("3m", out var reason);
        if (disk is null)
        {
            output.WriteLine("not run: " + reason);
            return;
        }
        var events = Events(30_000);
        var db = disk.File("s.db");

        var run = StandingProcess.Run("ingest", events, "--db", db, "--batch-size", "5000");

        Assert.Equal(1, run.ExitCode);
        var match = System.Text.RegularExpressions.Regex.Match(run.Stderr,
            @"the disk is full; the batch being written was not stored, but the (\d+) batch(?:es)? before it (?:was|were) \((\d+) new events, stored for good\); run the same command again to complete it");
        Assert.True(match.Success, run.Stderr);
        var batches = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var committed = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(batches * 5000, committed); // whole batches: 5,000 new events each
        Assert.DoesNotContain("nothing was changed", run.Stderr);
        using (var store = EventStore.Open(db, create: false))
        {
            Assert.Equal(committed, store.Count()); // what the message says is what is stored
        }

        // The rerun the message asks for, after moving the store to a disk with room: completes it.
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(db + suffix)) File.Copy(db + suffix, _temp.File("s.db" + suffix));
        }
        var rerun = StandingProcess.Run("ingest", events, "--db", _temp.File("s.db"), "--batch-size", "5000");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Matches($@"accepted \(new\)\s+{30_000 - committed}\b", rerun.Stdout);
        Assert.Matches($@"duplicates\s+{committed}\b", rerun.Stdout);
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void A_store_on_a_read_only_disk_is_read_by_evaluate_explain_and_cases_list_and_refused_for_ingest_in_one_sentence()
    {
        using var disk = ScratchFileSystem.TryMount("8m", out var reason);
        if (disk is null)
        {
            output.WriteLine("not run: " + reason);
            return;
        }
        var db = disk.File("s.db");
        Assert.Equal(0, StandingProcess.Run("ingest", Events(100), "--db", db).ExitCode);
        var before = File.ReadAllBytes(db);
        disk.MakeReadOnly();

        var evaluate = StandingProcess.Run("evaluate", "--db", db, "--policy", "congocrea", "--as-of", "2026-06-01", "--format", "json");
        var explain = StandingProcess.Run("explain", "--db", db, "--policy", "congocrea", "--as-of", "2026-06-01", "--seller", "shop-7");
        var cases = StandingProcess.Run("cases", "list", "--db", db);
        var ingest = StandingProcess.Run("ingest", Events(10), "--db", db);
        var run = StandingProcess.Run("run", "--db", db, "--as-of", "2026-06-01");

        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal(50, System.Text.Json.JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("sellers").GetArrayLength());
        Assert.True(explain.ExitCode == 0, explain.Stderr);
        Assert.True(cases.ExitCode == 0, cases.Stderr);
        Assert.Contains("0 cases", cases.Stdout);
        foreach (var write in new[] { ingest, run })
        {
            Assert.Equal(1, write.ExitCode);
            Assert.Equal(
                $"{db}: the store can only be read here (its file, folder or disk is read-only), and this command writes to it; nothing was changed. evaluate, explain, causes and cases list/show still read it",
                write.Stderr.Trim());
        }
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void A_store_in_a_missing_folder_names_the_folder()
    {
        var db = Path.Combine(_temp.Path, "no-such-folder", "s.db");

        var run = StandingProcess.Run("ingest", Events(1), "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{db}: the folder {Path.GetDirectoryName(db)} does not exist (create it first, or name a store in a folder that exists)", run.Stderr.Trim());
    }
}
