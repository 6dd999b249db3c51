using NodaTime;
using Standing.Core.Metrics;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Kuaishou (docs/standards/kuaishou.md). Each triggered <c>violation_&lt;metric&gt;</c> outcome records a
/// violation for the operator to handle: once per calendar period for a calendar window, and for a
/// rolling window at most once per window length (the same items are not punished twice). A month's
/// service-attitude tier (<c>attitude_minor|attitude_serious|attitude_very_serious</c>, the most
/// severe one triggered) opens a penalty; serious tiers wait for the operator's fine within the range.
/// </summary>
public sealed class KuaishouMachine : IPackMachine
{
    public const string ViolationPrefix = "violation_";

    public string Policy => "kuaishou";

    public void Advance(MachineInput input, CaseBook book)
    {
        foreach (var verdict in input.Evaluation.Outcomes.Where(o => o.Triggered && o.Outcome.StartsWith(ViolationPrefix, StringComparison.Ordinal)))
        {
            RecordViolation(input, book, verdict.Outcome, verdict.Reason);
        }
        var tier = AttitudeTier.All.Where(t => input.Triggered(t.Outcome)).MaxBy(t => t.Severity);
        if (tier is not null) Penalise(input, book, tier);
    }

    private void RecordViolation(MachineInput input, CaseBook book, string outcome, string reason)
    {
        var metricId = outcome[ViolationPrefix.Length..];
        var metric = input.Evaluation.Metric(metricId);
        var period = Assessment.Period(input.Evaluation, metric is null ? null : [metricId]);
        var previous = book.OfKind(outcome).ToList();
        if (metric is not null && Assessment.IsCalendar(metric))
        {
            // A calendar period is judged by the first run that sees it complete, never again.
            if (input.PreviousRun is { } before && before >= metric.Window.End) return;
            if (previous.Any(c => c.Get("period") == period)) return;
        }
        else
        {
            var length = metric?.Window.Start is { } s ? metric.Window.End - s : Duration.FromDays(30);
            if (previous.Any(c => c.OpenedAt > input.AsOf - length)) return;
        }
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var opened = book.Open(input.Recorded(new EnforcementCase
        {
            Id = book.NewId(outcome, input.AsOf, input.Policy.Zone),
            Seller = book.Seller,
            Policy = Policy,
            Kind = outcome,
            State = CaseStates.Recorded,
            OpenedAt = input.AsOf,
            UpdatedAt = input.AsOf,
        }.With("outcome", outcome).With("metric", metricId).With("period", period)),
            Actor.Rule(Policy, outcome), $"violation-handling threshold of {metricId} reached over {period}: {reason}", snapshot);
        MachineNotices.Notify(input, book, opened, CaseKinds.Violation, "seller", $"Violation recorded: {metric?.Definition.Title ?? metricId}",
            [$"{metricId} reached its violation-handling threshold over {Text.PeriodDates(period, input.Policy.Zone)}: {reason}"], snapshot,
            new MachineNotices.Values(reason, metric, period, More: language => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["metric"] = metricId,
                ["metric_title"] = metric?.Definition.TitleIn(language) ?? metricId,
            }, Outcome: outcome));
    }

    private void Penalise(MachineInput input, CaseBook book, AttitudeTier tier)
    {
        var monthly = input.Evaluation.Metrics.Where(m => m.Definition.Window is CalendarWindow { Period: CalendarPeriod.Month }).Select(m => m.Id).ToList();
        var period = Assessment.Period(input.Evaluation, monthly.Count > 0 ? monthly : null);
        if (input.PreviousRun is { } before && Assessment.End(input.Evaluation, monthly.Count > 0 ? monthly : null) is { } end && before >= end) return;
        if (book.All.Any(c => CaseKinds.Family(c.Kind) == CaseKinds.AttitudePenalty && c.Get("period") == period)) return;
        // The pack's own penalty and fine range win over the built-in ones (an operator may change them).
        var verdict = input.Outcome(tier.Outcome);
        var penaltyText = verdict?.Penalty ?? tier.Penalty;
        var fineMin = verdict?.Fine is { } f ? (decimal)f.Min : tier.FineMin;
        var fineMax = verdict?.Fine is { } g ? (decimal)g.Max : tier.FineMax;
        var currency = verdict?.Fine?.Currency ?? "CNY";
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var penalty = new EnforcementCase
        {
            Id = book.NewId(tier.Outcome, input.AsOf, input.Policy.Zone),
            Seller = book.Seller,
            Policy = Policy,
            Kind = tier.Outcome,
            State = fineMin is null ? CaseStates.Recorded : CaseStates.AwaitingFine,
            OpenedAt = input.AsOf,
            UpdatedAt = input.AsOf,
        }.With("tier", tier.Outcome).With("period", period).With("penalty", penaltyText);
        if (fineMin is { } min && fineMax is { } max)
        {
            penalty = penalty.With("fine_min", (double)min).With("fine_max", (double)max).With("currency", currency);
        }
        var opened = book.Open(input.Recorded(penalty), Actor.Rule(Policy, tier.Outcome),
            $"service-attitude bad-review rate of {period} is {tier.Outcome["attitude_".Length..].Replace('_', ' ')}: {input.Outcome(tier.Outcome)!.Reason}", snapshot);
        // The standard the rate is above: the rule's metric's threshold, so a copied pack says its own (6% in the standard's).
        var limit = PolicyMachine.FirstMetric(input, tier.Outcome)?.Definition.Standard is { } standard ? ValueText.Percent(standard.Threshold) : "6%";
        MachineNotices.Notify(input, book, opened, CaseKinds.AttitudePenalty, "seller", "Service-attitude penalty",
            [$"Your service-attitude bad-review rate over {Text.PeriodDates(period, input.Policy.Zone)} is above the standard (at most {limit}).", $"Penalty: {penaltyText}."
             + (fineMin is null ? "" : " The operator sets the amount within the range.")], snapshot,
            new MachineNotices.Values(verdict?.Reason ?? "", Period: period, More: language => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["threshold"] = limit,
                ["penalty"] = language == "zh" ? ChinesePenalty(fineMin, fineMax, currency) : penaltyText,
                ["fine_note"] = fineMin is null ? "" : language == "zh" ? "具体罚款金额由平台在上述范围内确定。" : " The operator sets the amount within the range.",
            }, Outcome: tier.Outcome));
    }

    /// <summary>A service-attitude tier in the standard's Chinese words (轻微, 严重, 特别严重); an unknown one as it is.</summary>
    internal static string TierName(string tier) => tier switch
    {
        "attitude_minor" => "轻微",
        "attitude_serious" => "严重",
        "attitude_very_serious" => "特别严重",
        _ => tier,
    };

    /// <summary>
    /// The penalty in Chinese, from what the tier brings (docs/standards/kuaishou.md): the pack's own penalty text is
    /// English, so the Chinese notice names the measures and the pack's fine range itself.
    /// </summary>
    internal static string ChinesePenalty(decimal? fineMin, decimal? fineMax, string currency) =>
        fineMin is { } min && fineMax is { } max
            ? $"警告、考试及罚款（{min.ToString(System.Globalization.CultureInfo.InvariantCulture)}–{max.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(currency == "CNY" ? "元" : currency)}）"
            : "警告、强制培训及考试";
}
