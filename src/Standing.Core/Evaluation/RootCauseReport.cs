using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>One negative review as the root-cause report shows it.</summary>
public sealed record CauseExample(string Review, string? Order, int Stars, Instant PostedAt, string? Text, bool Answered);

/// <summary>The negative reviews of one cause: how many, how many still neither resolved nor commented, and examples.</summary>
public sealed record CauseGroup(string Id, string Title, int Count, int Unanswered, IReadOnlyList<CauseExample> Examples);

/// <summary>A seller's negative reviews grouped by root cause, most frequent first.</summary>
public sealed record SellerCauses(string Seller, TimeWindow Window, int NegativeReviews, IReadOnlyList<CauseGroup> Causes);

/// <summary>Groups negative reviews by root cause with a policy's keyword table (<see cref="RootCauseTable"/>).</summary>
public static class RootCauseReport
{
    public static SellerCauses For(SellerFacts facts, RootCauseTable table, Instant asOf, BusinessCalendar calendar)
    {
        var window = table.Window.Resolve(asOf, calendar);
        var keywords = table.Causes.Select(c => c.Keywords.Select(Fold).ToArray()).ToArray();
        var groups = Enumerable.Range(0, table.Causes.Count + 1).Select(_ => new List<CauseExample>()).ToArray();
        var negative = 0;
        foreach (var review in facts.Reviews)
        {
            if (review.IsRemoved || review.PostedAt is not { } posted || !window.Contains(posted)) continue;
            if (review.Stars is not { } stars || stars > table.MaxStars) continue;
            negative++;
            var answered = review.RepliedAt is not null || review.ResolvedAt is not null;
            var example = new CauseExample(review.Review, review.Order, stars, posted, review.Text, answered);
            groups[Classify(review.Text, keywords)].Add(example);
        }
        var result = new List<CauseGroup>();
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i].Count == 0) continue;
            var (id, title) = i < table.Causes.Count ? (table.Causes[i].Id, table.Causes[i].Title) : (RootCauseTable.Other, "Other");
            // Examples in a stable order whatever order the facts are held in: newest first, then by id.
            var examples = groups[i].OrderByDescending(e => e.PostedAt).ThenBy(e => e.Review, StringComparer.Ordinal).Take(table.Examples).ToList();
            result.Add(new CauseGroup(id, title, groups[i].Count, groups[i].Count(e => !e.Answered), examples));
        }
        // Most frequent causes first; ties keep the table's order ("other" last).
        var ordered = result.Select((g, i) => (g, i)).OrderByDescending(x => x.g.Count).ThenBy(x => x.i).Select(x => x.g).ToList();
        return new SellerCauses(facts.Seller, window, negative, ordered);
    }

    /// <summary>
    /// The index of the first cause whose keyword the text contains; the last index ("other") when none.
    /// The keywords are already <see cref="Fold"/>ed; the text is folded here.
    /// </summary>
    public static int Classify(string? text, IReadOnlyList<string[]> keywords)
    {
        if (string.IsNullOrEmpty(text)) return keywords.Count;
        var lower = Fold(text);
        for (var i = 0; i < keywords.Count; i++)
        {
            foreach (var k in keywords[i])
            {
                if (lower.Contains(k, StringComparison.Ordinal)) return i;
            }
        }
        return keywords.Count;
    }

    /// <summary>
    /// The form keywords and review texts are compared in: lower case (invariant), every apostrophe-like
    /// character as the ASCII apostrophe — Ukrainian is written with ’ (U+2019) or ʼ (U+02BC), Russian and
    /// other texts with `, ´, ‘, ′ and the like — so "зв'язався" matches "зв’язався" and "звʼязався".
    /// </summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.AsSpan().IndexOfAny(Apostrophes) < 0) return lower;
        return string.Create(lower.Length, lower, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = Apostrophes.Contains(source[i]) ? '\'' : source[i];
        });
    }

    /// <summary>
    /// ’ U+2019, ‘ U+2018, ‛ U+201B, ʼ U+02BC, ʹ U+02B9, ʻ U+02BB, ` U+0060, ´ U+00B4, ′ U+2032, ＇ U+FF07.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> Apostrophes =
        System.Buffers.SearchValues.Create("\u2019\u2018\u201B\u02BC\u02B9\u02BB\u0060\u00B4\u2032\uFF07");
}
