using Standing.Core.Metrics;

namespace Standing.Core.Policies;

/// <summary>A rule: when its test holds for a seller, its outcome (warning, exclusion…) is triggered.</summary>
public sealed record RuleDefinition(string Id, string Outcome, RuleTest When)
{
    public string Description { get; init; } = "";
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
