using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;

namespace Standing.Enforcement.Machines;

/// <summary>
/// One condition of Prom.ua's reinstatement checklist and whether it held: <paramref name="Detail"/> in
/// English for the audit trail, and what a notice says of it in a seller's language — the pack's text
/// <c>condition.ID.VARIANT</c> (<paramref name="Variant"/>: held, failed, or pending for a letter that may
/// still come on the re-check day) filled with <paramref name="Values"/> in that language.
/// </summary>
public sealed record ChecklistItem(string Id, bool Held, string Detail, string Variant, Func<string, IReadOnlyDictionary<string, string>> Values)
{
    /// <summary>The pack's text kind that states this result of the condition.</summary>
    public string TextKind => $"condition.{Id}.{Variant}";
}

/// <summary>
/// Prom.ua's reinstatement conditions (docs/standards/promua.md) checked at a re-check instant against what
/// is known then: the seller's reviews (facts), complaints and improvement letters (events).
/// </summary>
/// <remarks>
/// Readings: a negative review has 2 stars or fewer and is not removed; the service-quality rating is
/// the mean stars of the reviews posted in the 365 days before the instant, not removed and not
/// flagged fake; a fake review counts when it was flagged in the 365 days before the re-check.
/// </remarks>
public static class ReinstatementChecklist
{
    public const string Worked = "negative_reviews_worked_through";
    public const string Improved = "new_positive_reviews_and_rating_up";
    public const string NoFakes = "no_fake_reviews";
    public const string Letter = "improvement_letter";
    public const string NothingNew = "no_new_negatives_or_complaints";

    public const int RatingDays = 365;

    /// <param name="letterDeadline">The end of the re-check day: a letter counts when received before it
    /// (and known at <paramref name="recheck"/>); one received after the re-check day does not.</param>
    public static IReadOnlyList<ChecklistItem> Check(
        SellerFacts facts, IReadOnlyList<StandingEvent> events, Instant excludedAt, Instant recheck, Instant letterDeadline,
        double? ratingAtExclusion, double minRise)
    {
        var known = facts.Reviews.Where(r => r.PostedAt is { } p && p < recheck).ToList();
        var negatives = known.Where(r => !r.IsRemoved && r.Stars <= 2).ToList();
        var unworked = negatives.Where(r => !(r.ResolvedAt < recheck) && !(r.RepliedAt < recheck))
            .Select(r => r.Review).Order(StringComparer.Ordinal).ToList();

        var newPositive = known.Count(r => r.PostedAt >= excludedAt && !r.IsRemoved && r.Stars >= 4 && r.FlaggedFakeAt is null);
        var rating = Rating(facts, recheck);
        // No rating is no number: nothing is compared with a missing one. Without a rating at the exclusion
        // (no reviews then), a rating formed since is the rise; without one now, the rating did not go up.
        var ratingUp = rating is { } now && (ratingAtExclusion is not { } before || Math.Round(now - before, 6) >= minRise);
        var fakes = facts.Reviews.Where(r => r.FlaggedFakeAt is { } f && f < recheck && f >= recheck - Duration.FromDays(RatingDays))
            .Select(r => r.Review).Order(StringComparer.Ordinal).ToList();

        var letters = events.Where(e => e.Type == EventType.SellerPlanSubmitted && e.At >= excludedAt && e.At < recheck && e.At < letterDeadline).OrderBy(e => e.At).ToList();
        var newNegatives = negatives.Where(r => r.PostedAt >= excludedAt).Select(r => r.Review).Order(StringComparer.Ordinal).ToList();
        var newComplaints = events.Where(e => e.Type == EventType.ComplaintFiled && e.At >= excludedAt && e.At < recheck)
            .Select(e => e.Complaint ?? e.Id).Distinct().Order(StringComparer.Ordinal).ToList();

        var worked = unworked.Count == 0;
        var improved = newPositive > 0 && ratingUp;
        var nothingNew = newNegatives.Count == 0 && newComplaints.Count == 0;
        var pending = letters.Count == 0 && recheck < letterDeadline;
        return
        [
            new(Worked, worked, worked
                ? $"all {negatives.Count} negative reviews are resolved with the buyer or commented"
                : $"negative reviews neither resolved nor commented: {string.Join(", ", unworked)}",
                Variant(worked), language => Named(("negative_count", Count(negatives.Count)), ("reviews", List(unworked, language)))),
            new(Improved, improved,
                $"{newPositive} new positive reviews since the exclusion; rating {Show(ratingAtExclusion)} → {Show(rating)} (needs a rise of at least {Text.Number(minRise)})",
                Variant(improved), language => Named(("new_positive", Count(newPositive)), ("rating_before", Show(ratingAtExclusion, language)),
                    ("rating_now", Show(rating, language)), ("rating_rise_min", Text.Number(minRise)))),
            new(NoFakes, fakes.Count == 0, fakes.Count == 0 ? "no fake reviews detected" : $"fake reviews detected: {string.Join(", ", fakes)}",
                Variant(fakes.Count == 0), language => Named(("reviews", List(fakes, language)))),
            new(Letter, letters.Count > 0, letters.Count > 0
                ? $"improvement letter received {Text.Instant(letters[0].At)}"
                : pending
                    ? "no improvement letter (Problem → Solution) received yet; one received by the end of the re-check day still counts"
                    : "no improvement letter (Problem → Solution) received by the re-check day",
                letters.Count > 0 ? "held" : pending ? "pending" : "failed",
                _ => Named(("letter_at", letters.Count > 0 ? Text.Instant(letters[0].At) : ""))),
            new(NothingNew, nothingNew, nothingNew
                ? "no new negative reviews or complaints since the exclusion"
                : $"since the exclusion: new negative reviews [{string.Join(", ", newNegatives)}], complaints [{string.Join(", ", newComplaints)}]",
                Variant(nothingNew), language => Named(("reviews", List(newNegatives, language)), ("complaints", List(newComplaints, language)))),
        ];
    }

    /// <summary>Mean stars of the reviews posted in the 365 days before <paramref name="at"/>; null without any.</summary>
    public static double? Rating(SellerFacts facts, Instant at)
    {
        var from = at - Duration.FromDays(RatingDays);
        var stars = facts.Reviews
            .Where(r => r.PostedAt is { } p && p < at && p >= from && !r.IsRemoved && r.FlaggedFakeAt is null && r.Stars is not null)
            .Select(r => (double)r.Stars!.Value)
            .ToList();
        return stars.Count == 0 ? null : stars.Average();
    }

    private static string Show(double? rating) => rating is { } r ? Text.Number(r) : "not enough reviews to measure";

    private static string Show(double? rating, string language) => rating is { } r ? Text.Number(r) : NoticeWords.NoRating(language);

    private static string Variant(bool held) => held ? "held" : "failed";

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Review or complaint ids, or the language's "none".</summary>
    private static string List(IReadOnlyList<string> ids, string language) => ids.Count == 0 ? NoticeWords.None(language) : string.Join(", ", ids);

    private static IReadOnlyDictionary<string, string> Named(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
