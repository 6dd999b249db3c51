using NodaTime;
using NodaTime.Text;

namespace Standing.Cli.Input;

/// <summary>
/// Reads <c>--as-of</c>: an RFC 3339 instant with offset (2026-03-01T00:00:00+01:00), or a date
/// (2026-03-01), which means midnight at the start of that day in the policy's time zone.
/// </summary>
internal static class AsOfParser
{
    /// <summary>
    /// The years an as-of may fall in. Windows look back and forecasts look ahead from it by up to a few
    /// years; near the calendar's own ends (years 1 and 9999) that arithmetic would overflow, so an
    /// instant far outside any marketplace's data is refused here with its reason instead.
    /// </summary>
    public const int FirstYear = 1000, LastYear = 8999;

    private static readonly Instant Earliest = Instant.FromUtc(FirstYear, 1, 1, 0, 0);
    private static readonly Instant End = Instant.FromUtc(LastYear + 1, 1, 1, 0, 0);

    /// <param name="name">How the caller's user names the value in the error (<c>--as-of</c>, <c>asOf</c>…).</param>
    public static bool TryParse(string text, DateTimeZone zone, out Instant instant, out string error, string name = "--as-of")
    {
        error = "";
        var full = OffsetDateTimePattern.Rfc3339.Parse(text);
        var date = full.Success ? null : LocalDatePattern.Iso.Parse(text);
        if (full.Success) instant = full.Value.ToInstant();
        else if (date!.Success) instant = zone.AtStartOfDay(date.Value).ToInstant();
        else
        {
            instant = default;
            error = $"{name} \"{Shown(text)}\" is not an instant with offset (2026-03-01T00:00:00+01:00) or a date (2026-03-01)";
            return false;
        }
        if (instant >= Earliest && instant < End) return true;
        error = $"{name} \"{Shown(text)}\" is outside the years {FirstYear} to {LastYear} Standing evaluates";
        instant = default;
        return false;
    }

    private static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
