using System.Text.RegularExpressions;

namespace Standing.Cli.Tests;

/// <summary>
/// Long jobs report progress on stderr: plain lines when stderr is not a terminal (a pipe, a log file), as
/// here, so stdout stays the command's document. <c>STANDING_PROGRESS_SECONDS=0</c> prints every report,
/// so these small jobs show what a large one prints every five seconds.
/// </summary>
public sealed partial class ProgressTests : IDisposable
{
    private static readonly Dictionary<string, string> EveryReport = new() { ["STANDING_PROGRESS_SECONDS"] = "0" };
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Ingest_demo_and_a_replay_print_plain_progress_lines_on_stderr_and_keep_stdout_clean()
    {
        var output = Path.Combine(_dir.Path, "demo");
        var demo = StandingProcess.RunWith(_dir.Path, EveryReport, "demo", "--sellers", "6", "--days", "20", "--out", output);
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        // One line per seller begun (the generator writes seller after seller), then the closing line.
        for (var seller = 1; seller < 6; seller++)
            Assert.Contains($"generating 6 sellers over 20 days: {seller} of 6 sellers (", demo.Stderr, StringComparison.Ordinal);
        Assert.Contains("generating 6 sellers over 20 days: done, 6 sellers (", demo.Stderr, StringComparison.Ordinal);
        // Eight built-in packs (README's table), one line each but the last, which the closing line reports.
        Assert.Contains("evaluating every pack: 7 of 8 packs (", demo.Stderr, StringComparison.Ordinal);
        Assert.Contains("evaluating every pack: done, 8 packs (", demo.Stderr, StringComparison.Ordinal);
        Assert.Contains("storing the events in a SQLite event store: done, ", demo.Stderr, StringComparison.Ordinal);
        AssertPlain(demo);

        var events = Path.Combine(output, "events.ndjson");
        var bytes = new FileInfo(events).Length;
        var db = Path.Combine(_dir.Path, "store.db");
        var ingest = StandingProcess.RunWith(_dir.Path, EveryReport, "ingest", events, "--db", db);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        Assert.Contains($"ingesting events: done, {bytes:N0} bytes (", ingest.Stderr, StringComparison.Ordinal);
        // Six sellers fold in one chunk: the closing line alone says it.
        Assert.Contains("folding facts: done, 6 sellers (", ingest.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("ingested into ", ingest.Stdout, StringComparison.Ordinal);
        AssertPlain(ingest);

        // Three days of eight packs: 24 runs of a policy, reported as each as-of (one time zone's packs) is done.
        var run = StandingProcess.RunWith(_dir.Path, EveryReport, "run", "--db", db, "--from", "2026-05-29", "--to", "2026-05-31");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var counts = RunLine().Matches(run.Stderr).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(counts);
        Assert.Equal(counts.Order(), counts);
        Assert.All(counts, c => Assert.InRange(c, 1, 23));
        Assert.Matches(RunDone(), run.Stderr.TrimEnd().Split('\n')[^1]);
        Assert.Contains("congocrea: 6 sellers evaluated", run.Stdout, StringComparison.Ordinal);
        AssertPlain(run);
    }

    [Fact]
    public void A_short_job_prints_no_progress_by_default()
    {
        var output = Path.Combine(_dir.Path, "demo");
        var demo = StandingProcess.Run("demo", "--sellers", "3", "--days", "10", "--out", output);
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var ingest = StandingProcess.Run("ingest", Path.Combine(output, "events.ndjson"), "--db", Path.Combine(_dir.Path, "store.db"));
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        Assert.Equal("", ingest.Stderr);
    }

    /// <summary>No progress line on stdout, no terminal escape codes anywhere.</summary>
    private static void AssertPlain(StandingProcess.Result result)
    {
        Assert.DoesNotMatch(ProgressLine(), result.Stdout);
        Assert.DoesNotContain("\u001b[", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^running 3 days: (\d+) of 24 policy runs \(\d+ s\)$", RegexOptions.Multiline)]
    private static partial Regex RunLine();

    [GeneratedRegex(@"^running 3 days: done, 24 policy runs \(\d+ s\)$")]
    private static partial Regex RunDone();

    [GeneratedRegex(@": (\d[\d,]* of [\d,]+ \w+|done, [\d,]+ [\w ]+) \(\d+ s\)", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}
