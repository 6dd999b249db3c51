using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Congocrea (docs/standards/congocrea.md). The automatic <c>warning</c> is issued at most once per 90-day
/// evaluation period, with a performance summary. The warned shop is re-evaluated when the period
/// ends, or sooner when its ODR moved by <c>early_reevaluation_change</c> since the last evaluation;
/// if it still exceeds the ODR limit then, a suspension is proposed, which only a person confirms or
/// dismisses. While a proposal waits, no new warning is sent.
/// </summary>
public sealed class CongocreaMachine : IPackMachine
{
    public const string WarningOutcome = "warning";
    public const string OdrMetric = "odr";
    /// <summary>The standard's evaluation period; a pack's own ODR window (rolling N days) takes its place.</summary>
    public const int PeriodDays = 90;
    public const string EarlyChangeSetting = "early_reevaluation_change";
    /// <summary>Default of <c>early_reevaluation_change</c>: 0.5 percentage points.</summary>
    public const double DefaultEarlyChange = 0.005;
    public const string MinTimeToActSetting = "min_days_to_act";
    /// <summary>Case data: the defective orders in the ODR window at the last evaluation.</summary>
    private const string DefectsKey = "defects";
    /// <summary>Default of <c>min_days_to_act</c>: a rise escalates no sooner than 30 days after the warning.</summary>
    public const int DefaultMinTimeToActDays = 30;

    public string Policy => "congocrea";

    /// <summary>The evaluation period in days: the pack's ODR window when it is rolling, else the standard's 90.</summary>
    private static int Period(MachineInput input) =>
        input.Policy.Metrics.FirstOrDefault(m => m.Id == OdrMetric)?.Window is RollingWindow { LagDays: 0 } rolling ? rolling.Days : PeriodDays;

    /// <summary>The limit as the pack states it ("under 1%"): read from the ODR metric's standard, so a copied pack says its own.</summary>
    private static string Limit(MachineInput input) =>
        input.Policy.Metrics.FirstOrDefault(m => m.Id == OdrMetric)?.Standard is { } standard ? $"under {ValueText.Percent(standard.Threshold)}" : "under 1%";

    public void Advance(MachineInput input, CaseBook book)
    {
        if (book.OpenOf(CaseKinds.SuspensionProposal) is not null) return; // a person decides first

        var odr = input.Evaluation.Metric(OdrMetric);
        var warning = book.OpenOf(CaseKinds.Warning);
        if (warning is not null)
        {
            Reevaluate(input, book, warning, odr);
            return;
        }

        var verdict = input.Outcome(WarningOutcome);
        if (verdict is not { Triggered: true }) return;
        var periodStart = Days.Later(input.AsOf, -Period(input), input.Policy.Zone);
        if (book.OfKind(CaseKinds.Warning).Any(w => w.OpenedAt > periodStart)) return; // once per 90-day period
        Warn(input, book, Actor.Rule(Policy, WarningOutcome), "automatic warning: " + verdict.Reason);
    }

    /// <summary>
    /// A person's call (docs/standards/congocrea.md): a warning for a pattern of customer-service problems, or a
    /// suspension proposal for a shop that never provided effective service. Returns why it was
    /// refused, or null when the case was opened.
    /// </summary>
    public string? OpenManually(MachineInput input, CaseBook book, string kind, string by, string note)
    {
        if (string.IsNullOrWhiteSpace(by)) return "--by must name the person";
        if (string.IsNullOrWhiteSpace(note)) return "--note must say why";
        if (book.OpenOf(CaseKinds.SuspensionProposal) is { } proposal) return $"suspension proposal {proposal.Id} is open: decide it first";
        var person = Actor.Person(by);
        switch (kind)
        {
            case CaseKinds.Warning:
                if (book.OpenOf(CaseKinds.Warning) is { } open) return $"warning {open.Id} is open until {Text.Date(open.DueAt!.Value, input.Policy.Zone)}";
                Warn(input, book, person, $"manual warning by {by}: {note}");
                return null;
            case CaseKinds.SuspensionProposal:
                {
                    var at = input.AsOf;
                    var snapshot = MetricSnapshot.Of(input.Evaluation);
                    var opened = book.Open(Proposal(input, book, at).WithNumber("odr", input.Evaluation.Metric(OdrMetric)?.Value), person, $"suspension proposed by {by}: {note}", snapshot);
                    book.Notify(opened, CaseKinds.SuspensionProposal, "operator", "Suspension proposed by a reviewer",
                        [$"{by} proposes to suspend shop {book.Seller}: {note}", "Confirm or dismiss with: standing cases decide " + opened.Id + " --decision confirm|dismiss --by NAME --note TEXT"],
                        snapshot);
                    return null;
                }
            default:
                return $"a person can open a {CaseKinds.Warning} or a {CaseKinds.SuspensionProposal} under {Policy}, not \"{kind}\"";
        }
    }

