using Standing.Enforcement.Disputes;
using Standing.Policies;

namespace Standing.Server.Tests;

/// <summary>
/// <see cref="KeptResults.GetOrLast"/>: what a staff page shows of every seller while the result of a newer log
/// position is computed. The computations here wait on a gate the test opens, so no test depends on how long
/// anything takes: a zero wait never sees an unfinished computation's result.
/// </summary>
public sealed class KeptResultsShownTests
{
    private static readonly Standing.Core.Policies.Policy Congocrea = BuiltInPacks.Shared("congocrea");
    private static readonly IReadOnlyList<Dispute> NoDisputes = [];

    private sealed record Figures(string Text);

    [Fact]
    public void A_large_result_of_an_earlier_position_is_shown_as_such_until_the_current_one_is_computed()
    {
        var kept = new KeptResults();
        var position = 1L;
        const int sellers = KeptResults.AlwaysAwaited + 1;
        var first = kept.GetOrLast("every", new KeptResults.Stamp(1, Congocrea, NoDisputes), () => new Figures("at 1"), () => position, _ => sellers, TimeSpan.Zero);
        Assert.Equal(("at 1", 1L, true), (first.Value.Text, first.Version, first.Current)); // nothing to show before: awaited

        position = 2;
        using var gate = new ManualResetEventSlim();
        var computed = 0;
        Figures Slow()
        {
            Interlocked.Increment(ref computed);
            gate.Wait();
            return new Figures("at 2");
        }
        var stamp = new KeptResults.Stamp(2, Congocrea, NoDisputes);
        var shown = kept.GetOrLast("every", stamp, Slow, () => position, _ => sellers, TimeSpan.Zero);
        Assert.Equal(("at 1", 1L, false), (shown.Value.Text, shown.Version, shown.Current));
        var again = kept.GetOrLast("every", stamp, Slow, () => position, _ => sellers, TimeSpan.Zero);
        Assert.Equal(("at 1", false), (again.Value.Text, again.Current)); // the running computation is not started twice

        gate.Set();
        var current = kept.GetOrLast("every", stamp, Slow, () => position, _ => sellers, Timeout.InfiniteTimeSpan);
        Assert.Equal(("at 2", 2L, true), (current.Value.Text, current.Version, current.Current));
        Assert.Equal(1, computed);
        // The exact read (the API's) gives the same kept result without computing it again.
        Assert.Equal("at 2", kept.Get("every", stamp, () => new Figures("computed again"), () => position, _ => sellers).Text);
    }

    [Fact]
    public void A_small_result_is_always_awaited_so_a_small_store_shows_the_current_figures()
    {
        var kept = new KeptResults();
        var position = 1L;
        kept.GetOrLast("every", new KeptResults.Stamp(1, Congocrea, NoDisputes), () => new Figures("at 1"), () => position, _ => 40, TimeSpan.Zero);
        position = 2;
        var shown = kept.GetOrLast("every", new KeptResults.Stamp(2, Congocrea, NoDisputes), () =>
        {
            Thread.Sleep(50); // longer than the zero wait: a large result would show the last one
            return new Figures("at 2");
        }, () => position, _ => 40, TimeSpan.Zero);
        Assert.Equal(("at 2", 2L, true), (shown.Value.Text, shown.Version, shown.Current));
    }

    [Fact]
    public void A_result_computed_while_the_version_moved_is_not_given_as_current()
    {
        var kept = new KeptResults();
        var position = 1L;
        var stamp = new KeptResults.Stamp(1, Congocrea, NoDisputes);
        // An append while it ran: the result may hold part of it, so the next exact read computes again.
        kept.Get("seller", stamp, () => { position = 2; return new Figures("mixed"); }, () => position, _ => 1);
        Assert.Equal("fresh", kept.Get("seller", stamp, () => new Figures("fresh"), () => position, _ => 1).Text);
    }

    [Fact]
    public void A_slow_computation_of_an_earlier_version_does_not_replace_a_later_result()
    {
        var kept = new KeptResults();
        var later = new KeptResults.Stamp(3, Congocrea, NoDisputes);
        kept.Get("seller", later, () => new Figures("at 3"), () => 3, _ => 1);
        kept.Get("seller", new KeptResults.Stamp(2, Congocrea, NoDisputes), () => new Figures("at 2"), () => 2, _ => 1);
        Assert.Equal("at 3", kept.Get("seller", later, () => new Figures("computed again"), () => 3, _ => 1).Text);
    }
}
