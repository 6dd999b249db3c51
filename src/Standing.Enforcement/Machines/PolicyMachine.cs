using System.Globalization;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Core.Policies.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Enforcement written in the policy (its <c>enforcement</c> section): for each case kind, opens a case
/// when its outcome holds (per seller, per metric of the rule in breach, or per item that counted),
/// re-checks it on schedule, clears it when the outcome stops, escalates it when the outcome still
/// holds at a re-check, and leaves to a person what the section says only a person decides. A case
/// records the policy version it was opened under and keeps its own rules (<see cref="CaseRules"/>),
/// so a later version of the policy does not change how an open case ends.
/// </summary>
public sealed class PolicyMachine(string policy) : IPackMachine
{
    public string Policy => policy;

    public void Advance(MachineInput input, CaseBook book)
    {
        if (input.Policy.Enforcement is not { } spec) return;
        PeriodicReports.Send(input, book, spec, Policy);
        var explained = new Lazy<SellerEvaluation>(() => input.Explained?.Invoke() ?? input.Evaluation);
        foreach (var rule in spec.Cases)
        {
            foreach (var open in book.OfKind(rule.Kind).Where(c => c.IsOpen && CaseRules.IsWritten(c)).ToList())
                Carry(input, book, spec, open, explained);
            if (rule.Outcome is null || !input.Triggered(rule.Outcome)) continue;
            foreach (var (key, metric) in Keys(input, rule.Outcome, rule.Per, explained))
            {
                // One open case per key along the escalation chain: while the next step waits, no new first step.
                if (Chain(spec, rule).Any(kind => book.OfKind(kind).Any(c => c.IsOpen && c.Get(CaseRules.Key) == key))) continue;
                if (!MayOpen(input, book, rule, key)) continue;
                Open(input, book, rule, rule.Outcome, key, metric, explained, Actor.Rule(Policy, rule.Outcome), input.Outcome(rule.Outcome)!.Reason);
            }
        }
    }

    /// <summary>The kind and those it escalates to, in order (the loader refused cycles).</summary>
    private static IEnumerable<string> Chain(EnforcementSpec spec, CaseRule rule)
    {
        for (var step = rule; step is not null; step = step.EscalateTo is { } next ? spec.Rule(next) : null) yield return step.Kind;
    }

    /// <summary>Whether another case of the kind may open for the key: an item is never punished twice; otherwise after reopen_after_days.</summary>
    private static bool MayOpen(MachineInput input, CaseBook book, CaseRule rule, string key)
    {
        var earlier = book.OfKind(rule.Kind).Where(c => c.Get(CaseRules.Key) == key).ToList();
        if (earlier.Count == 0) return true;
        if (rule.Per == CasePer.Item) return false;
        if (rule.ReopenAfterDays is not { } days) return true;
        return input.AsOf >= Days.Later(earlier.Max(c => c.OpenedAt), days, input.Policy.Zone);
    }

    /// <summary>What the cases of an outcome are about: the seller (""), each metric of its rule that holds, or each item that counted in one.</summary>
    private static IEnumerable<(string Key, MetricResult? Metric)> Keys(MachineInput input, string outcome, CasePer per, Lazy<SellerEvaluation> explained)
    {
        var holding = HoldingMetrics(input, outcome).ToList();
        switch (per)
        {
            case CasePer.Seller:
                yield return ("", holding.FirstOrDefault() ?? FirstMetric(input, outcome));
                break;
            case CasePer.Metric:
                foreach (var m in holding) yield return (m.Id, m);
                break;
            case CasePer.Item:
                foreach (var m in holding)
                {
                    foreach (var item in Missed(explained.Value.Metric(m.Id))) yield return (item, m);
                }
                break;
        }
    }

