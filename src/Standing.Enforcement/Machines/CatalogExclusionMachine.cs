using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Machines;

/// <summary>
/// Prom.ua (docs/standards/promua.md). Outcome <c>catalog_exclusion</c> excludes the seller's products for at
/// least <c>exclusion_min_days</c> (14). The re-check happens when that time is up — on day 14,
/// never before, whatever the seller did meanwhile — and then every <c>recheck_every_days</c>
/// (Default 14) until the <see cref="ReinstatementChecklist"/> holds; each result is told to the
/// seller with the conditions that failed. Every improvement letter the seller sends from its first
/// exclusion on becomes a <c>letter</c> case the operator must answer within <c>operator_reply_days</c> (14).
/// </summary>
public sealed class CatalogExclusionMachine : IPackMachine
{
    public const string Outcome = "catalog_exclusion";

    public string Policy => "promua";

    /// <summary>Without a case it only excludes, on the outcome; letters are read from a first exclusion on.</summary>
    public bool IdleWithoutCasesOrOutcomes => true;

    /// <summary>Settings of the pack this machine reads (Defaults of docs/standards/promua.md).</summary>
    public const string MinDaysSetting = "exclusion_min_days", RecheckEverySetting = "recheck_every_days",
        AnswerDaysSetting = "operator_reply_days", RatingRiseSetting = "rating_rise_min";

    public void Advance(MachineInput input, CaseBook book)
    {
        var facts = input.Facts ?? new SellerFacts(book.Seller, [], [], []);
        var exclusion = book.OpenOf(CaseKinds.CatalogExclusion);
        if (exclusion is null)
        {
            if (input.Triggered(Outcome) && HasNewEvidence(input, book, facts)) Exclude(input, book, facts);
        }
        else if (input.AsOf >= exclusion.DueAt)
        {
            Recheck(input, book, facts, exclusion);
        }
        else if (exclusion.Get(LetterWait) is { } wait && Text.ParseInstant(wait) is { } dayEnd && input.AsOf >= dayEnd)
        {
            CompleteRecheckDay(input, book, facts, exclusion, dayEnd);
        }
        OpenLetters(input, book);
    }

    /// <summary>The conditions the latest re-check failed, by id (comma-separated); absent once reinstated.</summary>
    private const string FailedKey = "failed";

    /// <summary>Set when a re-check failed only for want of a letter before its day was over: the end of that day.</summary>
    private const string LetterWait = "letter_wait_until";

    /// <summary>
    /// Reading: after a reinstatement the rolling rates still hold the old reviews, so a new exclusion
    /// needs a negative review or complaint that arrived after the reinstatement.
    /// </summary>
    private static bool HasNewEvidence(MachineInput input, CaseBook book, SellerFacts facts)
    {
        if (book.LatestOf(CaseKinds.CatalogExclusion) is not { ClosedAt: { } since }) return true;
        return facts.Reviews.Any(r => r.PostedAt >= since && !r.IsRemoved && r.Stars <= 2)
            || input.Events.Any(e => e.Type == EventType.ComplaintFiled && e.At >= since);
    }

