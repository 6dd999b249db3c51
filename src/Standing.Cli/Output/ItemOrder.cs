using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary>
/// The order explain lists items in: by the date of the order, review, complaint, refund or case
/// (when the seller's facts are at hand), then by id with numbers compared as numbers, so
/// o-shop-0009-13 comes before o-shop-0009-123.
/// </summary>
internal static class ItemOrder
{
    public static IEnumerable<MetricItem> Sort(IEnumerable<MetricItem> items, SellerFacts? facts)
    {
        var dates = facts is null ? new Dictionary<string, Instant>(StringComparer.Ordinal) : Dates(facts);
        return items.OrderBy(i => dates.TryGetValue(i.Id, out var at) ? at : Instant.MaxValue).ThenBy(i => i.Id, NaturalIdComparer.Instance);
    }

    private static Dictionary<string, Instant> Dates(SellerFacts facts)
    {
        var dates = new Dictionary<string, Instant>(StringComparer.Ordinal);
        void Add(string id, Instant? at)
        {
            if (at is { } a) dates.TryAdd(id, a);
        }
        foreach (var o in facts.Orders) Add(o.Order, o.PlacedAt);
        foreach (var r in facts.Reviews) Add(r.Review, r.PostedAt);
        foreach (var c in facts.Complaints) Add(c.Complaint, c.FiledAt);
        foreach (var r in facts.Refunds) Add(r.Refund, r.RequestedAt);
        foreach (var c in facts.Cases) Add(c.Case, c.OpenedAt);
        return dates;
    }
}

/// <summary>Ids compared with their runs of digits as numbers (shop-2 before shop-10), the rest ordinally.</summary>
internal sealed class NaturalIdComparer : IComparer<string>
{
    public static readonly NaturalIdComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return string.CompareOrdinal(x, y);
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
                var digits = a.SequenceCompareTo(b);
                if (digits != 0) return digits;
                continue;
            }
            if (x[i] != y[j]) return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        var rest = (x.Length - i).CompareTo(y.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}