    private static IEnumerable<MetricResult> HoldingMetrics(MachineInput input, string outcome)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in Tests(input.Policy, outcome))
        {
            if (input.Evaluation.Metric(test.Metric) is { } m && RuleMetrics.Holds(test, m) && seen.Add(m.Id)) yield return m;
        }
    }

    /// <summary>The first metric the outcome's rule (and tier) tests.</summary>
    internal static MetricResult? FirstMetric(MachineInput input, string outcome) =>
        Tests(input.Policy, outcome).Select(t => input.Evaluation.Metric(t.Metric)).FirstOrDefault(m => m is not null);

    private static IEnumerable<MetricTest> Tests(Policy policy, string outcome)
    {
        foreach (var rule in policy.Rules)
        {
            if (rule.Outcome == outcome) return rule.Versions.Count == 0 ? RuleMetrics.Tests(rule.When) : rule.Versions.SelectMany(v => RuleMetrics.Tests(v.When));
            if (rule.Tiers.FirstOrDefault(t => t.Outcome == outcome) is { } tier) return RuleMetrics.Tests(rule.When).Concat(RuleMetrics.Tests(tier.When));
        }
        return [];
    }

    /// <summary>Whether the outcome still holds for the case's key (its seller, metric or item).</summary>
    private static bool StillHolds(MachineInput input, EnforcementCase c, string outcome, Lazy<SellerEvaluation> explained)
    {
        if (!input.Triggered(outcome)) return false;
        var key = c.Get(CaseRules.Key) ?? "";
        return CaseRules.PerOf(c) switch
        {
            CasePer.Metric => HoldingMetrics(input, outcome).Any(m => m.Id == key),
            CasePer.Item => Keys(input, outcome, CasePer.Item, explained).Any(k => k.Key == key),
            _ => true,
        };
    }

    /// <summary>
    /// The metrics with too little data that keep a case from being judged: its own metric for a case per metric; for a
    /// case per seller, the outcome's metrics when none of them was measured. None for a case per item (an item counted
    /// or it did not).
    /// </summary>
    private static List<string> Unmeasured(MachineInput input, EnforcementCase c, string outcome)
    {
        bool Missing(MetricResult m) => m.Status == MetricStatus.InsufficientData;
        switch (CaseRules.PerOf(c))
        {
            case CasePer.Metric:
                return c.Get(CaseRules.MetricKey) is { } id && input.Evaluation.Metric(id) is { } own && Missing(own) ? [id] : [];
            case CasePer.Seller:
                var tested = Tests(input.Policy, outcome).Select(t => input.Evaluation.Metric(t.Metric)).OfType<MetricResult>().DistinctBy(m => m.Id).ToList();
                return tested.Count > 0 && tested.All(Missing) ? tested.Select(m => m.Id).ToList() : [];
            default:
                return [];
        }
    }

    private EnforcementCase Open(MachineInput input, CaseBook book, CaseRule rule, string outcome, string key, MetricResult? metric,
        Lazy<SellerEvaluation> explained, Actor actor, string reason)
    {
        var at = input.AsOf;
        var zone = input.Policy.Zone;
        var deadline = rule.Deadline is { } d ? Later(input.Policy, at, d) : (Instant?)null;
        var recheck = rule.Recheck is { } r && rule.Clears == Clearing.OutcomeStops ? Later(input.Policy, at, r) : (Instant?)null;
        var opened = CaseRules.Keep(new EnforcementCase
        {
            Id = book.NewId(rule.Kind, at, zone, key.Length == 0 ? null : key),
            Seller = book.Seller,
            Policy = Policy,
            Kind = rule.Kind,
            State = rule.Clears == Clearing.Person ? CaseStates.AwaitingDecision : CaseStates.Open,
            OpenedAt = at,
            DueAt = recheck ?? deadline,
            UpdatedAt = at,
        }, input.Policy, rule, outcome, key, metric?.Id).WithNumber("value", metric?.Value);
        if (deadline is { } due) opened = opened.With("deadline", Text.Instant(due));
        // Kept for the notices of a person's decision, which is made without the seller's facts at hand.
        if (input.Facts?.Language is { } language) opened = opened.With(CaseRules.LanguageKey, language);
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var stored = book.Open(opened, actor, reason, snapshot);
        Send(input, book, rule, CaseTransition.Opened, stored, metric, explained, reason, snapshot);
        return stored;
    }

    private void Carry(MachineInput input, CaseBook book, EnforcementSpec spec, EnforcementCase c, Lazy<SellerEvaluation> explained)
    {
        if (c.State != CaseStates.Open) return; // a person decides the others
        var at = input.AsOf;
        var outcome = c.Get(CaseRules.OutcomeKey) ?? "";
        var recheck = CaseRules.RecheckOf(c);
        if (recheck is not null && !(at >= c.DueAt)) return;
        var rule = spec.Rule(c.Kind);
        var metric = c.Get(CaseRules.MetricKey) is { } id ? input.Evaluation.Metric(id) : FirstMetric(input, outcome);
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var actor = Actor.Rule(Policy, outcome);
        if (!StillHolds(input, c, outcome, explained))
        {
            // Too little data to measure is no breach and no pass either (a day without consultations does not show the
            // reply rate back, a month without orders the SLA met): the case waits for a measure, re-checked on schedule.
            if (Unmeasured(input, c, outcome) is { Count: > 0 } missing)
            {
                if (recheck is null) return;
                var again = Later(input.Policy, at, recheck);
                book.Move(c, c with { DueAt = again }, actor, "re-checked",
                    $"{outcome} could not be judged: too little data for {string.Join(", ", missing)}; checked again on {Text.Date(again, input.Policy.Zone)}",
                    snapshot, at);
                return;
            }
            var reason = $"{outcome} no longer holds: {input.Outcome(outcome)?.Reason ?? "the outcome is not in the policy any more"}";
            var cleared = book.Move(c, (c with { State = CaseStates.Cleared, ClosedAt = at, DueAt = null }).WithNumber("value", metric?.Value),
                actor, "cleared", reason, snapshot, at);
            Send(input, book, rule, CaseTransition.Cleared, cleared, metric, explained, reason, snapshot);
            return;
        }
        if (recheck is null) return; // still holds: the case stays open
        var why = $"{outcome} still holds at the re-check: {input.Outcome(outcome)!.Reason}";
        if (c.Get(CaseRules.EscalateKey) is { } target && spec.Rule(target) is { } next)
        {
            var escalated = book.Move(c, (c with { State = CaseStates.Escalated, ClosedAt = at, DueAt = null }).WithNumber("value", metric?.Value),
                actor, "escalated", $"{why}; escalated to {target}", snapshot, at);
            Send(input, book, rule, CaseTransition.Escalated, escalated, metric, explained, why, snapshot);
            Open(input, book, next, outcome, c.Get(CaseRules.Key) ?? "", metric, explained, actor, $"escalated from {c.Id}: {why}");
            return;
        }
        var moved = book.Move(c, (c with { DueAt = Later(input.Policy, at, recheck) }).WithNumber("value", metric?.Value), actor, "re-checked", why, snapshot, at);
        Send(input, book, rule, CaseTransition.Rechecked, moved, metric, explained, why, snapshot);
    }

    private static Instant Later(Policy policy, Instant at, DayCount count) =>
        count.Business ? policy.Calendar.AddBusinessDays(at, count.Days) : Days.Later(at, count.Days, policy.Zone);

    private static void Send(MachineInput input, CaseBook book, CaseRule? rule, CaseTransition on, EnforcementCase c, MetricResult? metric,
        Lazy<SellerEvaluation> explained, string reason, IReadOnlyList<MetricSnapshot> snapshot)
    {
        if (rule is null) return;
        foreach (var template in rule.Notices.Where(n => n.On == on))
        {
            var items = Items(c, metric, explained);
            var language = NoticeText.LanguageFor(template, input.Facts?.Language ?? c.Get(CaseRules.LanguageKey));
            var said = ReasonText.In(input.Policy, input.Evaluation, c.Get(CaseRules.OutcomeKey), language, reason);
            var values = Values(input.Policy, c, metric, items, said, language);
            var (title, lines) = NoticeText.Render(template, language, values);
            book.Notify(c, c.Kind, template.To, title, lines, snapshot, items);
        }
    }

    private static IReadOnlyList<string> Items(EnforcementCase c, MetricResult? metric, Lazy<SellerEvaluation> explained)
    {
        if (CaseRules.PerOf(c) == CasePer.Item) return [c.Get(CaseRules.Key) ?? ""];
        return metric is null ? [] : Missed(explained.Value.Metric(metric.Id));
    }

    /// <summary>
    /// The items that missed the standard: the counted ones of a lower-is-better metric or a count
    /// (defects, cancellations, flagged messages), the uncounted ones of a higher-is-better metric
    /// (orders without tracking, confirmed late).
    /// </summary>
    internal static IReadOnlyList<string> Missed(MetricResult? explained)
    {
        if (explained is null) return [];
        var missed = explained.Definition.Standard?.Direction == Direction.HigherIsBetter ? ItemRole.Denominator : ItemRole.Numerator;
        return explained.Items.Where(i => i.Role == missed).Select(i => i.Id).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The values of the placeholders (NoticePlaceholders.Known) for one notice; <paramref name="reason"/> already in its language.</summary>
    public static Dictionary<string, string> Values(Policy policy, EnforcementCase c, MetricResult? metric, IReadOnlyList<string> items, string reason,
        string language = NoticeText.English)
    {
        var zone = policy.Zone;
        var none = NoticeWords.None(language);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seller"] = c.Seller,
            ["policy"] = policy.Id,
            ["policy_name"] = policy.NameIn(language),
            ["case"] = c.Id,
            ["kind"] = c.Kind,
            ["outcome"] = c.Get(CaseRules.OutcomeKey) ?? "",
            ["reason"] = reason,
            ["item"] = CaseRules.PerOf(c) == CasePer.Item ? c.Get(CaseRules.Key) ?? "" : "",
            ["items"] = items.Count == 0 ? none : string.Join(", ", items),
            ["item_count"] = items.Count.ToString(CultureInfo.InvariantCulture),
            ["recheck_date"] = c.DueAt is { } due && CaseRules.RecheckOf(c) is not null ? Text.Date(due, zone) : none,
            ["due_date"] = Text.ParseInstant(c.Get("deadline")) is { } deadline ? Text.Date(deadline, zone) : none,
            ["guidance"] = string.Join(" ", policy.GuidanceIn(language)),
            ["metric"] = metric?.Id ?? "",
            ["metric_title"] = metric?.Definition.TitleIn(language) ?? "",
            ["value"] = metric is null || (metric.Value is null && language != NoticeText.English) ? NoticeWords.NotEnough(language)
                : metric.Value is { } v ? NoticeWords.Value(language, v, metric.Definition.Kind) : Text.Value(metric),
            ["threshold"] = metric?.Definition.Standard is { } s ? NoticeWords.Value(language, s.Threshold, metric.Definition.Kind) : none,
            ["numerator"] = metric?.Numerator.ToString(CultureInfo.InvariantCulture) ?? "",
            ["denominator"] = metric?.Denominator.ToString(CultureInfo.InvariantCulture) ?? "",
            ["window_start"] = metric?.Window.Start is { } ws ? Text.Date(ws, zone) : NoticeWords.FirstEvent(language),
            ["window_end"] = metric is null ? "" : Text.Date(metric.Window.End, zone),
        };
        return values;
    }
}
