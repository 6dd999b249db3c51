using Standing.Enforcement.Disputes;
using Standing.Policies;

namespace Standing.Server.Tests;

/// <summary>
/// <see cref="KeptResults"/> bounded by the evaluations it holds (<see cref="KeptResults.Limit"/>): on a store of many
/// sellers each standard's list of every seller is a large share of the bound, and an overview's summary counts every
/// seller but holds a handful of them. Each result computed is kept (the least used dropped to make room), so that a
/// read after it does not compute it again.
/// </summary>
public sealed class KeptResultsRoomTests
{
    private static readonly Standing.Core.Policies.Policy Congocrea = BuiltInPacks.Shared("congocrea");
    private static readonly IReadOnlyList<Dispute> NoDisputes = [];
    private static readonly KeptResults.Stamp At1 = new(1, Congocrea, NoDisputes);

    /// <summary>A third of the bound: three fit, a fourth does not beside them.</summary>
    private const int Third = KeptResults.Limit / 3;

    private sealed record Every(string Text);

    private sealed record Summary(string Text, int Held) : KeptResults.ISummary;

    [Fact]
    public void A_large_result_that_does_not_fit_beside_the_others_is_kept_in_place_of_the_least_used()
    {
        var kept = new KeptResults();
        foreach (var name in new[] { "a", "b", "c", "d" }) kept.Get(name, At1, () => new Every(name), () => 1, _ => Third);
        var computed = 0;
        // The last one is kept: asked again, it is not computed again.
        Assert.Equal("d", kept.Get("d", At1, () => { computed++; return new Every("again"); }, () => 1, _ => Third).Text);
        // The first, least used, made room for it; the two after it are still kept.
        Assert.Equal("again", kept.Get("a", At1, () => { computed++; return new Every("again"); }, () => 1, _ => Third).Text);
        Assert.Equal(1, computed);
    }

    [Fact]
    public void A_summary_of_every_seller_is_kept_at_the_size_of_what_it_holds()
    {
        var kept = new KeptResults();
        // Three lists all but fill the bound; summaries of as many sellers each, holding ten evaluations, still fit beside them.
        foreach (var name in new[] { "a", "b", "c" })
        {
            kept.Get(name, At1, () => new Every(name), () => 1, _ => Third - 10);
            kept.Get("summary " + name, At1, () => new Summary(name, 10), () => 1, _ => Third);
        }
        var computed = 0;
        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Equal(name, kept.Get(name, At1, () => { computed++; return new Every("again"); }, () => 1, _ => Third - 10).Text);
            Assert.Equal(name, kept.Get("summary " + name, At1, () => { computed++; return new Summary("again", 10); }, () => 1, _ => Third).Text);
        }
        Assert.Equal(0, computed);
    }
}
