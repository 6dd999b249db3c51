namespace Standing.Core.Metrics;

public enum GuardMethod
{
    /// <summary>Breach only when the Wilson score interval lies wholly past the threshold.</summary>
    Wilson,
    /// <summary>Judged on the posterior mean of a beta prior fitted on every seller's rate (empirical Bayes).</summary>
    BetaBinomial,
}

/// <summary>
/// A rate's protection against small samples (<c>guard:</c> in a metric's standard; off unless a policy
/// says so). A guard only ever spares: a value past the threshold that the guard does not confirm is
/// at risk, not in breach; it never makes a breach of a value the threshold lets pass.
/// </summary>
public sealed record StatisticalGuard(GuardMethod Method, double Confidence)
{
    public const double DefaultConfidence = 0.95;

    public string Wire => Method == GuardMethod.Wilson ? "wilson" : "beta_binomial";

    public override string ToString() => Method == GuardMethod.Wilson
        ? $"wilson at {Confidence.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} confidence"
        : "beta_binomial (shrunk toward the marketplace's rate)";
}

/// <summary>
/// What a guard made of one seller's rate: the interval (Wilson) or the posterior and its prior
/// (beta-binomial), the value judged instead of the raw one, and the status the raw value had.
/// </summary>
public sealed record GuardReading(StatisticalGuard Guard, double JudgedValue, MetricStatus RawStatus)
{
    public double? Low { get; init; }
    public double? High { get; init; }
    /// <summary>Beta-binomial: the prior's α and β, fitted on every seller (method of moments).</summary>
    public double? PriorAlpha { get; init; }
    public double? PriorBeta { get; init; }
}
