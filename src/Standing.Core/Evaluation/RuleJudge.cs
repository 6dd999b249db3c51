using System.Globalization;
using NodaTime;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>Decides a rule against a seller's metric results and says why in words.</summary>
internal static class RuleJudge
{
    /// <summary>
    /// The verdicts of one rule: one, or one per tier. Behaviour is judged by the rule in force when it
    /// happened: the version applied is the one in force on the first day of the oldest window the rule's
    /// tests read, so no behaviour before a version's effective date is judged by it (a window that starts
    /// before a revision is judged by the version it started under). A rule reading only lifetime windows or
    /// scores takes <paramref name="date"/>, the as-of's local date. Before the first version the rule is not
    /// in force.
    /// </summary>
    public static IEnumerable<RuleVerdict> Judge(RuleDefinition rule, IReadOnlyDictionary<string, MetricResult> metrics, LocalDate date)
    {
        var version = rule.VersionOn(rule.Versions.Count == 0 ? date : JudgedDay(rule, metrics) ?? date);
        if (version is null)
        {
            var first = rule.Versions[0].Effective!.Value;
            var reason = $"not in force before {first:uuuu-MM-dd}";
            if (rule.Tiers.Count == 0)
            {
                yield return new RuleVerdict(rule.Id, rule.Outcome, false, reason) { Award = rule.Award };
                yield break;
            }
            foreach (var tier in rule.Tiers) yield return TierVerdict(rule, tier, false, reason, null);
            yield break;
        }
        var (held, why) = Test(version.When, metrics);
        if (rule.Tiers.Count == 0)
        {
            yield return new RuleVerdict(rule.Id, rule.Outcome, held, why) { Version = version.Effective, Award = rule.Award };
            yield break;
        }
        var decided = false;
        foreach (var tier in rule.Tiers)
        {
            if (!held)
            {
                yield return TierVerdict(rule, tier, false, why, version.Effective);
                continue;
            }
            var (tierHeld, tierWhy) = Test(tier.When, metrics);
            var triggered = tierHeld && !decided;
            var reason = Join(why, tierWhy) + (tierHeld && decided ? "; a more severe tier applies" : "");
            yield return TierVerdict(rule, tier, triggered, reason, version.Effective);
            decided |= tierHeld;
        }
    }

    /// <summary>The first day of the oldest window any version or tier of the rule reads; null when none has a start.</summary>
    private static LocalDate? JudgedDay(RuleDefinition rule, IReadOnlyDictionary<string, MetricResult> metrics) =>
        rule.Versions.Select(v => v.When).Concat(rule.Tiers.Select(t => t.When))
            .SelectMany(RuleMetrics.Tests)
            .Select(m => metrics.TryGetValue(m.Metric, out var r) ? r.WindowFirstDay : null)
            .Where(d => d is not null)
            .Min();

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;

    private static RuleVerdict TierVerdict(RuleDefinition rule, RuleTier tier, bool triggered, string reason, LocalDate? version) =>
        new(tier.Outcome, tier.Outcome, triggered, reason)
        {
            Rule = rule.Id,
            Tier = tier.Id,
            Penalty = tier.Penalty.Length == 0 ? null : tier.Penalty,
            Fine = tier.Fine,
            Version = version,
            Award = rule.Award,
        };

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

    internal static (bool, string) TestMetric(MetricTest test, MetricResult result)
    {
        if (test.Status is { } wanted)
        {
            var isStatus = result.Status == wanted;
            return (isStatus, $"{test.Metric} is {result.Status.Wire()} {(isStatus ? "✓" : "✗")} (needs {wanted.Wire()})");
        }
        var want = test.Value!.Value;
        var shownWant = Show(want, result.Definition);
        if (result.Value is not { } raw) return (false, $"{test.Metric} has no value ✗ (needs {Condition.OpText(test.Op)} {shownWant})");
        // A guarded metric is tested toward its bad side on the guard's value, so that a rule is no harsher than the guard.
        var guarded = result.Guard is { } g && TowardBad(test.Op, result.Definition.Standard!.Direction) ? g : null;
        var v = guarded?.JudgedValue ?? raw;
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
        var shown = guarded is null ? Show(v, result.Definition) : $"{Show(raw, result.Definition)}, guarded {Show(v, result.Definition)} ({guarded.Guard.Wire})";
        return (held, $"{test.Metric} = {shown} {(held ? "✓" : "✗")} (needs {Condition.OpText(test.Op)} {shownWant})");
    }

    private static bool TowardBad(CompareOp op, Direction direction) => direction == Direction.LowerIsBetter
        ? op is CompareOp.Gt or CompareOp.Ge
        : op is CompareOp.Lt or CompareOp.Le;

    internal static string Show(double value, MetricDefinition d) => ValueText.Of(value, d.Kind);
}
