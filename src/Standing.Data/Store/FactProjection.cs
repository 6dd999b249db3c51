using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Data.Store;

/// <summary>
/// The sellers' facts, folded from a store's event log and kept between calls: a call folds again only
/// the sellers whose projection row moved since this projection folded them (or that it never folded);
/// every other seller keeps its facts. Facts are folded from all of a seller's events, so they serve
/// any as-of after the seller's last event; a seller with events at or after as-of is folded as of
/// that instant from its events, as <see cref="FactFolder"/> would.
/// </summary>
/// <remarks>
/// The folded facts live in this object, not in the store: the store records per seller what changed
/// and when (<see cref="SellerProjection"/>), which is all that deciding what to fold again needs, and
/// stays independent of the shape of each kind of fact.
/// </remarks>
public sealed class FactProjection(IEventStore store)
{
    private readonly Dictionary<string, (long Changed, SellerFacts Facts)> _folded = new(StringComparer.Ordinal);

    /// <summary>How many seller folds this projection has done, in all.</summary>
    public long Folds { get; private set; }

    /// <summary>The sellers the last call folded (read from the log), in seller order.</summary>
    public IReadOnlyList<string> LastFolded { get; private set; } = [];

    /// <summary>Brings every seller's facts up to date with the log; returns the sellers folded again.</summary>
    public IReadOnlyList<string> Refresh()
    {
        FactsAsOf(Instant.MaxValue);
        return LastFolded;
    }

    /// <summary>
    /// The facts of every seller known before <paramref name="asOf"/> (or of <paramref name="seller"/>),
    /// in seller order, equal to folding the whole log as of that instant.
    /// </summary>
    public IReadOnlyList<SellerFacts> FactsAsOf(Instant asOf, string? seller = null)
    {
        var rows = store.Sellers(seller);
        var known = rows.Where(r => r.FirstAt < asOf).ToList();
        var reuse = new List<SellerFacts>();
        var read = new List<SellerProjection>();
        foreach (var row in known)
        {
            if (row.LastAt < asOf && _folded.TryGetValue(row.Seller, out var folded) && folded.Changed == row.Changed)
            {
                reuse.Add(folded.Facts);
            }
            else
            {
                read.Add(row);
            }
        }

        IReadOnlyList<SellerFacts> fresh = [];
        if (read.Count > 0)
        {
            IReadOnlyList<StandingEvent> events = seller is null && read.Count == rows.Count
                ? store.ReadAll()
                : store.ReadSellers(read.Select(r => r.Seller).ToList());
            fresh = FactFolder.Fold(events, asOf);
            // A seller whose events all precede as-of was folded from all of them: keep it for later calls.
            var bySeller = fresh.ToDictionary(f => f.Seller, StringComparer.Ordinal);
            foreach (var row in read)
            {
                if (row.LastAt < asOf && bySeller.TryGetValue(row.Seller, out var facts))
                {
                    _folded[row.Seller] = (row.Changed, facts);
                }
            }
            Folds += read.Count;
        }
        LastFolded = read.Select(r => r.Seller).ToList();
        return [.. reuse.Concat(fresh).OrderBy(f => f.Seller, StringComparer.Ordinal)];
    }
}
