using System.Globalization;
using Standing.Core.Policies;
using Standing.Core.Policies.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// The rules a policy-written case keeps in its data from the moment it opens: the policy version, the
/// outcome, what it is about, its re-check, what clears it, its escalation, the decisions a person may
/// record and the fine range. A later version of the policy does not change how an open case ends.
/// </summary>
public static class CaseRules
{
    public const string WrittenBy = "written_by";
    public const string PolicyVersion = EnforcementCase.PolicyVersionKey;
    /// <summary>Where the policy was read from ("built-in:ID.yaml" or a file), to send the notices of a later decision.</summary>
    public const string PolicySource = "policy_source";
    public const string OutcomeKey = "outcome";
    public const string Key = "key";
    public const string PerKey = "per";
    public const string MetricKey = "metric";
    public const string RecheckKey = "recheck";
    public const string EscalateKey = "escalate_to";
    public const string DecisionsKey = "decisions";
    /// <summary>The seller's language when the case opened (BCP 47), for the notices of a person's decision.</summary>
    public const string LanguageKey = "language";

    /// <summary>Whether the case was opened by a policy's enforcement section (it keeps its rules in its data).</summary>
    public static bool IsWritten(EnforcementCase c) => c.Get(WrittenBy) == "policy";

    public static EnforcementCase Keep(EnforcementCase c, Policy policy, CaseRule rule, string outcome, string key, string? metric)
    {
        var kept = c.With(WrittenBy, "policy").With(PolicyVersion, policy.Version).With(PolicySource, policy.Source).With(OutcomeKey, outcome).With(Key, key)
            .With(PerKey, rule.Per.ToString().ToLowerInvariant()).With("clears", rule.Clears == Clearing.Person ? "person" : "outcome_stops");
        if (metric is not null) kept = kept.With(MetricKey, metric);
        if (rule.Recheck is { } r && rule.Clears == Clearing.OutcomeStops) kept = kept.With(RecheckKey, $"{r.Days.ToString(CultureInfo.InvariantCulture)} {(r.Business ? "business" : "calendar")} days");
        if (rule.EscalateTo is { } e) kept = kept.With(EscalateKey, e);
        if (rule.Decisions.Count > 0) kept = kept.With(DecisionsKey, string.Join(",", rule.Decisions));
        if (rule.Fine is { } f) kept = kept.With("fine_min", f.Min).With("fine_max", f.Max).With("currency", f.Currency);
        return kept;
    }

    public static CasePer PerOf(EnforcementCase c) => c.Get(PerKey) switch
    {
        "metric" => CasePer.Metric,
        "item" => CasePer.Item,
        _ => CasePer.Seller,
    };

    /// <summary>The re-check the case keeps ("14 calendar days", "5 business days"); null without one.</summary>
    public static DayCount? RecheckOf(EnforcementCase c)
    {
        var parts = c.Get(RecheckKey)?.Split(' ');
        return parts is [var n, var kind, "days"] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? new DayCount(days, kind == "business")
            : null;
    }

    /// <summary>The decisions a person may record on the case while it is open.</summary>
    public static IReadOnlyList<string> Decisions(EnforcementCase c) =>
        c.IsOpen && c.Get(DecisionsKey) is { } list ? list.Split(',') : [];
}
