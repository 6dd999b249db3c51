using NodaTime;
using Standing.Core.Facts;

namespace Standing.Data.Store;

/// <summary>
/// The facts of a store's sellers through a replay (<c>run --from --to</c>), a batch of sellers at a time:
/// each batch's events are read from the log once, at its first use, and folded once
/// (<see cref="IncrementalFold"/>), each as-of adding only the events since the one before. Gives for a
/// batch and an as-of what <see cref="FactProjection.FactsAsOf(Instant, IReadOnlyList{SellerProjection})"/> gives.
/// </summary>
/// <remarks>
/// The batches are the sellers known before the replay's last as-of, in seller order; on an earlier day a
/// batch gives only the sellers known by then. Policies in several time zones ask for instants that do
/// not rise from one policy to the next (midnight in Shanghai comes before midnight in UTC), though each
/// zone's rise day by day: a batch keeps one fold per such lane, each carried forward, never back.
/// What a replay holds is the events and facts of every batch it has read, for every lane.
/// </remarks>
public sealed class ReplayFacts
{
    private readonly IEventStore _store;
    private readonly SellerProjection[][] _batches;
    private readonly List<IncrementalFold>?[] _folds;

    public ReplayFacts(IEventStore store, Instant lastAsOf, int batchSize = FactProjection.Chunk)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _store = store;
        _batches = [.. store.Sellers().Where(r => r.FirstAt < lastAsOf).Chunk(batchSize)];
        _folds = new List<IncrementalFold>?[_batches.Length];
    }

    /// <summary>How many batches of sellers the replay walks through.</summary>
    public int Batches => _batches.Length;

    /// <summary>
    /// The facts of batch <paramref name="batch"/>'s sellers known before <paramref name="asOf"/>, in seller
    /// order. They stay valid until this batch is asked for a later instant in the same lane.
    /// </summary>
    public IReadOnlyList<SellerFacts> FactsAsOf(int batch, Instant asOf)
    {
        var folds = _folds[batch] ??= [];
        // The lane that reached furthest without passing as-of; a new one when every lane is past it.
        IncrementalFold? lane = null;
        foreach (var fold in folds)
        {
            if (fold.AsOf is { } at && at <= asOf && (lane?.AsOf is not { } best || at > best)) lane = fold;
        }
        if (lane is null)
        {
            var events = folds.Count > 0 ? null : _store.ReadSellers(_batches[batch].Select(r => r.Seller).ToList());
            lane = new IncrementalFold(events ?? folds[0].Events);
            folds.Add(lane);
        }
        return lane.AdvanceTo(asOf);
    }
}
