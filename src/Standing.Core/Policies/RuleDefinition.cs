using NodaTime;
using Standing.Core.Metrics;

namespace Standing.Core.Policies;

/// <summary>
/// A rule: when its test holds for a seller, its outcome (warning, exclusion…) is triggered. A rule may
/// have versions (the one in force on the as-of date is used) and tiers (the first that holds is the
/// outcome, e.g. minor / serious / very serious).
/// </summary>
public sealed record RuleDefinition(string Id, string Outcome, RuleTest When)
{
    public string Description { get; init; } = "";

    /// <summary>The outcome is earned, not imposed (a trust badge): triggered is the good side.</summary>
    public bool Award { get; init; }

    /// <summary>Versions by effective date, oldest first; empty when the rule has one version, always in force.</summary>
    public IReadOnlyList<RuleVersion> Versions { get; init; } = [];

    /// <summary>Severity tiers, checked in order once <see cref="When"/> (or the version in force) holds.</summary>
    public IReadOnlyList<RuleTier> Tiers { get; init; } = [];

    /// <summary>The test in force on <paramref name="date"/>; null before the first version.</summary>
    public RuleVersion? VersionOn(LocalDate date)
    {
        if (Versions.Count == 0) return new RuleVersion(null, When);
        RuleVersion? inForce = null;
        foreach (var v in Versions)
        {
            if (v.Effective <= date) inForce = v;
        }
        return inForce;
    }
}

/// <summary>A version of a rule's test, in force from <see cref="Effective"/> (null: always).</summary>
public sealed record RuleVersion(LocalDate? Effective, RuleTest When);

/// <summary>One severity of a tiered rule, with the penalty and fine range the standard gives it.</summary>
public sealed record RuleTier(string Id, string Outcome, RuleTest When)
{
    public string Penalty { get; init; } = "";
    public FineRange? Fine { get; init; }
}

/// <summary>A fine whose amount within the range is a person's decision.</summary>
public sealed record FineRange(double Min, double Max, string Currency)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Min}–{Max} {Currency}");
}

/// <summary>A test over a seller's metric results: a comparison, or all / any of nested tests.</summary>
public abstract record RuleTest;

public sealed record AllOf(IReadOnlyList<RuleTest> Tests) : RuleTest;

public sealed record AnyOf(IReadOnlyList<RuleTest> Tests) : RuleTest;

/// <summary>
/// Compares a metric's value (<see cref="Op"/> <see cref="Value"/>) or checks its status. A metric
/// without a value (no data) never satisfies a comparison.
/// </summary>
public sealed record MetricTest(string Metric, CompareOp Op, double? Value, MetricStatus? Status) : RuleTest;