    private void Exclude(MachineInput input, CaseBook book, SellerFacts facts)
    {
        var at = input.AsOf;
        var zone = input.Policy.Zone;
        var minDays = (int)input.Setting(MinDaysSetting, 14);
        var rating = ReinstatementChecklist.Rating(facts, at);
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        // Day 14 is a local day: the re-check falls due at its start, whatever the hour of the exclusion.
        var due = zone.AtStartOfDay(at.InZone(zone).Date.PlusDays(minDays)).ToInstant();
        var excluded = book.Open(input.Recorded(input.KeepSettings(new EnforcementCase
        {
            Id = book.NewId(CaseKinds.CatalogExclusion, at, zone),
            Seller = book.Seller,
            Policy = Policy,
            Kind = CaseKinds.CatalogExclusion,
            State = CaseStates.Excluded,
            OpenedAt = at,
            DueAt = due,
            UpdatedAt = at,
        }.WithNumber("rating_at_exclusion", rating).With("rechecks", "0").With("min_until", Text.Instant(due)),
            (RecheckEverySetting, 14), (RatingRiseSetting, 0.1))),
            Actor.Rule(Policy, Outcome), "service quality significantly worse than the catalog: " + input.Outcome(Outcome)!.Reason, snapshot);
        MachineNotices.Notify(input, book, excluded, CaseKinds.CatalogExclusion, "seller", "Your products are excluded from the catalog",
        [
            $"Your service quality is significantly worse than that of the other companies in the catalog; your products are excluded from {Text.Date(at, zone)} for at least {minDays} days.",
            $"Your case is re-checked on {Text.Date(excluded.DueAt!.Value, zone)} (not earlier, even if you write or improve before).",
            "You are reinstated at the re-check only if: every negative review is resolved with the buyer or commented; you earned new positive reviews and your rating went up; no fake reviews were detected; your improvement letter (Problem → Solution) arrived no later than the re-check day; no new negative reviews or complaints arrived since the exclusion.",
            "Open every negative review, tag its root cause, group the most frequent causes, contact the buyers and offer solutions; comment constructively where agreement is impossible. Disputing reviews is not a remedy.",
        ], snapshot, new MachineNotices.Values(input.Outcome(Outcome)!.Reason, More: _ => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["from_date"] = Text.Date(at, zone),
            ["min_days"] = minDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["recheck_date"] = Text.Date(excluded.DueAt!.Value, zone),
        }, Outcome: Outcome));
    }

    private void Recheck(MachineInput input, CaseBook book, SellerFacts facts, EnforcementCase exclusion)
    {
        var at = input.AsOf;
        var zone = input.Policy.Zone;
        // The re-check day is the local day the exclusion fell due; a letter received on it still counts.
        var dayEnd = zone.AtStartOfDay(exclusion.DueAt!.Value.InZone(zone).Date.PlusDays(1)).ToInstant();
        var checklist = Checklist(input, facts, exclusion, dayEnd);
        var failed = checklist.Where(c => !c.Held).ToList();
        var rechecks = (int)(exclusion.GetNumber("rechecks") ?? 0) + 1;
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, Outcome);
        if (failed.Count == 0)
        {
            var why = $"re-check {rechecks}: every reinstatement condition holds";
            // The failures of an earlier re-check no longer stand: a reinstated case lists none.
            var reinstated = book.Move(exclusion,
                Without(exclusion, FailedKey).With("rechecks", rechecks.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    with { State = CaseStates.Reinstated, ClosedAt = at, DueAt = null },
                rule, "re-checked", why, snapshot, at);
            MachineNotices.Notify(input, book, reinstated, RecheckResult, "seller", "Re-check passed: your products are back in the catalog",
                [$"Re-check of {Text.Date(at, zone)}: every condition holds; you are reinstated.", .. ConditionLines(input.Policy, checklist, NoticeText.English, marked: true)],
                snapshot, ResultValues(input, why, checklist, Text.Date(at, zone), null), textKind: "recheck_passed");
            return;
        }
        var interval = input.Setting(exclusion, RecheckEverySetting, 14);
        var next = exclusion.DueAt!.Value;
        while (next <= at) next = Days.Later(next, interval, zone); // a missed run does not stack re-checks
        // Only the letter missing while its day is not over: the result stands, but a letter that still
        // arrives on the re-check day completes this re-check at the first run after the day.
        var onlyLetter = failed.Count == 1 && failed[0].Id == ReinstatementChecklist.Letter && at < dayEnd;
        var kept = (exclusion with { DueAt = next }).With("rechecks", rechecks.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With(FailedKey, string.Join(",", failed.Select(f => f.Id)));
        // A wait left from an earlier re-check day must not complete this one.
        kept = onlyLetter ? kept.With(LetterWait, Text.Instant(dayEnd)) : Without(kept, LetterWait);
        var reason = $"re-check {rechecks}: still excluded; failed: {string.Join("; ", failed.Select(f => f.Detail))}";
        kept = book.Move(exclusion, kept, rule, "re-checked", reason, snapshot, at);
        MachineNotices.Notify(input, book, kept, RecheckResult, "seller", "Re-check: your products stay excluded",
            [$"Re-check of {Text.Date(at, zone)}: you stay excluded because these conditions failed:",
             .. ConditionLines(input.Policy, failed, NoticeText.English, marked: false),
             .. onlyLetter
                ? (string[])[$"Every other condition holds: an improvement letter received by the end of {Text.Date(at, zone)} still counts, and you are reinstated at the first run after it."]
                : [],
             $"Next re-check: {Text.Date(next, zone)}.",
             "All conditions:", .. ConditionLines(input.Policy, checklist, NoticeText.English, marked: true)],
            snapshot, ResultValues(input, reason, checklist, Text.Date(at, zone), Text.Date(next, zone)),
            textKind: onlyLetter ? "recheck_failed_letter_pending" : "recheck_failed");
    }

    /// <summary>The notice kind of every re-check result; the pack's texts are recheck_passed, recheck_passed_on_letter_day, recheck_failed and recheck_failed_letter_pending.</summary>
    private const string RecheckResult = "recheck_result";

    /// <summary>What a re-check result's text is filled with: its date, the next one, and the conditions in the notice's language.</summary>
    private static MachineNotices.Values ResultValues(MachineInput input, string reason, IReadOnlyList<ChecklistItem> checklist, string date, string? next) =>
        new(reason, More: language => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recheck_date"] = date,
            ["next_recheck_date"] = next ?? NoticeWords.None(language),
        }, Lists: language => new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["failed"] = ConditionLines(input.Policy, checklist.Where(c => !c.Held), language, marked: false),
            ["conditions"] = ConditionLines(input.Policy, checklist, language, marked: true),
        }, Outcome: Outcome);

    /// <summary>
    /// The conditions as a notice lists them, one line each (marked ✓ or ✗ when all are listed): the pack's
    /// text of the condition's result in the language (<c>condition.ID.VARIANT</c>), else the checklist's English.
    /// </summary>
    private static List<string> ConditionLines(Policy policy, IEnumerable<ChecklistItem> items, string language, bool marked) =>
        items.Select(c => "  " + (marked ? (c.Held ? "✓ " : "✗ ") : "") + ConditionText(policy, c, language)).ToList();

    private static string ConditionText(Policy policy, ChecklistItem c, string language) =>
        MachineNotices.Phrase(policy, c.TextKind, language, c.Values(language)) ?? $"{c.Id}: {c.Detail}";

    private static EnforcementCase Without(EnforcementCase c, string key) =>
        c.Get(key) is null ? c : c with { Data = c.Data.Where(kv => kv.Key != key).ToDictionary(StringComparer.Ordinal) };

    private static IReadOnlyList<ChecklistItem> Checklist(MachineInput input, SellerFacts facts, EnforcementCase exclusion, Instant letterDeadline) =>
        ReinstatementChecklist.Check(facts, input.Events, exclusion.OpenedAt, input.AsOf, letterDeadline,
            exclusion.GetNumber("rating_at_exclusion"), input.Setting(exclusion, RatingRiseSetting, 0.1));

    /// <summary>
    /// The first run after a re-check day whose only failure was the missing letter: a letter received
    /// during that day counts ("no later than the re-check day"), so the re-check is completed now.
    /// </summary>
    private void CompleteRecheckDay(MachineInput input, CaseBook book, SellerFacts facts, EnforcementCase exclusion, Instant dayEnd)
    {
        var at = input.AsOf;
        var zone = input.Policy.Zone;
        var checklist = Checklist(input, facts, exclusion, dayEnd);
        var failed = checklist.Where(c => !c.Held).ToList();
        var snapshot = MetricSnapshot.Of(input.Evaluation);
        var rule = Actor.Rule(Policy, Outcome);
        var day = NodaTime.Text.LocalDatePattern.Iso.Format(dayEnd.InZone(zone).Date.PlusDays(-1));
        var cleared = Without(exclusion, LetterWait);
        if (failed.Count > 0)
        {
            var next = exclusion.DueAt!.Value;
            var reason = $"re-check of {day} completed at the end of the day: still excluded; failed: {string.Join("; ", failed.Select(f => f.Detail))}";
            var kept = book.Move(exclusion, cleared.With(FailedKey, string.Join(",", failed.Select(f => f.Id))), rule, "re-checked", reason, snapshot, at);
            // Only the letter missing is what the company was told at the start of the day (it stays excluded, the
            // next re-check date): nothing new to say. Anything else failing during the day (a new negative review,
            // a complaint) contradicts "every other condition holds", so the company is told how the re-check ended.
            if (failed.All(f => f.Id == ReinstatementChecklist.Letter)) return;
            MachineNotices.Notify(input, book, kept, RecheckResult, "seller", "Re-check: your products stay excluded",
                [$"Re-check of {day}: you stay excluded because these conditions failed:",
                 .. ConditionLines(input.Policy, failed, NoticeText.English, marked: false),
                 $"Next re-check: {Text.Date(next, zone)}.",
                 "All conditions:", .. ConditionLines(input.Policy, checklist, NoticeText.English, marked: true)],
                snapshot, ResultValues(input, reason, checklist, day, Text.Date(next, zone)), textKind: "recheck_failed");
            return;
        }
        var why = $"re-check of {day} completed at the end of the day: the improvement letter arrived on the re-check day; every reinstatement condition holds";
        var reinstated = book.Move(exclusion, Without(cleared, FailedKey) with { State = CaseStates.Reinstated, ClosedAt = at, DueAt = null }, rule, "re-checked", why, snapshot, at);
        MachineNotices.Notify(input, book, reinstated, RecheckResult, "seller", "Re-check passed: your products are back in the catalog",
            [$"Re-check of {day}: your improvement letter arrived on the re-check day and every condition holds; you are reinstated.",
             .. ConditionLines(input.Policy, checklist, NoticeText.English, marked: true)],
            snapshot, ResultValues(input, why, checklist, day, null), textKind: "recheck_passed_on_letter_day");
    }

    private void OpenLetters(MachineInput input, CaseBook book)
    {
        var first = book.OfKind(CaseKinds.CatalogExclusion).FirstOrDefault();
        if (first is null) return;
        var answerDays = input.Setting(AnswerDaysSetting, 14);
        var known = book.OfKind(CaseKinds.Letter).Select(l => l.Get("event")).ToHashSet(StringComparer.Ordinal);
        foreach (var letter in input.Events.Where(e => e.Type == EventType.SellerPlanSubmitted && e.At >= first.OpenedAt && e.At < input.AsOf).OrderBy(e => e.At))
        {
            if (known.Contains(letter.Id)) continue;
            var opened = book.Open(new EnforcementCase
            {
                Id = book.NewId(CaseKinds.Letter, letter.At, input.Policy.Zone, letter.Id),
                Seller = book.Seller,
                Policy = Policy,
                Kind = CaseKinds.Letter,
                State = CaseStates.AwaitingAnswer,
                OpenedAt = letter.At,
                DueAt = Days.Later(letter.At, answerDays, input.Policy.Zone),
                UpdatedAt = input.AsOf,
            }.With("event", letter.Id).With("text", letter.Text ?? ""),
                Actor.Rule(Policy, "letter"), $"improvement letter received; the operator answers within {answerDays} days", []);
            _ = opened;
        }
    }
}
