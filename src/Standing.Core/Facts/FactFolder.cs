using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Folds events into facts as known at an as-of instant: only events with <c>at</c> before as-of
/// count. The result depends only on the set of events, not on their order or repetition.
/// </summary>
public static class FactFolder
{
    public static IReadOnlyList<SellerFacts> Fold(IEnumerable<StandingEvent> events, Instant asOf)
    {
        var sellers = new Dictionary<string, SellerAccumulator>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.At >= asOf) continue;
            if (!sellers.TryGetValue(e.Seller, out var seller))
            {
                seller = new SellerAccumulator(e.Seller);
                sellers.Add(e.Seller, seller);
            }
            seller.Add(e);
        }
        var result = new SellerFacts[sellers.Count];
        var i = 0;
        foreach (var seller in sellers.Values) result[i++] = seller.ToFacts();
        Array.Sort(result, (a, b) => string.CompareOrdinal(a.Seller, b.Seller));
        return result;
    }
}
