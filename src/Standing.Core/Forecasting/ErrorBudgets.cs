using System.Globalization;
using Standing.Core.Metrics;

namespace Standing.Core.Forecasting;

/// <summary>
/// The error budget of a metric now: the largest number x of further defects among the window's items,
/// its volume unchanged, that still leaves the metric out of breach. A defect is an item counted against
/// the seller: for a lower-is-better rate x more in the numerator ((n + x) / d), for a higher-is-better
/// one x fewer ((n − x) / d), for a count x more counted. A guarded rate breaches as its evaluation
/// would: only when its guard confirms the breach (Wilson from the counts, beta-binomial on the prior of now).
/// </summary>
public static class ErrorBudgets
{
    /// <param name="now">the metric now, judged through its guard when it has one</param>
    /// <param name="prior">a beta-binomial guard's prior, fitted on every seller now</param>
    public static ErrorBudget Of(MetricResult now, (double Alpha, double Beta)? prior = null)
    {
        var d = now.Definition;
        if (d.Standard is not { } standard) return new ErrorBudget(null, "no standard to breach");
        if (d.Kind is MetricKind.MeanDuration or MetricKind.Score) return new ErrorBudget(null, $"not defined for a {Kind(d.Kind)}");
        var (n, total) = (now.Numerator, now.Denominator);
        if (total == 0) return new ErrorBudget(null, "no items in the window: nothing to measure");
        if (total < standard.MinSample) return new ErrorBudget(null, $"{total} items, fewer than the minimum sample of {standard.MinSample}: never a breach");
        if (now.Status == MetricStatus.Breach) return new ErrorBudget(0, "already in breach");
        var higher = standard.Direction == Direction.HigherIsBetter;
        // The most defects there can be: every item of the window (a count has no such bound but its threshold).
        long most = d.Kind == MetricKind.Count ? Math.Max(total, (long)Math.Ceiling(standard.Threshold) + 1) : higher ? n : total - n;
        if (most <= 0 || !Breaches(now, standard, most, prior)) return new ErrorBudget(most, $"no breach even with {most} more defects");
        // Breaching is monotone in x: find the fewest defects that breach.
        long lo = 0, hi = most; // Breaches(lo) is false, Breaches(hi) is true
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Breaches(now, standard, mid, prior)) hi = mid;
            else lo = mid;
        }
        return new ErrorBudget(lo, $"{hi} more would breach ({Value(now, standard, hi)})");
    }

    private static bool Breaches(MetricResult now, Standard standard, long x, (double Alpha, double Beta)? prior)
    {
        var (value, counted) = After(now, standard, x);
        var raw = standard.Judge(value, now.Denominator, counted);
        return Guards.Judge(standard, counted, now.Denominator, raw, prior) == MetricStatus.Breach;
    }

    private static (double Value, long Counted) After(MetricResult now, Standard standard, long x)
    {
        if (now.Definition.Kind == MetricKind.Count) return (now.Numerator + x, now.Numerator + x);
        var counted = standard.Direction == Direction.HigherIsBetter ? now.Numerator - x : now.Numerator + x;
        return ((double)counted / now.Denominator, counted);
    }

    private static string Value(MetricResult now, Standard standard, long x)
    {
        var (value, counted) = After(now, standard, x);
        return now.Definition.Kind == MetricKind.Count
            ? counted.ToString(CultureInfo.InvariantCulture)
            // Six decimals: four printed 10/499 = 0.02004 as "0.02", the very threshold it breaches by being above.
            : $"{counted}/{now.Denominator} = {value.ToString("0.######", CultureInfo.InvariantCulture)}";
    }

    private static string Kind(MetricKind kind) => kind == MetricKind.Score ? "score" : "mean duration";
}
