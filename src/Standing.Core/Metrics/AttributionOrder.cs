using System.Runtime.CompilerServices;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>
/// Whether a seller's items are held in the order of one attribution instant, found once per item array
/// and kept while the array lives. The fold keeps a seller's orders in the order their first events came,
/// which is nearly always the order they were placed: a window is then a range found by binary search,
/// and a 90-day rate over a year of orders reads a quarter of them. Items out of order, or with an instant
/// held in full (<see cref="CompactInstant.Far"/>), are walked whole as before.
/// </summary>
internal sealed class AttributionOrder<T>(Func<T, long> attribution)
{
    private static readonly object Sorted = new(), Unsorted = new();

    /// <summary>
    /// What is known, by attribution (a field's one accessor): every metric attributed by the same field shares
    /// it, so a seller's array is checked, and entered in a table (a lock and a weak handle), once, not once per metric.
    /// </summary>
    private static readonly ConditionalWeakTable<Func<T, long>, ConditionalWeakTable<T[], object>> ByAttribution = [];

    private readonly ConditionalWeakTable<T[], object> _known = ByAttribution.GetValue(attribution, static _ => []);

    /// <summary>
    /// The items whose compact attribution is in [<paramref name="start"/>, <paramref name="end"/>), as a
    /// range of <paramref name="items"/>; false when the items are not in order (walk them all).
    /// </summary>
    public bool TryRange(T[] items, long start, long end, out Range range)
    {
        if (!IsSorted(items))
        {
            range = default;
            return false;
        }
        range = new Range(LowerBound(items, start), LowerBound(items, end));
        return true;
    }

    private bool IsSorted(T[] items) =>
        items.Length < 16 ? false // too few to be worth a search
        : ReferenceEquals(_known.GetValue(items, array => Check(array) ? Sorted : Unsorted), Sorted);

    private bool Check(T[] items)
    {
        var previous = long.MinValue;
        foreach (var item in items)
        {
            var at = attribution(item);
            if (at == CompactInstant.Far || at < previous) return false;
            previous = at;
        }
        return true;
    }

    /// <summary>The first position whose attribution is at or after <paramref name="bound"/>.</summary>
    private int LowerBound(T[] items, long bound)
    {
        int low = 0, high = items.Length;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (attribution(items[middle]) < bound) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
