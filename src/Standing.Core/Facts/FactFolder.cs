using System.Buffers;
using System.Runtime.InteropServices;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Folds events into facts as known at an as-of instant: only events with <c>at</c> before as-of
/// count. The facts depend only on the set of events, not on their order or repetition (the order
/// of the fact lists is the order ids were first seen; see <see cref="SellerFacts"/>).
/// </summary>
/// <remarks>
/// Two passes: the events are first grouped by seller (a counting sort of their positions, sellers
/// in id order), then each seller's events are folded straight into its facts with small tables
/// that are reused from one seller to the next, so the working set stays that of one seller and
/// nothing is allocated per event but the facts themselves.
/// </remarks>
public static class FactFolder
{
    public static IReadOnlyList<SellerFacts> Fold(IEnumerable<StandingEvent> events, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events switch
        {
            StandingEvent[] array => Fold(array, asOf),
            List<StandingEvent> list => Fold(CollectionsMarshal.AsSpan(list), asOf),
            _ => Fold([.. events], asOf),
        };
    }

    private static SellerFacts[] Fold(ReadOnlySpan<StandingEvent> events, Instant asOf)
    {
        var sellerOf = ArrayPool<int>.Shared.Rent(events.Length);
        var grouped = ArrayPool<int>.Shared.Rent(events.Length);
        try
        {
            // Pass 1: number the sellers and count each one's events of each kind; sellerOf[i] is -1 for
            // an event that folds into no fact (at or after as-of, or of a kind facts do not hold).
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            var counts = new List<int>();
            string? lastName = null;
            var last = -1;
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                sellerOf[i] = -1;
                if (e.At >= asOf) continue;
                if (!string.Equals(e.Seller, lastName, StringComparison.Ordinal))
                {
                    // Events of one seller usually come in runs: look the seller up only when it changes.
                    ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, e.Seller, out var known);
                    if (!known)
                    {
                        number = names.Count;
                        names.Add(e.Seller);
                        CollectionsMarshal.SetCount(counts, counts.Count + SellerFold.Kinds);
                    }
                    lastName = e.Seller;
                    last = number;
                }
                var kind = SellerFold.KindOf(e.Type);
                if (kind < 0) continue; // the seller still gets (empty) facts
                sellerOf[i] = last;
                CollectionsMarshal.AsSpan(counts)[(last * SellerFold.Kinds) + kind]++;
            }

            // Sellers in id order; each one's events (in arrival order) get a contiguous stretch of `grouped`.
            var order = new int[names.Count];
            for (var s = 0; s < order.Length; s++) order[s] = s;
            Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
            var perSeller = CollectionsMarshal.AsSpan(counts);
            var starts = new int[names.Count];
            var next = 0;
            foreach (var s in order)
            {
                starts[s] = next;
                foreach (var n in perSeller.Slice(s * SellerFold.Kinds, SellerFold.Kinds)) next += n;
            }

            // Pass 2: place each event's position in its seller's stretch.
            var fill = (int[])starts.Clone();
            for (var i = 0; i < events.Length; i++)
            {
                if (sellerOf[i] >= 0) grouped[fill[sellerOf[i]]++] = i;
            }

            // Pass 3: fold seller by seller, in seller order.
            var folder = new SellerFold();
            var result = new SellerFacts[names.Count];
            for (var k = 0; k < order.Length; k++)
            {
                var s = order[k];
                result[k] = folder.Fold(names[s], events, grouped.AsSpan(starts[s], fill[s] - starts[s]), perSeller.Slice(s * SellerFold.Kinds, SellerFold.Kinds));
            }
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sellerOf);
            ArrayPool<int>.Shared.Return(grouped);
        }
    }
}
