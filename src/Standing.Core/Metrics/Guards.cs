namespace Standing.Core.Metrics;

/// <summary>
/// Applies a metric's <see cref="StatisticalGuard"/>: Wilson to one seller's rate, beta-binomial to the
/// rates of every seller at once (its prior is fitted on all of them). Either way the guard only spares:
/// a breach it does not confirm becomes at risk; any other status stays as the raw value made it.
/// </summary>
public static class Guards
{
    /// <summary>The rate judged through its Wilson interval: the end nearer to good must be past the threshold.</summary>
    public static MetricResult Wilson(MetricResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Definition.Standard is not { Guard: { Method: GuardMethod.Wilson } guard } standard || result.Value is null || result.Denominator < 1) return result;
        var (low, high) = WilsonInterval.Of(result.Numerator, result.Denominator, guard.Confidence);
        var judged = standard.Direction == Direction.LowerIsBetter ? low : high;
        return Guarded(result, standard, new GuardReading(guard, judged, result.Status) { Low = low, High = high });
    }

    /// <summary>
    /// Every seller's rate shrunk toward the marketplace's: a beta prior fitted by the method of moments on
    /// the sellers' rates (mean μ = Σx / Σn; the rates' variance less the binomial variance μ(1−μ)·mean(1/n)
    /// their sample sizes alone explain gives the prior's variance τ², so α + β = μ(1−μ)/τ² − 1), then each
    /// seller judged on its posterior mean (x + α) / (n + α + β).
    /// </summary>
    public static MetricResult[] BetaBinomial(MetricResult[] column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var rows = column.Where(r => r.Value is not null && r.Denominator > 0).ToArray();
        if (rows.Length == 0 || column[0].Definition.Standard is not { Guard.Method: GuardMethod.BetaBinomial }) return column;
        var (alpha, beta) = FitPrior(rows.Select(r => (r.Numerator, r.Denominator)).ToArray());
        return column.Select(r => WithPrior(r, alpha, beta)).ToArray();
    }

    /// <summary>The beta prior's α and β by the method of moments (see <see cref="BetaBinomial"/>).</summary>
    public static (double Alpha, double Beta) FitPrior(IReadOnlyList<(long Successes, long Trials)> sellers)
    {
        ArgumentNullException.ThrowIfNull(sellers);
        var mean = sellers.Sum(s => (double)s.Successes) / sellers.Sum(s => (double)s.Trials);
        // No spread to fit (one seller, or every rate 0 or 1): a prior as strong as the sellers' average sample.
        var typical = sellers.Average(s => (double)s.Trials);
        if (sellers.Count < 2 || mean <= 0 || mean >= 1) return (Math.Max(mean, 1e-9) * typical, Math.Max(1 - mean, 1e-9) * typical);
        var rates = sellers.Select(s => (double)s.Successes / s.Trials).ToArray();
        var average = rates.Average();
        var variance = rates.Sum(r => (r - average) * (r - average)) / (rates.Length - 1);
        var binomial = mean * (1 - mean) * sellers.Average(s => 1.0 / s.Trials);
        var prior = variance - binomial;
        // Rates no more spread than chance alone makes them: every seller is the marketplace; cap the prior's
        // weight at a thousand times the average sample so that it stays finite.
        var strength = prior <= 0 ? 1000 * typical : Math.Min(1000 * typical, Math.Max((mean * (1 - mean) / prior) - 1, 1e-6));
        return (mean * strength, (1 - mean) * strength);
    }

    /// <summary>
    /// One seller's rate judged on the beta prior fitted on every seller (<see cref="BetaBinomial"/>): a
    /// forecast judges the seller's days ahead on the prior of now, as "the marketplace as it was".
    /// </summary>
    public static MetricResult WithPrior(MetricResult result, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Definition.Standard is not { Guard: { Method: GuardMethod.BetaBinomial } guard } standard || result.Value is null || result.Denominator < 1) return result;
        var posterior = (result.Numerator + alpha) / (result.Denominator + alpha + beta);
        return Guarded(result, standard, new GuardReading(guard, posterior, result.Status) { PriorAlpha = alpha, PriorBeta = beta });
    }

    /// <summary>
    /// The status a guard leaves of <paramref name="raw"/>, the status of <paramref name="numerator"/> /
    /// <paramref name="denominator"/> by the threshold alone: the evaluation's judgment, for a value that is
    /// not an evaluation's (a forecast's day, the metric after the defects of an error budget). Wilson from
    /// the counts, beta-binomial on <paramref name="prior"/> (without one it cannot judge: the raw status).
    /// </summary>
    public static MetricStatus Judge(Standard standard, long numerator, long denominator, MetricStatus raw, (double Alpha, double Beta)? prior)
    {
        ArgumentNullException.ThrowIfNull(standard);
        if (raw != MetricStatus.Breach || denominator < 1 || standard.Guard is not { } guard) return raw;
        double judged;
        if (guard.Method == GuardMethod.Wilson)
        {
            var (low, high) = WilsonInterval.Of(numerator, denominator, guard.Confidence);
            judged = standard.Direction == Direction.LowerIsBetter ? low : high;
        }
        else if (prior is { } p) judged = (numerator + p.Alpha) / (denominator + p.Alpha + p.Beta);
        else return raw;
        return standard.Judge(judged, denominator, numerator) == MetricStatus.Breach ? MetricStatus.Breach : MetricStatus.AtRisk;
    }

    private static MetricResult Guarded(MetricResult result, Standard standard, GuardReading reading)
    {
        var judged = standard.Judge(reading.JudgedValue, result.Denominator, result.Numerator);
        var status = result.Status == MetricStatus.Breach && judged != MetricStatus.Breach ? MetricStatus.AtRisk : result.Status;
        return result with { Status = status, Guard = reading };
    }
}
