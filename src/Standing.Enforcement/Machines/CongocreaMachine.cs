using NodaTime;
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
    public const int PeriodDays = 90;
    /// <summary>Default of <c>early_reevaluation_change</c>: 0.5 percentage points.</summary>
    public const double DefaultEarlyChange = 0.005;

    public string Policy => "congocrea";

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
        var periodStart = Days.Later(input.AsOf, -PeriodDays, input.Policy.Zone);
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
                    var opened = book.Open(new EnforcementCase
                    {
                        Id = book.NewId(CaseKinds.SuspensionProposal, at, input.Policy.Zone),
                        Seller = book.Seller,
                        Policy = Policy,
                        Kind = CaseKinds.SuspensionProposal,
                        State = CaseStates.Proposed,
                        OpenedAt = at,
                        UpdatedAt = at,
                    }.With("odr", input.Evaluation.Metric(OdrMetric)?.Value ?? 0), person, $"suspension proposed by {by}: {note}", snapshot);
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
            DueAt = Days.Later(at, PeriodDays, zone),
            UpdatedAt = at,
        }.With("odr", odr?.Value ?? 0).With("evaluated_at", Text.Instant(at));
        var warning = book.Open(opened, actor, reason, snapshot);

        var defective = explained.Metric(OdrMetric)?.Items
            .Where(i => i.Role == ItemRole.Numerator)
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .ToList() ?? [];
        var lines = new List<string>
        {
            $"Your order defect rate is {Text.Percent(odr?.Value)} over the last {PeriodDays} days; the standard is under 1%.",
            "Performance summary:",
        };
        lines.AddRange(input.Evaluation.Metrics.Select(m =>
            $"  {m.Id}: {(m.Definition.Kind == MetricKind.Count ? Text.Number(m.Value ?? 0) : Text.Percent(m.Value))} ({m.Numerator} of {m.Denominator}, {m.Status.Wire()})"));
        lines.Add($"Orders that counted as defective ({defective.Count}):");
        lines.AddRange(defective.Select(i => $"  {i.Id}: {i.Reason}"));
        lines.Add("What to improve:");
        lines.AddRange(input.Policy.Guidance.Select(g => "  " + g));
        lines.Add($"Your shop will be re-evaluated on {Text.Date(warning.DueAt!.Value, zone)}, or sooner if its ODR changes by {Text.Number(input.Setting("early_reevaluation_change", DefaultEarlyChange) * 100)} percentage points or more; a shop that still exceeds the limit may be suspended.");
        book.Notify(warning, CaseKinds.Warning, "seller", "Customer service warning", lines, snapshot, defective.Select(i => i.Id).ToList());
    }

    private void Reevaluate(MachineInput input, CaseBook book, EnforcementCase warning, MetricResult? odr)
    {
        var at = input.AsOf;
        var change = input.Setting("early_reevaluation_change", DefaultEarlyChange);
        var last = warning.GetNumber("odr") ?? 0;
        var now = odr?.Value ?? 0;
        var scheduled = at >= warning.DueAt;
        // Rounded to a millionth so that 1.5% − 1% counts as the 0.5 points it is, not a hair less.
        var moved = Math.Round(Math.Abs(now - last), 6) >= change;
        if (!scheduled && !moved) return;

        var why = scheduled
            ? $"the {PeriodDays}-day evaluation period ended"
            : $"ODR moved from {Text.Percent(last)} to {Text.Percent(odr?.Value)} (a change of {Text.Number(change * 100)} percentage points or more): early re-evaluation";
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, WarningOutcome);
        var within = odr?.Value is null
            ? $"ODR has no value (no orders in the last {PeriodDays} days)"
            : $"ODR is {Text.Percent(now)}, within the standard";
        if (odr?.Status == MetricStatus.Breach)
        {
            var escalated = book.Move(warning, (warning with { State = CaseStates.Escalated, ClosedAt = at, DueAt = null }).With("odr", now),
                rule, "re-evaluated", $"{why}; ODR is still {Text.Percent(now)} (limit: under 1%) after the warning", snapshot, at);
            var proposal = book.Open(new EnforcementCase
            {
                Id = book.NewId(CaseKinds.SuspensionProposal, at, input.Policy.Zone),
                Seller = book.Seller,
                Policy = Policy,
                Kind = CaseKinds.SuspensionProposal,
                State = CaseStates.Proposed,
                OpenedAt = at,
                UpdatedAt = at,
            }.With("warning", escalated.Id).With("odr", now), rule,
                $"continued breach after warning {escalated.Id}: ODR {Text.Percent(now)} at re-evaluation ({why}); a person must confirm or dismiss the suspension",
                snapshot);
            book.Notify(proposal, CaseKinds.SuspensionProposal, "operator", "Suspension proposed: continued ODR breach after a warning",
                [$"Shop {book.Seller} was warned on {Text.Date(escalated.OpenedAt, input.Policy.Zone)} and its ODR is still {Text.Percent(now)}.",
                 "Confirm (suspend) or dismiss with: standing cases decide " + proposal.Id + " --decision confirm|dismiss --by NAME --note TEXT"],
                snapshot);
            return;
        }
        if (scheduled)
        {
            book.Move(warning, (warning with { State = CaseStates.Resolved, ClosedAt = at, DueAt = null }).With("odr", now),
                rule, "re-evaluated", $"{why}; {within}", snapshot, at);
            return;
        }
        // An early re-evaluation that finds the shop within the standard: the period goes on from the new value.
        book.Move(warning, warning.With("odr", now).With("evaluated_at", Text.Instant(at)),
            rule, "re-evaluated", $"{why}; {within}; the warning period continues", snapshot, at);
    }
}
