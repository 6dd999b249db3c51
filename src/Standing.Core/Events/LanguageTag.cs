using System.Text.RegularExpressions;

namespace Standing.Core.Events;

/// <summary>
/// A seller's language as <c>seller.registered</c> carries it: a well-formed BCP 47 tag (a 2–3 letter
/// language, then optional script, region or variant subtags: <c>fr</c>, <c>pl</c>, <c>zh-CN</c>,
/// <c>zh-Hans-CN</c>, <c>uk-UA</c>), and the primary language a notice template is chosen by.
/// </summary>
public static partial class LanguageTag
{
    /// <summary>Null when <paramref name="tag"/> is well formed, else why not, in the event format's words.</summary>
    public static string? Problem(string tag) =>
        WellFormed().IsMatch(tag) ? null
            : $"field \"language\" must be a BCP 47 language tag such as \"fr\", \"pl\" or \"zh-CN\", not \"{(tag.Length > 40 ? tag[..40] + "…" : tag)}\"";

    /// <summary>The primary language subtag, lower case: <c>zh</c> for <c>zh-CN</c>.</summary>
    public static string Primary(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).ToLowerInvariant();
    }

    // language (2–3 letters, optional extlang), script (4 letters), region (2 letters or 3 digits),
    // variants (5–8 alphanumerics, or a digit and 3), then extensions and private use (x-…).
    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-[xX](-[A-Za-z0-9]{1,8})+)?$")]
    private static partial Regex WellFormed();
}
