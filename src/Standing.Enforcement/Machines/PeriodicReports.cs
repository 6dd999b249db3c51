using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Core.Policies.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// The reports of a policy's <c>enforcement.reports</c>: once per complete calendar month or week (in
/// the policy's zone), the first run that sees the period complete measures the policy's metrics (or
/// its agent scorecard) over that period and sends one notice with a line per row. The report is
/// recorded as a closed case of its id (state <c>sent</c>, keyed by the period's first day), so it is
/// sent once whatever the runs, and its audit entry keeps the figures it was made from. A period in which
/// nothing was measured (no order, no agent session) sends nothing.
/// </summary>
public static class PeriodicReports
{
    public const string PeriodStartKey = "period_start";
    /// <summary>The audit action of a report (not a case opened against the seller).</summary>
    public const string Sent = "sent";

    public static void Send(MachineInput input, CaseBook book, EnforcementSpec spec, string policyId)
    {
        if (input.Facts is null) return;
        foreach (var report in spec.Reports)
        {
            var window = new CalendarWindow(report.Period == ReportPeriod.Monthly ? CalendarPeriod.Month : CalendarPeriod.Week);
            var period = window.Resolve(input.AsOf, input.Policy.Calendar);
            var zone = input.Policy.Zone;
            var start = Text.Date(period.Start!.Value, zone);
            if (book.OfKind(report.Id).Any(c => c.Get(PeriodStartKey) == start)) continue;
            // A period before the policy applied is not reported.
            if (period.End.InZone(zone).Date <= input.Policy.EffectiveFrom) continue;
            // An agent scorecard counts the sessions opened in the period: a seller with none would be measured for a
            // report that is not sent (most sellers, every week), so it is not measured.
            if (report.Rows != ReportRows.Metrics && !OpensSessionIn(input.Facts, period)) continue;
            // A scorecard counts each session of the week with all its responses ("上一周的绩效", reviewed at Monday's
            // meeting): a session of Sunday night whose buyer still waits for an answer when the week ends is answered on
            // Monday's shift, and that answer belongs to the week. The scorecard waits for it, at most to the end of the day
            // after the week (the meeting's day), then goes with what is known.
            if (report.Rows != ReportRows.Metrics && input.AsOf < Days.Later(period.End, 1, zone) && AwaitsAnswer(input.Facts, period, input.AsOf)) continue;
            // Metric rows name the items that missed, not why each item counted: listed, not explained in words.
            var detail = report.Rows == ReportRows.Metrics ? ItemDetail.Listed : ItemDetail.Explained;
            var evaluation = Evaluator(input.Policy, report.Period, window).EvaluateSeller(input.Facts, input.AsOf, detail);
            var rows = report.Rows == ReportRows.Metrics ? MetricRows(input.Policy, evaluation) : AgentRows(input.Policy, evaluation);
            if (!rows.Measured) continue;

            var language = NoticeText.LanguageFor(report.Title, report.To, input.Facts.Language);
            var values = new Dictionary<string, string>(ReportKeys, StringComparer.Ordinal)
            {
                ["seller"] = book.Seller,
                ["policy"] = input.Policy.Id,
                ["policy_name"] = input.Policy.NameIn(language),
                ["period_start"] = start,
                // The period's last day (its end is the next period's first instant).
                ["period_end"] = period.End.InZone(zone).Date.PlusDays(-1).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                ["row_count"] = rows.Makers.Count.ToString(CultureInfo.InvariantCulture),
            };
            var snapshot = MetricSnapshot.Of(evaluation);
            var sent = book.Open(new EnforcementCase
            {
                Id = book.NewId(report.Id, period.Start.Value, zone),
                Seller = book.Seller,
                Policy = policyId,
                Kind = report.Id,
                State = CaseStates.Sent,
                OpenedAt = input.AsOf,
                UpdatedAt = input.AsOf,
                ClosedAt = input.AsOf,
            }.With(PeriodStartKey, start).With("period_end", values["period_end"]).With(EnforcementCase.PolicyVersionKey, input.Policy.Version),
                Actor.Rule(policyId, report.Id), $"{report.Id} for {start} to {values["period_end"]}: {rows.Makers.Count} row(s)", snapshot, Sent);

            var title = NoticeText.Fill(Pick(report.Title, language), values);
            var header = report.Lines.TryGetValue(language, out var l) ? l : report.Lines.GetValueOrDefault(NoticeText.English, []);
            var lines = new List<string>(header.Count + rows.Makers.Count + 1);
            lines.AddRange(header.Select(x => NoticeText.Fill(x, values)));
            foreach (var row in rows.Makers) lines.Add(NoticeText.Fill(Pick(report.Row, language), Merge(values, row(language))));
            if (rows.Makers.Count == 0 && report.Empty.Count > 0) lines.Add(NoticeText.Fill(Pick(report.Empty, language), values));
            book.Notify(sent, report.Id, report.To, title, lines, snapshot, rows.Items);
        }
    }

