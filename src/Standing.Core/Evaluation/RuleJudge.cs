using System.Globalization;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>Decides a rule against a seller's metric results and says why in words.</summary>
internal static class RuleJudge
{
    public static RuleVerdict Judge(RuleDefinition rule, IReadOnlyDictionary<string, MetricResult> metrics)
    {
        var (held, reason) = Test(rule.When, metrics);
        return new RuleVerdict(rule.Id, rule.Outcome, held, reason);
    }

    private static (bool Held, string Reason) Test(RuleTest test, IReadOnlyDictionary<string, MetricResult> metrics)
    {
        switch (test)
        {
            case AllOf all:
                {
                    var parts = all.Tests.Select(t => Test(t, metrics)).ToList();
                    return (parts.TrueForAll(p => p.Held), string.Join("; ", parts.Select(p => p.Reason)));
                }
            case AnyOf any:
                {
                    var parts = any.Tests.Select(t => Test(t, metrics)).ToList();
                    return (parts.Exists(p => p.Held), "any of (" + string.Join("; ", parts.Select(p => p.Reason)) + ")");
                }
            case MetricTest m:
                return TestMetric(m, metrics[m.Metric]);
            default:
                throw new InvalidOperationException("unknown rule test " + test.GetType().Name);
        }
    }

    private static (bool, string) TestMetric(MetricTest test, MetricResult result)
    {
        if (test.Status is { } wanted)
        {
            var isStatus = result.Status == wanted;
            return (isStatus, $"{test.Metric} is {result.Status.Wire()} {(isStatus ? "✓" : "✗")} (needs {wanted.Wire()})");
        }
        var want = test.Value!.Value;
        var shownWant = Show(want, result.Definition);
        if (result.Value is not { } v) return (false, $"{test.Metric} has no value ✗ (needs {Condition.OpText(test.Op)} {shownWant})");
        var sign = v.CompareTo(want);
        var held = test.Op switch
        {
            CompareOp.Eq => sign == 0,
            CompareOp.Ne => sign != 0,
            CompareOp.Lt => sign < 0,
            CompareOp.Le => sign <= 0,
            CompareOp.Gt => sign > 0,
            _ => sign >= 0,
        };
        return (held, $"{test.Metric} = {Show(v, result.Definition)} {(held ? "✓" : "✗")} (needs {Condition.OpText(test.Op)} {shownWant})");
    }

    internal static string Show(double value, MetricDefinition d) => d.Kind switch
    {
        MetricKind.Rate or MetricKind.ShareWithin => (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        MetricKind.MeanDuration => value.ToString("0.##", CultureInfo.InvariantCulture) + " h",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };
}
