using System.Globalization;

namespace Standing.Core.Metrics;

/// <summary>
/// A standard relative to the other sellers: a seller breaches when its rate is among the worst
/// <see cref="WorstShare"/> of the sellers with at least <see cref="MinSample"/> items AND a one-sided
/// binomial test against the catalog-wide rate gives p &lt; <see cref="Alpha"/>.
/// </summary>
public sealed record PeerStandard(double WorstShare, double Alpha, int MinSample)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"breach when among the worst {WorstShare * 100:0.##}% of sellers with ≥ {MinSample} items and significantly worse than the catalog (one-sided binomial test, p < {Alpha})");
}
