using System.Globalization;
using System.Text;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The histories the staff journeys walk through, worked out by hand from the standards' text
/// (docs/standards/congocrea.md, docs/standards/promua.md).
/// </summary>
internal static class StaffJourneyData
{
    /// <summary>
    /// Congocrea, added to <see cref="Marketplace"/> (shop-a ODR 3/10 = 0.3, warned by the run of 2026-04-01): two
    /// more orders of shop-a on 2026-04-10, both reviewed with 1 star. As of 2026-05-02 (31 days after the
    /// warning: past the 30 days to act) its 90-day ODR is 5/12 ≈ 41.7 %, moved from 30 % by more than the
    /// 0.5 point of an early re-evaluation and still at or over 1 %: the run proposes a suspension.
    /// shop-b (0/4) is good, so shop-a is the worst seller of the standard.
    /// </summary>
    public static string CongocreaEscalation()
    {
        var lines = new StringBuilder();
        for (var i = 11; i <= 12; i++)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"a-p{{i}}","type":"order.placed","at":"2026-04-10T09:{{i}}:00Z","seller":"shop-a","order":"a-o{{i}}","buyer":"buyer-{{i}}"}""");
            lines.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"a-r{{i}}","type":"review.posted","at":"2026-04-12T10:00:00Z","seller":"shop-a","review":"a-rv{{i}}","order":"a-o{{i}}","stars":1}""");
        }
        return lines.ToString();
    }

    public const string WarnedAsOf = "2026-04-01T00:00:00Z", ProposedAsOf = "2026-05-02T00:00:00Z";

    /// <summary>
    /// Prom.ua: 40 companies with 20 reviews each on 2026-02-15 (Kyiv). ua-bad has 12 of 2 stars or fewer,
    /// the 39 others 1 each: the catalog-wide rate is 51/800 = 6.375 %; ua-bad's 60 % is the worst of the
    /// 40 (percentile 1/40 = 2.5 %, within the worst 5 %) and 12 of 20 at 6.375 % has a binomial p-value
    /// far under 0.01: its 30-, 90- and 365-day rates are in breach and the run of 2026-03-01 excludes it.
    /// It sends its improvement letter on 2026-03-05 12:00 Kyiv (UTC+2); the run of 2026-03-06 opens the
    /// letter case, due 14 days after the letter: 2026-03-19 12:00 Kyiv, 10:00 UTC.
    /// </summary>
    public static string PromuaExclusion()
    {
        var lines = new StringBuilder();
        void Company(string seller, int negative)
        {
            for (var i = 1; i <= 20; i++)
            {
                var stars = i <= negative ? 1 : 5;
                lines.AppendLine(CultureInfo.InvariantCulture,
                    $$"""{"id":"{{seller}}-rv{{i}}","type":"review.posted","at":"2026-02-15T10:{{i:00}}:00+02:00","seller":"{{seller}}","review":"{{seller}}-r{{i}}","order":"{{seller}}-o{{i}}","stars":{{stars}}}""");
            }
        }
        Company("ua-bad", 12);
        for (var n = 1; n <= 39; n++) Company($"ua-{n:00}", 1);
        return lines.ToString();
    }

    public const string ExcludedAsOf = "2026-03-01", LetterRunAsOf = "2026-03-06";

    public const string LetterDueUtc = "2026-03-19T10:00:00Z";

    public static string Letter() =>
        """{"id":"ua-bad-letter","type":"seller.plan_submitted","at":"2026-03-05T12:00:00+02:00","seller":"ua-bad","text":"Problem: slow answers. Solution: a second agent on the chat from 9 to 21."}""" + "\n";
}
