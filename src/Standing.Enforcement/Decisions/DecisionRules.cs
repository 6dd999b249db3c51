using System.Globalization;
using NodaTime;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement.Decisions;

/// <summary>
/// What a person may decide on a case in its state, and what the decision does. A decision the state
/// does not allow is refused with the reason; an allowed one moves the case, is audited with the
/// person and the note, and writes the notice it implies.
/// </summary>
public static class DecisionRules
{
    /// <summary>
    /// Applies the decision; returns null when done, else why it was refused (nothing changed). The
    /// audit entry carries <paramref name="seen"/>, the metric values the case last had (see
    /// <see cref="AuditTrail.LatestSnapshot"/>): what the person decided on.
    /// </summary>
    /// <param name="policy">The case's policy, for the notices its enforcement section sends on a decision (none without it).</param>
    public static string? Apply(CaseBook book, EnforcementCase c, Decision decision, string by, string note, Instant at, IReadOnlyList<MetricSnapshot> seen,
        Core.Policies.Policy? policy = null)
    {
        if (string.IsNullOrWhiteSpace(by)) return "--by must name the person deciding";
        if (string.IsNullOrWhiteSpace(note)) return "--note must say why";
        if (at < c.OpenedAt) return $"the decision at {Text.Instant(at)} would come before the case was opened ({Text.Instant(c.OpenedAt)})";
        // The audit trail reads in time order: a decision cannot be back-dated before what it decides on.
        if (at < c.UpdatedAt) return $"the decision at {Text.Instant(at)} would come before the case's last change ({Text.Instant(c.UpdatedAt)})";
        var person = Actor.Person(by);
        var reason = $"{decision} by {by}: {note}";

        EnforcementCase Close(string state) => c with { State = state, ClosedAt = at, DueAt = null };

        if (CaseRules.IsWritten(c)) return WrittenDecisions.Apply(book, c, decision, person, reason, note, at, seen, policy);

        switch (CaseKinds.Family(c.Kind), c.State, decision.Verb)
        {
            case (CaseKinds.SuspensionProposal, CaseStates.Proposed, Decision.Confirm):
                {
                    var moved = book.Move(c, c with { State = CaseStates.Confirmed }, person, decision.Verb, reason, seen, at);
                    // A proposal escalated from a warning, or one a reviewer opened (a shop that never served its buyers).
                    DecisionNotices.Tell(book, moved, policy, "suspension", c.Get("warning") is null ? "suspension_by_reviewer" : "suspension", decision, note,
                        "Your buying and selling privileges are suspended on every account you hold",
                        ["After a warning your order defect rate stayed above the limit; a reviewer confirmed the suspension.", "Reason: " + note]);
                    return null;
                }
            case (CaseKinds.SuspensionProposal, CaseStates.Proposed, Decision.Dismiss):
                book.Move(c, Close(CaseStates.Dismissed), person, decision.Verb, reason, seen, at);
                return null;
            case (CaseKinds.SuspensionProposal, CaseStates.Confirmed, Decision.Reinstate):
                {
                    var moved = book.Move(c, Close(CaseStates.Reinstated), person, decision.Verb, reason, seen, at);
                    DecisionNotices.Tell(book, moved, policy, "reinstatement", "reinstatement", decision, note, "Your buying and selling privileges are restored", ["Reason: " + note]);
                    return null;
                }
            case (CaseKinds.Warning, CaseStates.Issued, Decision.Dismiss):
                book.Move(c, Close(CaseStates.Withdrawn), person, decision.Verb, reason, seen, at);
                return null;
            case (CaseKinds.CatalogExclusion, CaseStates.Excluded, Decision.Reinstate):
                {
                    if (InMinimumExclusion(c, at) && Text.ParseInstant(c.Get("min_until")) is { } until)
                        return $"case {c.Id} is in its minimum exclusion until {Text.Instant(until)}: nobody is reinstated before the re-check day";
                    var moved = book.Move(c, Close(CaseStates.Reinstated), person, decision.Verb, reason, seen, at);
                    DecisionNotices.Tell(book, moved, policy, "reinstatement", "reinstatement", decision, note, "Your products are back in the catalog", ["Reason: " + note]);
                    return null;
                }
            case (CaseKinds.Letter, CaseStates.AwaitingAnswer, Decision.Answer or Decision.Confirm):
                {
                    var late = c.DueAt is { } due && at > due ? $" (late: due {Text.Instant(due)})" : "";
                    book.Move(c, Close(CaseStates.Answered), person, Decision.Answer, reason + late, seen, at);
                    return null;
                }
            case (CaseKinds.ActivityRestriction, CaseStates.Restricted, Decision.Reinstate):
                {
                    var moved = book.Move(c, Close(CaseStates.Lifted), person, decision.Verb, reason, seen, at);
                    DecisionNotices.Tell(book, moved, policy, "restriction_lifted", "restriction_lifted_by_decision", decision, note, "Restriction lifted", ["Reason: " + note]);
                    return null;
                }
            case (CaseKinds.Violation, CaseStates.Recorded, Decision.Confirm):
                book.Move(c, Close(CaseStates.Handled), person, decision.Verb, reason, seen, at);
                return null;
            case (CaseKinds.Violation, CaseStates.Recorded, Decision.Dismiss):
                book.Move(c, Close(CaseStates.Dismissed), person, decision.Verb, reason, seen, at);
                return null;
            case (CaseKinds.AttitudePenalty, CaseStates.Recorded, Decision.Confirm):
                book.Move(c, Close(CaseStates.Handled), person, decision.Verb, reason, seen, at);
                return null;
            case (CaseKinds.AttitudePenalty, CaseStates.AwaitingFine, Decision.Fine):
                {
                    var min = (decimal)(c.GetNumber("fine_min") ?? 0);
                    var max = (decimal)(c.GetNumber("fine_max") ?? 0);
                    var amount = decision.Amount!.Value;
                    var currency = c.Get("currency") ?? "";
                    if (amount < min || amount > max)
                        return $"fine {Show(amount)} {currency} is outside the range {Show(min)}–{Show(max)} {currency} of tier {c.Get("tier")}";
                    var moved = book.Move(c, Close(CaseStates.Fined).With("fine", Show(amount)), person, decision.ToString(), reason, seen, at);
                    DecisionNotices.Tell(book, moved, policy, "fine", "fine", decision, note, $"Fine of {Show(amount)} {currency}",
                        [$"Service-attitude penalty ({c.Get("tier")}, {Machines.Text.PeriodDates(c.Get("period") ?? "", policy?.Zone ?? DateTimeZone.Utc)}): {c.Get("penalty")}.", $"Fine set by the operator: {Show(amount)} {currency}.", "Reason: " + note],
                        language => FineValues(c, amount, language, policy?.Zone ?? DateTimeZone.Utc));
                    return null;
                }
            case (CaseKinds.AttitudePenalty, CaseStates.AwaitingFine or CaseStates.Recorded, Decision.Dismiss):
                book.Move(c, Close(CaseStates.Dismissed), person, decision.Verb, reason, seen, at);
                return null;
        }
        // What the case accepts at the decision's time; an exclusion in its minimum 14 days says when that opens.
        var allowed = Allowed(c, at);
        return $"case {c.Id} ({c.Kind}) is {c.State}: \"{decision}\" is not allowed there" + (allowed.Count > 0
            ? $"; allowed: {string.Join(", ", allowed)}"
            : InMinimumExclusion(c, at) && Text.ParseInstant(c.Get("min_until")) is { } opens
                ? $"; none before {Text.Instant(opens)}, then: {string.Join(", ", Allowed(c, opens))}"
                : "; no decision is open on it");
    }

