using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement.Backtests;
using Standing.Enforcement.Disputes;
using Standing.Policies;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// A backtest steps its two rule sets side by side on each day (docs/performance.md). Worked out from
/// Congocrea's warning (docs/standards/congocrea.md: ODR at or over the limit, 3 defective orders since the
/// first sale, 2 in 60 days) against a copy whose limit is 0.8 %. Both shops place their orders one an hour
/// from 2026-03-01, and three of each shop's orders get one-star reviews on 2026-04-10:
/// shop-a 3/200 = 1.5 % (over both limits), shop-b 3/350 ≈ 0.86 % (over 0.8 %, under 1 %). Replayed as of
/// 2026-04-09 to 2026-04-12: no warning before the reviews; from 2026-04-11 shop-a is warned under both
/// rule sets and shop-b under the copy only.
/// </summary>
public sealed class BacktestTests
{
    private static readonly LocalDate[] Days = [new(2026, 4, 9), new(2026, 4, 10), new(2026, 4, 11), new(2026, 4, 12)];

    private static IReadOnlyList<StandingEvent> Shops()
    {
        var a = new EventScript("shop-a").PlacedMany("a", 200, "2026-03-01T00:00:00Z");
        a.Review("a-1", 1, "2026-04-10T10:00:00Z").Review("a-2", 1, "2026-04-10T11:00:00Z").Review("a-3", 1, "2026-04-10T12:00:00Z");
        var b = new EventScript("shop-b").PlacedMany("b", 350, "2026-03-01T00:00:00Z");
        b.Review("b-1", 1, "2026-04-10T10:00:00Z").Review("b-2", 1, "2026-04-10T11:00:00Z").Review("b-3", 1, "2026-04-10T12:00:00Z");
        return [.. a.Events, .. b.Events];
    }

    private static Policy Tightened() => PolicyLoader.Load(
        BuiltInPacks.Yaml("congocrea")
            .Replace("version: \"1\"", "version: \"1-tight\"", StringComparison.Ordinal)
            .Replace("threshold: 0.01", "threshold: 0.008", StringComparison.Ordinal)
            .Replace("{ metric: odr, op: ge, value: 0.01 }", "{ metric: odr, op: ge, value: 0.008 }", StringComparison.Ordinal),
        "congocrea-tight.yaml");

    private static Backtest Replayed(Policy baseline, Policy candidate)
    {
        var backtest = new Backtest(baseline, candidate, Days);
        backtest.Replay(new IncrementalFold(Shops()).AdvanceTo, new Dictionary<string, List<Dispute>>());
        return backtest;
    }

    private static string Counts(BacktestSide side) => string.Join(" / ", side.Days.Select(d =>
        $"{d.Sellers}: {string.Join(",", d.Statuses)} taken {string.Join(",", d.Taken)} under {string.Join(",", d.Under)}"));

    [Fact]
    public void The_two_rule_sets_stepped_side_by_side_each_keep_their_own_cases()
    {
        var backtest = Replayed(BuiltInPacks.Load("congocrea"), Tightened());

        var change = Assert.Single(backtest.Changes);
        Assert.Equal("shop-b", change.Seller);
        Assert.Equal(new LocalDate(2026, 4, 11), change.Day);
        Assert.Equal("none", change.Baseline);
        Assert.Equal("warning", change.Candidate);
        Assert.Equal(2, change.DaysDiffering);
        Assert.Equal([0, 0, 1, 0], backtest.Baseline.Days.Select(d => d.Taken.GetValueOrDefault("warning")).ToArray());
        Assert.Equal([0, 0, 2, 0], backtest.Candidate.Days.Select(d => d.Taken.GetValueOrDefault("warning")).ToArray());
        Assert.Equal(["shop-a"], backtest.Baseline.CasesBySeller.Keys);
        Assert.Equal(["shop-a", "shop-b"], backtest.Candidate.CasesBySeller.Keys.Order(StringComparer.Ordinal));

        // The sides swapped: each rule set's days are the same whichever side it is on, and whatever runs beside it.
        var swapped = Replayed(Tightened(), BuiltInPacks.Load("congocrea"));
        Assert.Equal(Counts(backtest.Baseline), Counts(swapped.Candidate));
        Assert.Equal(Counts(backtest.Candidate), Counts(swapped.Baseline));
        var back = Assert.Single(swapped.Changes);
        Assert.Equal(("shop-b", "warning", "none"), (back.Seller, back.Baseline, back.Candidate));
    }

    /// <summary>
    /// The same replay with each shop a batch of its own, the batches replayed on two threads at once (each
    /// into cases and counts of its own, added together at the end), in either order: the same days, changes and
    /// cases as both shops replayed together on one thread.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batches_replayed_a_thread_each_give_what_one_replay_of_them_all_gives(bool reversed)
    {
        var together = Replayed(BuiltInPacks.Load("congocrea"), Tightened());
        string[] shops = reversed ? ["shop-b", "shop-a"] : ["shop-a", "shop-b"];

        var batched = new Backtest(BuiltInPacks.Load("congocrea"), Tightened(), Days);
        batched.ReplayBatches(shops, shop => new IncrementalFold(Shops().Where(e => e.Seller == shop)).AdvanceTo,
            new Dictionary<string, List<Dispute>>(), maxParallelism: 2);

        Assert.Equal(Counts(together.Baseline), Counts(batched.Baseline));
        Assert.Equal(Counts(together.Candidate), Counts(batched.Candidate));
        Assert.Equal(together.Changes, batched.Changes);
        Assert.Equal(
            together.FirstActions.Select(f => $"{f.Seller} {f.Baseline} {f.Candidate}"),
            batched.FirstActions.Select(f => $"{f.Seller} {f.Baseline} {f.Candidate}"));
        foreach (var (one, other) in new[] { (together.Baseline, batched.Baseline), (together.Candidate, batched.Candidate) })
        {
            Assert.Equal(one.CasesBySeller.Keys.Order(StringComparer.Ordinal), other.CasesBySeller.Keys.Order(StringComparer.Ordinal));
            foreach (var (seller, cases) in one.CasesBySeller)
                Assert.Equal(cases.Select(c => $"{c.Kind} {c.IsOpen}"), other.CasesBySeller[seller].Select(c => $"{c.Kind} {c.IsOpen}"));
        }
        Assert.Equal(1, batched.Candidate.Days[2].Taken["warning"] - batched.Baseline.Days[2].Taken["warning"]);
    }

    /// <summary>
    /// A batch whose facts cannot be read (a store failing under one worker) fails the replay with what was thrown, as
    /// the batches replayed one after another do: the command reports a store's failure by its type, not a wrapper's.
    /// </summary>
    [Fact]
    public void A_batch_that_fails_on_its_worker_fails_the_replay_with_its_own_exception()
    {
        var batched = new Backtest(BuiltInPacks.Load("congocrea"), Tightened(), Days);
        var thrown = Assert.Throws<InvalidDataException>(() => batched.ReplayBatches<string>(["shop-a", "shop-b"],
            shop => shop == "shop-b" ? throw new InvalidDataException("unreadable") : new IncrementalFold(Shops().Where(e => e.Seller == shop)).AdvanceTo,
            new Dictionary<string, List<Dispute>>(), maxParallelism: 2));
        Assert.Equal("unreadable", thrown.Message);
    }
}
