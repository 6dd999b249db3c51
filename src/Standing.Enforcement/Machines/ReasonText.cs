using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Enforcement.Machines;

/// <summary>
/// An outcome's reason (<c>{reason}</c>) in a notice's language. English keeps the evaluator's words; another
/// language states the rule's tests that decided it (those that held when the outcome holds, those that failed
/// when it does not), each by the metric's title in that language (its id when the policy gives none), its value
/// and what the rule needs, so that no English sentence reaches the notice.
/// </summary>
internal static class ReasonText
{
    public static string In(Policy policy, SellerEvaluation evaluation, string? outcome, string language, string english)
    {
        if (language == NoticeText.English || outcome is null) return english;
        var verdict = evaluation.Outcomes.FirstOrDefault(o => o.Outcome == outcome);
        if (verdict is null || Test(policy, verdict) is not { } test) return english;
        return Say(test, verdict.Triggered, evaluation, language);
    }

    /// <summary>The test the verdict was decided on: the rule's version in force, and the tier's own test for a tier.</summary>
    private static RuleTest? Test(Policy policy, RuleVerdict verdict)
    {
        var rule = policy.Rules.FirstOrDefault(r => r.Id == verdict.Rule);
        if (rule is null) return null;
        var when = rule.Versions.FirstOrDefault(v => v.Effective == verdict.Version)?.When ?? rule.When;
        return rule.Tiers.FirstOrDefault(t => t.Outcome == verdict.Outcome) is { } tier ? new AllOf([when, tier.When]) : when;
    }

    private static string Say(RuleTest test, bool held, SellerEvaluation evaluation, string language)
    {
        switch (test)
        {
            case AllOf all:
                // All held: each; it failed: the ones that failed.
                return Join(all.Tests.Where(t => held || !Holds(t, evaluation)).Select(t => Say(t, held, evaluation, language)));
            case AnyOf any:
                // It held: the ones that held; it failed: each.
                return Join(any.Tests.Where(t => !held || Holds(t, evaluation)).Select(t => Say(t, held, evaluation, language)));
            case MetricTest m when evaluation.Metric(m.Metric) is { } result:
                {
                    var name = result.Definition.Titles.TryGetValue(language, out var title) ? title : m.Metric;
                    if (m.Status is not null) return $"{name}: {NoticeWords.Verdict(language, result.Status)}";
                    if (result.Value is not { } value) return $"{name}: {NoticeWords.NotEnough(language)}";
                    var kind = result.Definition.Kind;
                    return $"{name} = {NoticeWords.Value(language, value, kind)} ({NoticeWords.Needs(language)} {Condition.OpText(m.Op)} {NoticeWords.Value(language, m.Value!.Value, kind)})";
                }
            case MetricTest m:
                return $"{m.Metric}: {NoticeWords.NotEnough(language)}";
            default:
                return "";
        }
    }

    private static bool Holds(RuleTest test, SellerEvaluation evaluation) => test switch
    {
        AllOf all => all.Tests.All(t => Holds(t, evaluation)),
        AnyOf any => any.Tests.Any(t => Holds(t, evaluation)),
        MetricTest m => evaluation.Metric(m.Metric) is { } result && RuleMetrics.Holds(m, result),
        _ => false,
    };

    private static string Join(IEnumerable<string> parts) => string.Join("; ", parts.Where(p => p.Length > 0));
}