    /// <summary>
    /// The decisions a case in its state accepts when decided at <paramref name="at"/> (the instant a decision
    /// would be dated: the store's latest run for the command line, the clock for the server; without one, the
    /// case's last change). Only what <see cref="Apply"/> would accept is offered: a catalog exclusion offers no
    /// <c>reinstate</c> before its minimum of 14 days ends ("не ранее, чем через 14 дней после исключения").
    /// </summary>
    public static IReadOnlyList<string> Allowed(EnforcementCase c, Instant? at = null) => CaseRules.IsWritten(c) ? WrittenDecisions.Allowed(c) : (CaseKinds.Family(c.Kind), c.State) switch
    {
        (CaseKinds.CatalogExclusion, CaseStates.Excluded) when InMinimumExclusion(c, at ?? c.UpdatedAt) => [],
        (CaseKinds.SuspensionProposal, CaseStates.Proposed) => ["confirm", "dismiss"],
        (CaseKinds.SuspensionProposal, CaseStates.Confirmed) => ["reinstate"],
        (CaseKinds.Warning, CaseStates.Issued) => ["dismiss"],
        (CaseKinds.CatalogExclusion, CaseStates.Excluded) => ["reinstate"],
        (CaseKinds.Letter, CaseStates.AwaitingAnswer) => ["answer"],
        (CaseKinds.ActivityRestriction, CaseStates.Restricted) => ["reinstate"],
        (CaseKinds.Violation, CaseStates.Recorded) => ["confirm", "dismiss"],
        (CaseKinds.AttitudePenalty, CaseStates.Recorded) => ["confirm", "dismiss"],
        (CaseKinds.AttitudePenalty, CaseStates.AwaitingFine) => [$"fine:{c.Get("fine_min")}..{c.Get("fine_max")}", "dismiss"],
        _ => [],
    };

    /// <summary>Whether a catalog exclusion is still in its minimum duration at <paramref name="at"/> (nobody is reinstated then).</summary>
    private static bool InMinimumExclusion(EnforcementCase c, Instant at) =>
        Text.ParseInstant(c.Get("min_until")) is { } until && at < until;

    /// <summary>A fine's placeholders: the amount, the currency, the tier, the period and the penalty, in the language.</summary>
    private static Dictionary<string, string> FineValues(EnforcementCase c, decimal amount, string language, DateTimeZone zone)
    {
        var currency = c.Get("currency") ?? "";
        var chinese = language == "zh";
        return new(StringComparer.Ordinal)
        {
            ["fine"] = Show(amount),
            ["currency"] = chinese && currency == "CNY" ? "元" : currency,
            ["tier"] = chinese ? KuaishouMachine.TierName(c.Get("tier") ?? "") : c.Get("tier") ?? "",
            ["period"] = Machines.Text.PeriodDates(c.Get("period") ?? "", zone),
            ["penalty"] = chinese
                ? KuaishouMachine.ChinesePenalty((decimal?)c.GetNumber("fine_min"), (decimal?)c.GetNumber("fine_max"), currency)
                : c.Get("penalty") ?? "",
        };
    }

    private static string Show(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
