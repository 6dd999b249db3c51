namespace Standing.Core.Metrics;

/// <summary>
/// Judges one metric of every seller against the others (a <see cref="PeerStandard"/>): the
/// catalog-wide rate, each seller's percentile among the sellers with enough data, and a one-sided
/// binomial test of its count against the catalog-wide rate.
/// </summary>
public static class PeerComparison
{
    /// <summary>
    /// The results of one metric, one per seller, judged against each other. The catalog-wide rate is
    /// every seller's numerator over every seller's denominator (small sellers included: they are part
    /// of the catalog); the ranking is among sellers with at least the minimum sample only.
    /// </summary>
    public static MetricResult[] Judge(IReadOnlyList<MetricResult> column)
    {
        if (column.Count == 0) return [];
        var standard = column[0].Definition.Standard!;
        var peer = standard.Peer!;
        var lowerIsBetter = standard.Direction == Direction.LowerIsBetter;
        long allCounted = 0, allItems = 0;
        foreach (var r in column)
        {
            allCounted += r.Numerator;
            allItems += r.Denominator;
        }
        double? catalogRate = allItems == 0 ? null : (double)allCounted / allItems;
        var ranked = column.Where(r => Eligible(r, peer)).Select(r => r.Value!.Value).ToArray();
        Array.Sort(ranked);

        var judged = new MetricResult[column.Count];
        for (var i = 0; i < column.Count; i++)
        {
            var r = column[i];
            if (!Eligible(r, peer) || catalogRate is not { } p0)
            {
                judged[i] = r with { Status = MetricStatus.InsufficientData, PeerRate = catalogRate };
                continue;
            }
            var v = r.Value!.Value;
            var worse = lowerIsBetter ? ranked.Length - UpperBound(ranked, v) : LowerBound(ranked, v);
            var percentile = 1 - (double)worse / ranked.Length;
            var amongWorst = worse < peer.WorstShare * ranked.Length - 1e-9;
            var pValue = lowerIsBetter
                ? BinomialTest.UpperTail(r.Numerator, r.Denominator, p0)
                : BinomialTest.LowerTail(r.Numerator, r.Denominator, p0);
            var significant = pValue < peer.Alpha;
            // Among the worst but no worse than the catalog (every seller tied, say) is no warning sign.
            var worseThanCatalog = lowerIsBetter ? v > p0 : v < p0;
            var status = amongWorst && significant ? MetricStatus.Breach
                : (amongWorst && worseThanCatalog) || significant ? MetricStatus.AtRisk
                : MetricStatus.Good;
            judged[i] = r with { Status = status, Percentile = percentile, PValue = pValue, PeerRate = p0 };
        }
        return judged;
    }

    private static bool Eligible(MetricResult r, PeerStandard peer) => r.Value is not null && r.Denominator >= peer.MinSample && r.Denominator > 0;

    /// <summary>How many sorted values are ≤ <paramref name="v"/>.</summary>
    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>How many sorted values are &lt; <paramref name="v"/>.</summary>
    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
