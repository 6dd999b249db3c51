using System.CommandLine;
using Spectre.Console;
using NodaTime;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Data.Documents;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement.Backtests;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing backtest</c>: what a rule change would have done. Replays the enforcement of a candidate
/// policy and of a baseline of the same standard over a store's history, day by day, with every case in
/// memory (the store is only read), and writes backtest.json and backtest.html.
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Sellers replayed at once by default (<see cref="Backtest.DefaultBatch"/>).</summary>
    internal const int DefaultBatch = Backtest.DefaultBatch;

    public static Command Create()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var policy = CommonOptions.Policy();
        policy.Description = "the candidate rule set: a built-in policy id or a policy YAML file";
        var baseline = new Option<string?>("--baseline") { Description = "the rule set to compare with (built-in id or file) of the same standard" };
        var from = new Option<string>("--from") { Description = "the first day replayed (a date; as of midnight in the policy's zone)", Required = true };
        var to = new Option<string>("--to") { Description = "the last day replayed, inclusive", Required = true };
        var output = new Option<string>("--out") { Description = "the folder to write backtest.json and backtest.html to", DefaultValueFactory = _ => "backtest" };
        var guardCompare = new Option<bool>("--guard-compare")
        {
            Description = "compare the policy with itself without its statistical guards (instead of --baseline): sellers spared, first actions delayed and by how many days",
        };
        var batch = new Option<int>("--batch")
        {
            Description = "sellers replayed at once (memory grows with it, not with the store)",
            DefaultValueFactory = _ => DefaultBatch,
        };
        var command = new Command("backtest", "Replay a candidate policy and a baseline over the stored history, day by day, without touching the store's cases; write backtest.json and backtest.html")
        {
            db, marketplace, policy, baseline, guardCompare, from, to, output, batch,
        };
        command.SetAction(parse => Run(CommonOptions.Target(parse, db, marketplace)!, parse.GetValue(policy)!, parse.GetValue(baseline), parse.GetValue(from)!, parse.GetValue(to)!,
            parse.GetValue(output)!, parse.GetValue(batch), parse.GetValue(guardCompare)));
        return command;
    }

    internal static int Run(string db, string candidateRef, string? baselineRef, string from, string to, string output, int batchSize, bool guardCompare = false)
    {
        var stderr = Consoles.Error;
        var stdout = Consoles.Out;
        if (batchSize < 1)
        {
            stderr.WriteLine("--batch must be at least 1");
            return ExitCodes.Error;
        }
        if (guardCompare && baselineRef is not null)
        {
            stderr.WriteLine("give --baseline or --guard-compare, not both: --guard-compare compares the policy with itself without its guards (nothing was written)");
            return ExitCodes.Error;
        }
        if (baselineRef is null && !guardCompare)
        {
            stderr.WriteLine("give --baseline ID|FILE, the rule set the candidate is compared with (a built-in id, or the policy file in force), or --guard-compare (nothing was written)");
            return ExitCodes.Error;
        }
        var dateErrors = new StringWriter();
        if (!RunDays.TryParse(null, from, to, dateErrors, out var days))
        {
            stderr.WriteLine(dateErrors.ToString().TrimEnd() + " (nothing was written)");
            return ExitCodes.Error;
        }
        if (!Load(candidateRef, "--policy", stderr, out var candidate)) return ExitCodes.Error;
        Policy basis;
        if (guardCompare)
        {
            if (!Unguarded.HasGuards(candidate))
            {
                stderr.WriteLine($"--guard-compare: {candidateRef} has no guard on any metric (add guard: {{ method: wilson }} to a standard, docs/policies.md; nothing was written)");
                return ExitCodes.Error;
            }
            basis = Unguarded.Of(candidate);
            baselineRef = candidateRef + " without guards";
        }
        else if (!Load(baselineRef!, "--baseline", stderr, out basis)) return ExitCodes.Error;
        if (basis.Id != candidate.Id)
        {
            stderr.WriteLine($"--baseline {baselineRef} is the standard {basis.Id}, the candidate --policy {candidateRef} is {candidate.Id}: " +
                "a backtest compares two rule sets of one standard (nothing was written)");
            return ExitCodes.Error;
        }
        if (!OutputPaths.TryFolder(output, "--out", stderr, create: false)) return ExitCodes.Error;

        var backtest = new Backtest(basis, candidate, days.Dates);
        // The range's events: from the first as-of to the end of the last day, in either rule set's zone.
        var start = Instant.Min(backtest.Baseline.AsOfs[0], backtest.Candidate.AsOfs[0]);
        var end = Instant.Max(backtest.Baseline.AsOfs[^1], backtest.Candidate.AsOfs[^1]) + Duration.FromDays(1);
        var lastAsOf = Instant.Max(backtest.Baseline.AsOfs[^1], backtest.Candidate.AsOfs[^1]);
        using var store = EventStore.Open(db, create: false);
        var rows = store.Sellers();
        if (!rows.Any(r => r.FirstAt < end && r.LastAt >= start))
        {
            stderr.WriteLine(NoEvents(store.Name, from, to, rows));
            return ExitCodes.Error;
        }
        IReadOnlyDictionary<string, List<Dispute>> disputes;
        using (var enforcement = EnforcementStore.Open(db))
        {
            disputes = enforcement.Disputes().GroupBy(d => d.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }

        // A seller's events are read once per batch and folded once: each day adds the events since the day before.
        var known = rows.Where(r => r.FirstAt < lastAsOf).ToList();
        var inRange = 0L;
        // Every batch's events read in one pass in the file's order and held compactly, when they fit (or batch by batch).
        var read = SellerEventsReadOnce.Read(store, known);
        // A batch per core at once, each replayed on its thread for every day.
        backtest.ReplayBatches(known.Chunk(backtest.ComparesSellers ? Math.Max(1, known.Count) : batchSize), chunk =>
        {
            var events = read.ReadSellers(chunk.Select(r => r.Seller).ToList());
            Interlocked.Add(ref inRange, events.Count(e => e.At >= start && e.At < end));
            return new IncrementalFold(events).AdvanceTo;
        }, disputes);
        if (inRange == 0)
        {
            stderr.WriteLine(NoEvents(store.Name, from, to, rows));
            return ExitCodes.Error;
        }

        if (!OutputPaths.TryFolder(output, "--out", stderr)) return ExitCodes.Error;
        var json = Path.Combine(output, "backtest.json");
        var html = Path.Combine(output, "backtest.html");
        WriteWhole(json, stream => BacktestDocument.Write(stream, backtest, baselineRef!, candidateRef));
        WriteWhole(html, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(BacktestPage.Render(backtest));
        });
        Summarise(backtest, stdout);
        stdout.WriteLine($"wrote {json} and {html}");
        return ExitCodes.Ok;
    }

    private static bool Load(string reference, string flag, TextWriter stderr, out Policy policy)
    {
        var errors = new StringWriter();
        if (PolicyInput.TryLoad(reference, errors, out policy)) return true;
        stderr.Write(errors.ToString().Replace("--policy \"", flag + " \"", StringComparison.Ordinal));
        stderr.WriteLine($"{flag} {reference}: the policy does not load (nothing was written)");
        return false;
    }

    private static string NoEvents(string store, string from, string to, IReadOnlyList<SellerProjection> rows) =>
        rows.Count == 0
            ? $"{store} holds no events: nothing to replay from {from} to {to} (nothing was written)"
            : $"{store} holds no event from {from} to {to}: its events span {Formats.Instant(rows.Min(r => r.FirstAt))} to {Formats.Instant(rows.Max(r => r.LastAt))} (nothing was written)";

    /// <summary>Writes a file whole or not at all: to a temporary name beside it, then renamed over it.</summary>
    private static void WriteWhole(string path, Action<Stream> write)
    {
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary)) write(stream);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Summarise(Backtest backtest, IAnsiConsole stdout)
    {
        foreach (var (name, side) in (ReadOnlySpan<(string, BacktestSide)>)[("baseline", backtest.Baseline), ("candidate", backtest.Candidate)])
        {
            var taken = side.Days.SelectMany(d => d.Taken).GroupBy(t => t.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(t => t.Value)}").ToList();
            stdout.WriteLine($"{name} {side.Policy.Id} version {side.Policy.Version}: {Plural.Of(side.Days[^1].Sellers, "seller")} on the last day; " +
                $"actions taken: {(taken.Count == 0 ? "none" : string.Join(", ", taken))}{(side.Machine is null ? " (outcomes triggered; the policy has no enforcement)" : "")}");
        }
        var firsts = backtest.FirstActions;
        var delayed = firsts.Where(f => f.Effect == "delayed").ToList();
        stdout.WriteLine($"first actions under the candidate: {firsts.Count(f => f.Effect == "spared")} spared, {delayed.Count} delayed" +
            (delayed.Count == 0 ? "" : $" ({delayed.Sum(f => f.DaysLater!.Value)} days in all, {delayed.Max(f => f.DaysLater!.Value)} at most)") +
            $", {firsts.Count(f => f.Effect == "earlier")} earlier, {firsts.Count(f => f.Effect == "added")} added");
        var changes = backtest.Changes;
        stdout.WriteLine($"{Plural.Of(changes.Count, "seller")} whose fate differs{(changes.Count == 0 ? "" : ":")}");
        foreach (var c in changes.Take(10))
            stdout.WriteLine($"  {c.Seller} from {c.Day:uuuu-MM-dd}: baseline {c.Baseline}, candidate {c.Candidate}");
        if (changes.Count > 10) stdout.WriteLine($"  {changes.Count - 10} more in backtest.json");
    }
}