    private void Warn(MachineInput input, CaseBook book, Actor actor, string reason)
    {
        var at = input.AsOf;
        var zone = input.Policy.Zone;
        var explained = input.Explained?.Invoke() ?? input.Evaluation;
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var odr = input.Evaluation.Metric(OdrMetric);
        var opened = new EnforcementCase
        {
            Id = book.NewId(CaseKinds.Warning, at, zone),
            Seller = book.Seller,
            Policy = Policy,
            Kind = CaseKinds.Warning,
            State = CaseStates.Issued,
            OpenedAt = at,
            DueAt = Days.Later(at, Period(input), zone),
            UpdatedAt = at,
        }.WithNumber("odr", odr?.Value).WithNumber(DefectsKey, odr?.Value is null ? null : odr.Numerator).With("evaluated_at", Text.Instant(at));
        opened = input.Recorded(input.KeepSettings(opened, (EarlyChangeSetting, DefaultEarlyChange), (MinTimeToActSetting, DefaultMinTimeToActDays)));
        var warning = book.Open(opened, actor, reason, snapshot);

        var defective = explained.Metric(OdrMetric)?.Items
            .Where(i => i.Role == ItemRole.Numerator)
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .ToList() ?? [];
        var lines = new List<string>
        {
            odr?.Value is { } rate
                ? $"Your order defect rate is {Text.Percent(rate)} over the last {Period(input)} days; the standard is {Limit(input)}."
                : $"Your order defect rate over the last {Period(input)} days: {Text.NotMeasured(odr)}; the standard is {Limit(input)}.",
            "Performance summary:",
        };
        lines.AddRange(input.Evaluation.Metrics.Select(m => SummaryLine(m, NoticeText.English)));
        lines.Add($"Orders that counted as defective ({defective.Count}):");
        lines.AddRange(DefectiveLines(input, defective, NoticeText.English));
        lines.Add("What to improve:");
        lines.AddRange(input.Policy.Guidance.Select(g => "  " + g));
        lines.Add($"Your shop will be re-evaluated on {Text.Date(warning.DueAt!.Value, zone)}, or sooner if its ODR changes by {Text.Number(input.Setting(EarlyChangeSetting, DefaultEarlyChange) * 100)} percentage points or more; a shop that still exceeds the limit may be suspended.");
        var values = new MachineNotices.Values(reason, odr, More: language => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["odr"] = odr?.Value is { } r ? Text.Percent(r) : language == NoticeText.English ? Text.NotMeasured(odr) : NoticeWords.NotEnough(language),
            ["threshold"] = LimitValue(input),
            ["period_days"] = Period(input).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["recheck_date"] = Text.Date(warning.DueAt!.Value, zone),
            ["change_points"] = Text.Number(input.Setting(EarlyChangeSetting, DefaultEarlyChange) * 100),
            ["defective_count"] = defective.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, Lists: language => new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["summary"] = input.Evaluation.Metrics.Select(m => SummaryLine(m, language)).ToList(),
            ["defective"] = DefectiveLines(input, defective, language),
            ["guidance"] = input.Policy.GuidanceIn(language).Select(g => "  " + g).ToList(),
        }, Outcome: WarningOutcome);
        MachineNotices.Notify(input, book, warning, CaseKinds.Warning, "seller", "Customer service warning", lines, snapshot, values,
            defective.Select(i => i.Id).ToList(), textKind: odr?.Value is null ? WarningNotMeasuredText : null);
    }

    /// <summary>
    /// One line per defective order, in the language: the order, the day it was placed and why it counted (the ODR
    /// numerator's conditions that held, each from the pack's <c>defect.FIELD</c> text). A condition the pack has
    /// no text for is shown as the condition itself (<c>field ≤ 2 (field = 1)</c>); an order the facts do not hold,
    /// by its explanation.
    /// </summary>
    private static List<string> DefectiveLines(MachineInput input, IReadOnlyList<MetricItem> defective, string language)
    {
        var numerator = input.Policy.Metrics.FirstOrDefault(m => m.Id == OdrMetric)?.Numerator;
        var orders = (input.Facts?.Orders ?? []).GroupBy(o => o.Order, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var zone = input.Policy.Zone;
        var lines = new List<string>();
        foreach (var item in defective)
        {
            if (numerator is null || !orders.TryGetValue(item.Id, out var order))
            {
                lines.Add($"  {item.Id}: {item.Reason}");
                continue;
            }
            var defects = numerator.HeldFor(order).Select(c =>
            {
                var field = (FactField<OrderFact>)c.Field;
                var shown = field.Show(order, zone);
                var values = Values(("value", shown));
                return MachineNotices.Phrase(input.Policy, "defect." + field.Name, language, values)
                    ?? (DefectEnglish.TryGetValue(field.Name, out var english) ? NoticeText.Fill(english, values) : $"{c} ({field.Name} = {shown})");
            });
            var values = Values(("order", item.Id), ("placed_at", order.PlacedAt is { } placed ? Text.Date(placed, zone) : NoticeWords.None(language)),
                ("defects", string.Join("; ", defects)));
            lines.Add(MachineNotices.Phrase(input.Policy, DefectiveOrderText, language, values) ?? NoticeText.Fill(DefectiveOrderEnglish, values));
        }
        return lines;
    }

    /// <summary>The pack's text of a defective order's line, and the machine's own English when the pack has none.</summary>
    public const string DefectiveOrderText = "defective_order";
    private const string DefectiveOrderEnglish = "  {order} (placed {placed_at}): {defects}";

    /// <summary>The machine's own English for the standard's two defects, when the pack has no <c>defect.FIELD</c> text.</summary>
    private static readonly Dictionary<string, string> DefectEnglish = new(StringComparer.Ordinal)
    {
        ["lowest_review_stars"] = "lowest review {value} of 5 stars",
        ["has_case"] = "a case was opened",
    };

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>The pack's text for a warning whose ODR could not be measured (a manual warning on a shop without orders).</summary>
    public const string WarningNotMeasuredText = "warning_not_measured";

    /// <summary>The ODR limit's number ("1%"): the pack's own when its ODR metric has a standard.</summary>
    private static string LimitValue(MachineInput input) =>
        input.Policy.Metrics.FirstOrDefault(m => m.Id == OdrMetric)?.Standard is { } standard ? ValueText.Percent(standard.Threshold) : "1%";

    /// <summary>
    /// A metric in the warning's performance summary; English keeps the status word the API uses. In another language
    /// a metric without a standard (a count the rule reads) has no verdict: it met or missed nothing.
    /// </summary>
    private static string SummaryLine(MetricResult m, string language) => language switch
    {
        NoticeText.English => $"  {m.Id}: {Text.Value(m)} ({m.Numerator} of {m.Denominator}, {m.Status.Wire()})",
        "fr" => $"  {m.Id} : {Measured(m, language)} ({m.Numerator} sur {m.Denominator}{Verdict(m, language)})",
        _ => $"  {m.Id}: {Measured(m, language)} ({m.Numerator} / {m.Denominator}{Verdict(m, language)})",
    };

    private static string Verdict(MetricResult m, string language) =>
        m.Definition.Standard is null ? "" : ", " + NoticeWords.Verdict(language, m.Status);

    private static string Measured(MetricResult m, string language) =>
        m.Value is { } v ? NoticeWords.Value(language, v, m.Definition.Kind) : NoticeWords.NotEnough(language);

    private void Reevaluate(MachineInput input, CaseBook book, EnforcementCase warning, MetricResult? odr)
    {
        var at = input.AsOf;
        var zone = input.Policy.Zone;
        var change = input.Setting(warning, EarlyChangeSetting, DefaultEarlyChange);
        var last = warning.GetNumber("odr");
        var now = odr?.Value;
        var scheduled = at >= warning.DueAt;
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, WarningOutcome);
        var inBreach = odr?.Status == MetricStatus.Breach;
        var within = now is null
            ? $"ODR: {Text.NotMeasured(odr)}"
            : $"ODR is {Text.Percent(now)}, within the standard";

        if (scheduled)
        {
            var why = $"the {Period(input)}-day evaluation period ended";
            if (inBreach && now is { } breach) Escalate(input, book, warning, breach, $"{why}; ODR is still {Text.Percent(now)} (limit: {Limit(input)}) after the warning");
            else book.Move(warning, Closed(warning, CaseStates.Resolved, at, now), rule, "re-evaluated", $"{why}; {within}", snapshot, at);
            return;
        }

        // An early re-evaluation needs two measured values: a missing one is no change (nothing is compared with it).
        if (now is not { } current || last is not { } previous) return;
        // Rounded to a millionth so that 1.5% − 1% counts as the 0.5 points it is, not a hair less.
        var delta = Math.Round(current - previous, 6);
        if (Math.Abs(delta) < change) return;
        var moved = $"ODR moved from {Text.Percent(previous)} to {Text.Percent(current)} (a change of {Text.Number(change * 100)} percentage points or more): early re-evaluation";

        if (delta < 0)
        {
            // A fall may resolve the warning, never escalate it: an improving shop is not punished.
            if (!inBreach)
                book.Move(warning, Closed(warning, CaseStates.Resolved, at, now), rule, "re-evaluated", $"{moved}; {within}", snapshot, at);
            else
                book.Move(warning, Measured(warning, odr!).With("evaluated_at", Text.Instant(at)), rule, "re-evaluated",
                    $"{moved}; ODR fell but is still {Text.Percent(current)} (limit: {Limit(input)}); the warning period continues", snapshot, at);
            return;
        }

        // A considerable rise escalates only once the shop had the pack's minimum time to act after the warning;
        // before then the rise is not acted on (the value it is measured from stays, so it is seen again then).
        var actBy = Days.Later(warning.OpenedAt, (int)input.Setting(warning, MinTimeToActSetting, DefaultMinTimeToActDays), zone);
        if (at < actBy) return;
        // A rise counts when new defective orders came: a rate that rises only because clean orders left
        // the window (no new defects) is not a shop doing worse, and is left to the period's end.
        var newDefects = warning.GetNumber(DefectsKey) is not { } before || odr!.Numerator > before;
        if (inBreach && newDefects)
        {
            Escalate(input, book, warning, current, $"{moved}; ODR rose to {Text.Percent(current)} (limit: {Limit(input)}) after the time to act that ended {Text.Date(actBy, zone)}");
            return;
        }
        if (inBreach) return; // no new defects: nothing to act on before the period's end
        book.Move(warning, Measured(warning, odr!).With("evaluated_at", Text.Instant(at)), rule, "re-evaluated",
            $"{moved}; {within}; the warning period continues", snapshot, at);
    }

    private static EnforcementCase Closed(EnforcementCase warning, string state, Instant at, double? odr) =>
        WithOdr(warning with { State = state, ClosedAt = at, DueAt = null }, odr);

    /// <summary>Records the ODR when there is one; a missing value is left out, never stored as 0.</summary>
    private static EnforcementCase WithOdr(EnforcementCase c, double? odr) => c.WithNumber("odr", odr);

    /// <summary>The ODR and its defective orders as last evaluated: what the next change is measured from.</summary>
    private static EnforcementCase Measured(EnforcementCase c, MetricResult odr) =>
        c.WithNumber("odr", odr.Value).WithNumber(DefectsKey, odr.Value is null ? null : odr.Numerator);

    private void Escalate(MachineInput input, CaseBook book, EnforcementCase warning, double odr, string why)
    {
        var at = input.AsOf;
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, WarningOutcome);
        var escalated = book.Move(warning, Closed(warning, CaseStates.Escalated, at, odr), rule, "re-evaluated", why, snapshot, at);
        var proposal = book.Open(Proposal(input, book, at).With("warning", escalated.Id).With("odr", odr), rule,
            $"continued breach after warning {escalated.Id}: {why}; a person must confirm or dismiss the suspension",
            snapshot);
        book.Notify(proposal, CaseKinds.SuspensionProposal, "operator", "Suspension proposed: continued ODR breach after a warning",
            [$"Shop {book.Seller} was warned on {Text.Date(escalated.OpenedAt, input.Policy.Zone)} and its ODR is still {Text.Percent(odr)}.",
             "Confirm (suspend) or dismiss with: standing cases decide " + proposal.Id + " --decision confirm|dismiss --by NAME --note TEXT"],
            snapshot);
    }

    /// <summary>A suspension proposal opened at <paramref name="at"/>, waiting for a person (by a reviewer or an escalation).</summary>
    private EnforcementCase Proposal(MachineInput input, CaseBook book, Instant at) => input.Recorded(new()
    {
        Id = book.NewId(CaseKinds.SuspensionProposal, at, input.Policy.Zone),
        Seller = book.Seller,
        Policy = Policy,
        Kind = CaseKinds.SuspensionProposal,
        State = CaseStates.Proposed,
        OpenedAt = at,
        UpdatedAt = at,
    });
}
