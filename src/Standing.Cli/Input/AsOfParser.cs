using NodaTime;
using NodaTime.Text;

namespace Standing.Cli.Input;

/// <summary>
/// Reads <c>--as-of</c>: an RFC 3339 instant with offset (2026-03-01T00:00:00+01:00), or a date
/// (2026-03-01), which means midnight at the start of that day in the policy's time zone.
/// </summary>
internal static class AsOfParser
{
    public static bool TryParse(string text, DateTimeZone zone, out Instant instant, out string error)
    {
        var full = OffsetDateTimePattern.Rfc3339.Parse(text);
        if (full.Success)
        {
            instant = full.Value.ToInstant();
            error = "";
            return true;
        }
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
        {
            instant = zone.AtStartOfDay(date.Value).ToInstant();
            error = "";
            return true;
        }
        instant = default;
        error = $"--as-of \"{text}\" is not an instant with offset (2026-03-01T00:00:00+01:00) or a date (2026-03-01)";
        return false;
    }
}