    /// <summary>
    /// Whether a buyer opened a session with the seller in <paramref name="period"/> (its first buyer message, or its
    /// start): the sessions the scorecard counts (<see cref="Core.Scorecards.AgentScorecard"/>); without one it has no agent row.
    /// </summary>
    private static bool OpensSessionIn(SellerFacts facts, TimeWindow period)
    {
        foreach (var c in facts.Conversations)
        {
            if ((c.FirstBuyerAt ?? c.StartedAt) is { } opened && period.Contains(opened)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a session opened in the period has a buyer waiting for an agent at <paramref name="asOf"/>: a buyer message
    /// meant for a human (at or after the transfer, or any in a session never transferred) after the last agent message.
    /// </summary>
    private static bool AwaitsAnswer(SellerFacts facts, TimeWindow period, NodaTime.Instant asOf)
    {
        foreach (var c in facts.Conversations)
        {
            if ((c.FirstBuyerAt ?? c.StartedAt) is not { } opened || !period.Contains(opened)) continue;
            NodaTime.Instant? lastAgent = null;
            NodaTime.Instant? lastBuyer = null;
            foreach (var line in c.Lines)
            {
                if (line.At >= asOf) continue;
                if (line.From == "agent" && (lastAgent is null || line.At > lastAgent)) lastAgent = line.At;
                if (line.From == "buyer" && (c.TransferredAt is not { } transfer || line.At >= transfer) && (lastBuyer is null || line.At > lastBuyer))
                    lastBuyer = line.At;
            }
            if (lastBuyer is { } waiting && (lastAgent is not { } answered || answered < waiting)) return true;
        }
        return false;
    }

    private static string Pick(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text : texts[NoticeText.English];

    private static Dictionary<string, string> Merge(Dictionary<string, string> report, Dictionary<string, string> row)
    {
        // Sized for both at once: a month's report merges a row per metric for every seller, and growing the table
        // twice per row showed in the daily run's profile. Same entries, same order as copying then adding.
        var merged = new Dictionary<string, string>(report.Count + row.Count, StringComparer.Ordinal);
        foreach (var (k, v) in report) merged.Add(k, v);
        foreach (var (k, v) in row) merged[k] = v;
        return merged;
    }

    /// <summary>How many values a report's notice fills in (seller, policy, policy_name, period_start, period_end, row_count).</summary>
    private const int ReportKeys = 6;

    /// <summary>How many values a metric row fills in; an agent row fills in seven.</summary>
    private const int MetricRowKeys = 9;

    /// <summary>Per policy (by reference) and period: its evaluator over the period, built once for all the sellers of a run.</summary>
    private static readonly ConditionalWeakTable<Policy, ConcurrentDictionary<ReportPeriod, PolicyEvaluator>> Evaluators = new();

    /// <summary>The policy measured over the period: every metric's and the scorecard's window set to it.</summary>
    private static PolicyEvaluator Evaluator(Policy policy, ReportPeriod period, CalendarWindow window) =>
        Evaluators.GetValue(policy, _ => new()).GetOrAdd(period, _ => new PolicyEvaluator(policy with
        {
            Metrics = policy.Metrics.Select(m => m.Window is RollingWindow or CalendarWindow ? m with { Window = window } : m).ToList(),
            Scorecard = policy.Scorecard is { } card ? card with { Window = window } : null,
        }));

    /// <summary>A report's rows, each written in the notice's language (the words a row fills in itself: none, met, missed…).</summary>
    private sealed record Rows(bool Measured, IReadOnlyList<Func<string, Dictionary<string, string>>> Makers, IReadOnlyList<string> Items);

    /// <summary>Each metric with a standard, in the policy's order: value, limit, verdict and the items that missed.</summary>
    private static Rows MetricRows(Policy policy, SellerEvaluation evaluation)
    {
        var makers = new List<Func<string, Dictionary<string, string>>>();
        var items = new List<string>();
        var measured = false;
        foreach (var m in evaluation.Metrics.Where(m => m.Definition.Standard is not null))
        {
            measured |= m.Denominator > 0;
            var missed = PolicyMachine.Missed(m);
            items.AddRange(missed);
            makers.Add(language => new Dictionary<string, string>(MetricRowKeys, StringComparer.Ordinal)
            {
                ["metric"] = m.Id,
                ["metric_title"] = m.Definition.TitleIn(language),
                ["value"] = m.Value is { } v ? NoticeWords.Value(language, v, m.Definition.Kind) : NoticeWords.NotEnough(language),
                ["threshold"] = NoticeWords.Value(language, m.Definition.Standard!.Threshold, m.Definition.Kind),
                ["numerator"] = m.Numerator.ToString(CultureInfo.InvariantCulture),
                ["denominator"] = m.Denominator.ToString(CultureInfo.InvariantCulture),
                ["verdict"] = NoticeWords.Verdict(language, m.Status),
                ["items"] = missed.Count == 0 ? NoticeWords.None(language) : string.Join(", ", missed),
                ["item_count"] = missed.Count.ToString(CultureInfo.InvariantCulture),
            });
        }
        return new Rows(measured, makers, items.Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The agents whose first or average response (on the shift clock) is over the scorecard's target, by agent id.</summary>
    private static Rows AgentRows(Policy policy, SellerEvaluation evaluation)
    {
        var target = policy.Scorecard?.ResponseTargetSeconds ?? 0;
        var over = evaluation.Agents
            .Where(a => a.FirstResponseStatus == MetricStatus.Breach || a.AvgResponseStatus == MetricStatus.Breach)
            .OrderBy(a => a.Agent, StringComparer.Ordinal).ToList();
        var makers = over.Select(a => (Func<string, Dictionary<string, string>>)(language => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agent"] = a.Agent,
            ["sessions"] = a.Sessions.ToString(CultureInfo.InvariantCulture),
            ["first_response"] = a.FirstResponseSeconds is { } f ? ValueText.Number(f) : NoticeWords.NotEnough(language),
            ["avg_response"] = a.AvgResponseSeconds is { } s ? ValueText.Number(s) : NoticeWords.NotEnough(language),
            ["target"] = ValueText.Number(target),
            ["satisfaction"] = a.Satisfaction is { } sat ? ValueText.Percent(sat) : NoticeWords.NotEnough(language),
            ["conversion"] = a.Conversion is { } conv ? ValueText.Percent(conv) : NoticeWords.NotEnough(language),
        })).ToList();
        return new Rows(evaluation.Agents.Count > 0, makers, []);
    }
}
