using System.Text.RegularExpressions;

namespace Standing.Core.Metrics;

/// <summary>
/// The regular expressions of a <c>matches</c> condition, as one case-insensitive expression that runs
/// in time linear in the text (no backtracking), so a policy's pattern cannot stall an evaluation.
/// </summary>
public static class TextPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public static Regex Compile(IReadOnlyList<string> patterns) =>
        new(string.Join("|", patterns.Select(p => $"(?:{p})")), Options);

    /// <summary>Why <paramref name="pattern"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Options);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
    }
}
