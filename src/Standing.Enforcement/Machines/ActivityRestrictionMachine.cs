using Standing.Core.Metrics;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Douyin (docs/standards/douyin.md). A failed half-month assessment (outcome <c>activity_restriction</c>)
/// restricts the shop from platform activities until the next passing assessment. Each assessment
/// period is judged once, however many runs see it.
/// </summary>
public sealed class ActivityRestrictionMachine : IPackMachine
{
    public const string Outcome = "activity_restriction";

    public string Policy => "douyin";

    public void Advance(MachineInput input, CaseBook book)
    {
        // The assessment period is that of the calendar-window metrics (half months); other metrics do not move it.
        var calendar = input.Evaluation.Metrics.Where(Assessment.IsCalendar).Select(m => m.Id).ToList();
        var period = Assessment.Period(input.Evaluation, calendar.Count > 0 ? calendar : null);
        var failed = input.Triggered(Outcome);
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, Outcome);
        var zone = input.Policy.Zone;
        var restriction = book.OpenOf(CaseKinds.ActivityRestriction);
        // Each half month is judged on its assessment day: by the first run that sees it complete. A later
        // run (a late event, a pending session now late) does not judge it again, passed or failed.
        if (input.PreviousRun is { } previous && Assessment.End(input.Evaluation, calendar.Count > 0 ? calendar : null) is { } end && previous >= end) return;
        if (restriction is null)
        {
            if (!failed || book.OfKind(CaseKinds.ActivityRestriction).Any(c => c.Get("last_period") == period)) return;
            var opened = book.Open(input.Recorded(new EnforcementCase
            {
                Id = book.NewId(CaseKinds.ActivityRestriction, input.AsOf, zone),
                Seller = book.Seller,
                Policy = Policy,
                Kind = CaseKinds.ActivityRestriction,
                State = CaseStates.Restricted,
                OpenedAt = input.AsOf,
                UpdatedAt = input.AsOf,
            }.With("period", period).With("last_period", period)), rule, $"half-month assessment {period} failed: {input.Outcome(Outcome)!.Reason}", snapshot);
            MachineNotices.Notify(input, book, opened, CaseKinds.ActivityRestriction, "seller", "Restricted from platform activities",
                [$"Your customer service failed the half-month assessment of {Text.PeriodDates(period, zone)}.",
                 "You cannot take part in platform activities (campaigns) until an assessment passes; assessments are made on the 1st and the 16th."],
                snapshot, new(input.Outcome(Outcome)!.Reason, Period: period, Outcome: Outcome));
            return;
        }
        if (restriction.Get("last_period") == period) return; // this period was judged already
        if (failed)
        {
            book.Move(restriction, restriction.With("last_period", period), rule, "assessed",
                $"half-month assessment {period} failed again: {input.Outcome(Outcome)!.Reason}; the restriction continues", snapshot, input.AsOf);
            return;
        }
        // Insufficient data is never a breach, and never a pass either: the restriction waits for an
        // assessment that could have failed.
        var unassessed = input.Evaluation.Metrics
            .Where(m => (calendar.Count == 0 || calendar.Contains(m.Id)) && m.Status == MetricStatus.InsufficientData)
            .Select(m => m.Id).ToList();
        if (unassessed.Count > 0)
        {
            book.Move(restriction, restriction.With("last_period", period), rule, "assessed",
                $"half-month assessment {period} could not pass: too little data for {string.Join(", ", unassessed)}; the restriction continues", snapshot, input.AsOf);
            return;
        }
        var lifted = book.Move(restriction, (restriction with { State = CaseStates.Lifted, ClosedAt = input.AsOf }).With("last_period", period),
            rule, "assessed", $"half-month assessment {period} passed; the restriction is lifted", snapshot, input.AsOf);
        MachineNotices.Notify(input, book, lifted, "restriction_lifted", "seller", "Restriction lifted",
            [$"Your customer service passed the half-month assessment of {Text.PeriodDates(period, zone)}; you may take part in platform activities again."], snapshot,
            new($"half-month assessment {period} passed", Period: period, Outcome: Outcome));
    }
}
