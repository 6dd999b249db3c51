using System.Text.RegularExpressions;
using Standing.Enforcement.Cases;

namespace Standing.Enforcement.Tests.Support;

/// <summary>
/// Finds English left in a notice written in another language: whole words of plain ASCII letters (ids such as
/// <c>tracking_rate</c>, <c>o-1</c> or <c>T8</c> are not words) that are common English words of the notices and
/// of the evaluator's reasons. Chosen so that none is a word of the packs' French, Polish, Russian, Ukrainian or
/// Chinese texts (no "on", "to", "no", "data").
/// </summary>
internal static partial class EnglishWords
{
    private static readonly HashSet<string> Markers = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "your", "you", "is", "are", "was", "of", "and", "not", "enough", "orders", "order", "review", "reviews", "stars",
        "placed", "none", "missed", "needs", "first", "event", "reason", "lowest", "opened", "measure", "measured", "with", "within",
        "standard", "shop", "seller", "products", "catalog", "restriction", "lifted", "penalty", "warning", "suspended", "restored",
        "reviewer", "decided", "confirm", "dismiss", "reinstate", "answer", "fine", "rate", "over", "than", "by", "from", "has",
        "value", "judged", "passed", "failed", "check", "again", "days", "operator", "any", "held", "holds", "breach",
    };

    /// <summary>The English words in the notice's title and lines, each with the line it is in.</summary>
    public static List<string> In(Notice notice) =>
        new[] { notice.Title }.Concat(notice.Lines)
            .SelectMany(line => Word().Matches(line).Where(m => Markers.Contains(m.Value)).Select(m => $"\"{m.Value}\" in \"{line}\""))
            .ToList();

    public static void AssertNone(Notice notice) => Assert.Empty(In(notice));

    /// <summary>A run of ASCII letters not joined to other word characters, digits, '_', '-' or '.' (an id's part).</summary>
    [GeneratedRegex(@"(?<![\w.\-])[A-Za-z]+(?![\w.\-])")]
    private static partial Regex Word();
}
