using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>The metric tests a rule is made of, and which of them hold: what a case per metric is about.</summary>
public static class RuleMetrics
{
    /// <summary>The metric tests of a rule's test, in the order written.</summary>
    public static IEnumerable<MetricTest> Tests(RuleTest test) => test switch
    {
        AllOf all => all.Tests.SelectMany(Tests),
        AnyOf any => any.Tests.SelectMany(Tests),
        MetricTest m => [m],
        _ => [],
    };

    /// <summary>Whether one metric test holds for the metric's result (a missing value never does).</summary>
    public static bool Holds(MetricTest test, MetricResult result) => RuleJudge.HoldsMetric(test, result);
}
