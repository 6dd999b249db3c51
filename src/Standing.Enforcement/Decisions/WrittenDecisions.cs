using System.Globalization;
using NodaTime;
using Standing.Core.Policies;
using Standing.Core.Policies.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Enforcement.Decisions;

/// <summary>
/// People's decisions on cases a policy's enforcement section opened: the decisions the case kept from
/// its rule, each closing the case (a fine only within the range it kept), with the notices the
/// policy sends on a decision.
/// </summary>
internal static class WrittenDecisions
{
    public static IReadOnlyList<string> Allowed(EnforcementCase c) =>
        CaseRules.Decisions(c).Select(d => d == Decision.Fine ? $"fine:{c.Get("fine_min")}..{c.Get("fine_max")}" : d).ToList();

    public static string? Apply(CaseBook book, EnforcementCase c, Decision decision, Actor person, string reason, string note, Instant at,
        IReadOnlyList<MetricSnapshot> seen, Policy? policy)
    {
        var allowed = CaseRules.Decisions(c);
        if (!allowed.Contains(decision.Verb))
        {
            var shown = Allowed(c);
            return $"case {c.Id} ({c.Kind}) is {c.State}: \"{decision}\" is not allowed there"
                + (shown.Count == 0 ? "; no decision is open on it" : $"; allowed: {string.Join(", ", shown)}");
        }
        var state = decision.Verb switch
        {
            Decision.Confirm => CaseStates.Confirmed,
            Decision.Dismiss => CaseStates.Dismissed,
            Decision.Reinstate => CaseStates.Reinstated,
            Decision.Answer => CaseStates.Answered,
            _ => CaseStates.Fined,
        };
        var next = c with { State = state, ClosedAt = at, DueAt = null };
        if (decision.Amount is { } amount)
        {
            var min = (decimal)(c.GetNumber("fine_min") ?? 0);
            var max = (decimal)(c.GetNumber("fine_max") ?? 0);
            var currency = c.Get("currency") ?? "";
            if (amount < min || amount > max)
                return $"fine {Show(amount)} {currency} is outside the range {Show(min)}–{Show(max)} {currency} the case was opened with";
            next = next.With("fine", Show(amount));
        }
        var moved = book.Move(c, next, person, decision.ToString(), reason, seen, at);
        if (policy?.Enforcement?.Rule(c.Kind) is { } rule)
        {
            foreach (var template in rule.Notices.Where(n => n.On == CaseTransition.Decided))
            {
                var language = NoticeText.LanguageFor(template, c.Get(CaseRules.LanguageKey));
                // The reason in another language: the decision's word and the person's note ("by NAME" is English).
                var said = language == NoticeText.English ? reason : $"{NoticeWords.Decision(language, decision)}: {note}";
                var values = PolicyMachine.Values(policy, moved, null, [], said, language);
                values["decision"] = NoticeWords.Decision(language, decision);
                values["note"] = note;
                values["item"] = CaseRules.PerOf(c) == CasePer.Item ? c.Get(CaseRules.Key) ?? "" : "";
                var (title, lines) = NoticeText.Render(template, language, values);
                book.Notify(moved, c.Kind, template.To, title, lines, seen);
            }
        }
        return null;
    }

    private static string Show(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
