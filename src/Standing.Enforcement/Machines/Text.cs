using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Standing.Core.Metrics;

namespace Standing.Enforcement.Machines;

/// <summary>How machines write numbers and dates into reasons and notices.</summary>
internal static class Text
{
    public static string Percent(double? ratio) =>
        ratio is { } r ? ValueText.Percent(r) : "no value";

    public static string Number(double value) => ValueText.Number(value);

    public static string Date(Instant at, DateTimeZone zone) => LocalDatePattern.Iso.Format(at.InZone(zone).Date);

    public static string Instant(Instant at) => InstantPattern.ExtendedIso.Format(at);

    public static Instant? ParseInstant(string? text) =>
        text is not null && InstantPattern.ExtendedIso.Parse(text) is { Success: true } r ? r.Value : null;
}
