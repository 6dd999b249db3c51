using System.Globalization;
using System.Runtime.CompilerServices;
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
            foreach (var tier in rule.Tiers) yield return TierVerdict(rule, tier, false, () => reason, null);
            yield break;
        }
        // The verdicts are decided now and worded when read (RuleVerdict): the same Test words them, from the same results.
        var when = version.When;
        var held = Holds(when, metrics);
        if (rule.Tiers.Count == 0)
        {
            yield return new RuleVerdict(rule.Id, rule.Outcome, held, () => Test(when, metrics).Reason) { Version = version.Effective, Award = rule.Award };
            yield break;
        }
        var decided = false;
        foreach (var tier in rule.Tiers)
        {
            if (!held)
            {
                yield return TierVerdict(rule, tier, false, () => Test(when, metrics).Reason, version.Effective);
                continue;
            }
            var tierWhen = tier.When;
            var tierHeld = Holds(tierWhen, metrics);
            var triggered = tierHeld && !decided;
            var severer = tierHeld && decided;
            yield return TierVerdict(rule, tier, triggered,
                () => Join(Test(when, metrics).Reason, Test(tierWhen, metrics).Reason) + (severer ? "; a more severe tier applies" : ""), version.Effective);
            decided |= tierHeld;
        }
    }

    /// <summary>The first day of the oldest window any version or tier of the rule reads; null when none has a start.</summary>
    private static LocalDate? JudgedDay(RuleDefinition rule, IReadOnlyDictionary<string, MetricResult> metrics)
    {
        LocalDate? oldest = null;
        foreach (var metric in TestedMetrics.GetValue(rule, MetricsTestedBy))
        {
            if (metrics.TryGetValue(metric, out var r) && r.WindowFirstDay is { } first && (oldest is null || first < oldest)) oldest = first;
        }
        return oldest;
    }

    // The metrics a rule's versions and tiers test, found once per rule rather than on every seller's every judgment.
    private static readonly ConditionalWeakTable<RuleDefinition, string[]> TestedMetrics = new();

    private static string[] MetricsTestedBy(RuleDefinition rule) =>
        [.. rule.Versions.Select(v => v.When).Concat(rule.Tiers.Select(t => t.When)).SelectMany(RuleMetrics.Tests).Select(m => m.Metric)];

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;

    private static RuleVerdict TierVerdict(RuleDefinition rule, RuleTier tier, bool triggered, Func<string> wording, LocalDate? version) =>
        new(tier.Outcome, tier.Outcome, triggered, wording)
        {
            Rule = rule.Id,
            Tier = tier.Id,
            Penalty = tier.Penalty.Length == 0 ? null : tier.Penalty,
            Fine = tier.Fine,
            Version = version,
            Award = rule.Award,
        };

    /// <summary>Whether a rule's test holds: what <see cref="Test"/> decides, without the words.</summary>
    private static bool Holds(RuleTest test, IReadOnlyDictionary<string, MetricResult> metrics)
    {
        switch (test)
        {
            case AllOf all:
                foreach (var t in all.Tests)
                {
                    if (!Holds(t, metrics)) return false;
                }
                return true;
            case AnyOf any:
                foreach (var t in any.Tests)
                {
                    if (Holds(t, metrics)) return true;
                }
                return false;
            case MetricTest m:
                return HoldsMetric(m, metrics[m.Metric]);
            default:
                throw new InvalidOperationException("unknown rule test " + test.GetType().Name);
        }
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

    /// <summary>Whether one metric test holds: what <see cref="TestMetric"/> decides, without the words.</summary>
    internal static bool HoldsMetric(MetricTest test, MetricResult result)
    {
        if (test.Status is { } wanted) return result.Status == wanted;
        if (result.Value is not { } raw) return false;
        return Compare(test, result, raw, out _);
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
        var held = Compare(test, result, raw, out var guarded);
        var v = guarded?.JudgedValue ?? raw;
        var shown = guarded is null ? Show(v, result.Definition) : $"{Show(raw, result.Definition)}, guarded {Show(v, result.Definition)} ({guarded.Guard.Wire})";
        return (held, $"{test.Metric} = {shown} {(held ? "✓" : "✗")} (needs {Condition.OpText(test.Op)} {shownWant})");
    }

    /// <summary>A valued metric test's comparison, and the guard whose value it was made on (if any).</summary>
    private static bool Compare(MetricTest test, MetricResult result, double raw, out GuardReading? guarded)
    {
        var want = test.Value!.Value;
        // A guarded metric is tested toward its bad side on the guard's value, so that a rule is no harsher than the guard.
        guarded = result.Guard is { } g && TowardBad(test.Op, result.Definition.Standard!.Direction) ? g : null;
        var v = guarded?.JudgedValue ?? raw;
        var sign = v.CompareTo(want);
        return test.Op switch
        {
            CompareOp.Eq => sign == 0,
            CompareOp.Ne => sign != 0,
            CompareOp.Lt => sign < 0,
            CompareOp.Le => sign <= 0,
            CompareOp.Gt => sign > 0,
            _ => sign >= 0,
        };
    }

    private static bool TowardBad(CompareOp op, Direction direction) => direction == Direction.LowerIsBetter
        ? op is CompareOp.Gt or CompareOp.Ge
        : op is CompareOp.Lt or CompareOp.Le;

    internal static string Show(double value, MetricDefinition d) => ValueText.Of(value, d.Kind);
}
