using System.Security.Cryptography;
using System.Text.Json;
using Standing.Core.Metrics;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing backtest</c> on the demo's store: a tightened Congocrea threshold replayed day by day must
/// agree with evaluating each day separately, leave the store as it was, and refuse bad input whole; a guard
/// compared with its policy unguarded only spares.
/// </summary>
public sealed class BacktestCommandTests : IDisposable
{
    private const string From = "2026-05-20";
    private const string To = "2026-05-29";
    private static readonly string Tightened = Path.Combine(AppContext.BaseDirectory, "policies", "congocrea-tightened.yaml");
    private static readonly string Wilson = Path.Combine(AppContext.BaseDirectory, "policies", "congocrea-wilson.yaml");
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Events, string Db) Demo()
    {
        var output = Path.Combine(_dir.Path, "demo");
        var demo = StandingProcess.Run("demo", "--sellers", "40", "--days", "120", "--out", output);
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        return (Path.Combine(output, "events.ndjson"), Path.Combine(output, "standing.db"));
    }

    [Fact]
    public void A_tightened_congocrea_backtest_agrees_with_evaluating_each_day_separately_and_leaves_the_store_as_it_was()
    {
        var (events, db) = Demo();
        var before = StoreBytes(db);
        var casesBefore = StandingProcess.Run("cases", "list", "--db", db, "--format", "json").Stdout;
        var output = Path.Combine(_dir.Path, "out");

        var run = StandingProcess.Run("backtest", "--db", db, "--policy", Tightened, "--baseline", "congocrea", "--from", From, "--to", To, "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);

        // The store's bytes and its cases are unchanged: the replay held its cases in memory.
        Assert.Equal(before, StoreBytes(db));
        Assert.Equal(casesBefore, StandingProcess.Run("cases", "list", "--db", db, "--format", "json").Stdout);

        var text = File.ReadAllText(Path.Combine(output, "backtest.json"));
        JsonContractTests.Valid("backtest", text);

        // The demo's 40 sellers in batches of 7 (the last of 5): the batch changes what is held at once, not a byte written.
        var batched = Path.Combine(_dir.Path, "batched");
        var again = StandingProcess.Run("backtest", "--db", db, "--policy", Tightened, "--baseline", "congocrea", "--from", From, "--to", To, "--out", batched, "--batch", "7");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(text, File.ReadAllText(Path.Combine(batched, "backtest.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(output, "backtest.html")), File.ReadAllText(Path.Combine(batched, "backtest.html")));
        using var report = JsonDocument.Parse(text);
        var root = report.RootElement;
        Assert.Equal("congocrea", root.GetProperty("standard").GetString());
        Assert.Equal("2-candidate", root.GetProperty("candidate").GetProperty("version").GetString());
        var days = root.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(10, days.Count);

        // Each day evaluated on its own, from the event file, by evaluate: the statuses agree, and each seller's
        // first action under either rule set (a fresh replay opens the warning on the first day the rule triggers,
        // docs/standards/congocrea.md) is the first day evaluate triggered that set's warning.
        var firstWarning = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal) { ["congocrea"] = [], [Tightened] = [] };
        foreach (var day in days)
        {
            var date = day.GetProperty("date").GetString()!;
            foreach (var (policy, side) in new[] { ("congocrea", "baseline"), (Tightened, "candidate") })
            {
                var evaluation = StandingProcess.Run("evaluate", "--events", events, "--policy", policy, "--as-of", date, "--format", "json");
                Assert.True(evaluation.ExitCode == 0, evaluation.Stderr);
                using var doc = JsonDocument.Parse(evaluation.Stdout);
                var sellers = doc.RootElement.GetProperty("sellers").EnumerateArray().ToList();
                var counted = day.GetProperty(side);
                Assert.Equal(sellers.Count, counted.GetProperty("sellers").GetInt32());
                foreach (var status in new[] { "good", "at_risk", "breach", "insufficient_data" })
                    Assert.Equal(sellers.Count(s => Worst(s) == status), counted.GetProperty("statuses").GetProperty(status).GetInt32());
                foreach (var s in sellers.Where(s => s.GetProperty("outcomes").EnumerateArray().Any(o => o.GetProperty("id").GetString() == "warning" && o.GetProperty("triggered").GetBoolean())))
                    firstWarning[policy].TryAdd(s.GetProperty("seller").GetString()!, date);
            }
        }
        var firsts = root.GetProperty("first_actions").GetProperty("sellers").EnumerateArray().ToList();
        var all = firstWarning["congocrea"].Keys.Union(firstWarning[Tightened].Keys).ToList();
        // The tightened threshold must change someone's fate on the demo's data, or this test proves nothing.
        Assert.NotEqual(firstWarning["congocrea"].OrderBy(p => p.Key).ToList(), firstWarning[Tightened].OrderBy(p => p.Key).ToList());
        foreach (var seller in all)
        {
            var baseline = firstWarning["congocrea"].GetValueOrDefault(seller);
            var candidate = firstWarning[Tightened].GetValueOrDefault(seller);
            var listed = firsts.SingleOrDefault(f => f.GetProperty("seller").GetString() == seller);
            if (baseline == candidate)
            {
                Assert.Equal(JsonValueKind.Undefined, listed.ValueKind);
                continue;
            }
            Assert.Equal(baseline, listed.GetProperty("baseline").GetString());
            Assert.Equal(candidate, listed.GetProperty("candidate").GetString());
            var expected = baseline is null ? "added" : candidate is null ? "spared" : string.CompareOrdinal(candidate, baseline) > 0 ? "delayed" : "earlier";
            Assert.Equal(expected, listed.GetProperty("effect").GetString());
        }
        Assert.Equal(firsts.Count, all.Count(s => firstWarning["congocrea"].GetValueOrDefault(s) != firstWarning[Tightened].GetValueOrDefault(s)));
        // Every seller listed as differing differs from its first day on, with both rules' reasons.
        foreach (var d in root.GetProperty("differences").EnumerateArray())
        {
            Assert.NotEqual(d.GetProperty("baseline").GetString(), d.GetProperty("candidate").GetString());
            Assert.Contains("warning", d.GetProperty("reason").GetString()!, StringComparison.Ordinal);
        }

        // --guard-compare: the baseline is the standard as written, so its days are the ones just replayed for
        // congocrea; a guard only spares (docs/foresight.md), so no day has more breaches and no first action
        // comes earlier or is added.
        var guarded = Path.Combine(_dir.Path, "guarded");
        var compare = StandingProcess.Run("backtest", "--db", db, "--policy", Wilson, "--guard-compare", "--from", From, "--to", To, "--out", guarded);
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Equal(before, StoreBytes(db));
        using var guard = JsonDocument.Parse(File.ReadAllText(Path.Combine(guarded, "backtest.json")));
        var guardDays = guard.RootElement.GetProperty("days").EnumerateArray().ToList();
        for (var d = 0; d < days.Count; d++)
        {
            var plain = days[d].GetProperty("baseline");
            var unguarded = guardDays[d].GetProperty("baseline");
            Assert.Equal(plain.GetProperty("statuses").ToString(), unguarded.GetProperty("statuses").ToString());
            Assert.Equal(plain.GetProperty("under").ToString(), unguarded.GetProperty("under").ToString());
            Assert.True(guardDays[d].GetProperty("candidate").GetProperty("statuses").GetProperty("breach").GetInt32() <= unguarded.GetProperty("statuses").GetProperty("breach").GetInt32());
        }
        Assert.All(guard.RootElement.GetProperty("first_actions").GetProperty("sellers").EnumerateArray(),
            s => Assert.Contains(s.GetProperty("effect").GetString(), new[] { "spared", "delayed" }));

        var html = File.ReadAllText(Path.Combine(output, "backtest.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_message_and_nothing_is_written()
    {
        var (_, db) = Demo();
        var output = Path.Combine(_dir.Path, "never");
        var broken = _dir.File("broken.yaml", "id: congocrea\nversion: \"x\"\nmetrics:\n  - id: odr\n    kind: nonsense\n");
        var cases = new (string[] Args, string Message)[]
        {
            (["--policy", broken, "--baseline", "congocrea", "--from", From, "--to", To], "broken.yaml:"),
            (["--policy", Tightened, "--baseline", "mall", "--from", From, "--to", To], "--baseline mall is the standard mall"),
            (["--policy", Tightened, "--baseline", "congocrea", "--from", To, "--to", From], $"--to {From} is before --from {To}"),
            (["--policy", Tightened, "--baseline", "congocrea", "--from", "2030-01-01", "--to", "2030-01-05"], "holds no event from 2030-01-01 to 2030-01-05"),
        };
        foreach (var (args, message) in cases)
        {
            var run = StandingProcess.Run(["backtest", "--db", db, "--out", output, .. args]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
            Assert.Contains("nothing was written", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(output), string.Join(' ', args));
        }
    }

    private static string Worst(JsonElement seller)
    {
        var statuses = seller.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("status").GetString()!).ToList();
        foreach (var status in new[] { MetricStatus.Breach, MetricStatus.AtRisk, MetricStatus.Good }.Select(s => s.Wire()))
            if (statuses.Contains(status)) return status;
        return "insufficient_data";
    }

    /// <summary>The store's files (the database and any write-ahead log beside it), hashed.</summary>
    private static string StoreBytes(string db) =>
        string.Join(",", Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*").Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
}
