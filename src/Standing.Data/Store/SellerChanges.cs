using System.Runtime.InteropServices;
using NodaTime;

namespace Standing.Data.Store;

/// <summary>The sellers a batch added events to, with the count and span of what it added (for the seller projection).</summary>
internal sealed class SellerChanges
{
    private readonly Dictionary<string, Change> _bySeller = new(StringComparer.Ordinal);

    public int Count => _bySeller.Count;

    public IEnumerable<string> Sellers => _bySeller.Keys;

    public IEnumerable<KeyValuePair<string, Change>> All => _bySeller;

    public void Add(string seller, Instant at)
    {
        ref var change = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySeller, seller, out var known);
        if (!known)
        {
            change = new Change(1, at, at);
            return;
        }
        change = new Change(change.Events + 1, at < change.FirstAt ? at : change.FirstAt, at > change.LastAt ? at : change.LastAt);
    }

    public readonly record struct Change(long Events, Instant FirstAt, Instant LastAt);
}
