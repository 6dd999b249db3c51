using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary>How instants and metric values are written for people and for machines.</summary>
internal static class Formats
{
    private static readonly OffsetDateTimePattern Rfc3339 = OffsetDateTimePattern.Rfc3339;

    /// <summary>An instant as RFC 3339 with the offset of the given zone (e.g. 2026-03-01T00:00:00+01:00).</summary>
    public static string Instant(Instant instant, DateTimeZone zone) => Rfc3339.Format(instant.InZone(zone).ToOffsetDateTime());

    public static string Value(MetricResult m) => m.Value is not { } v ? "–" : m.Definition.Kind switch
    {
        MetricKind.Rate or MetricKind.ShareWithin or MetricKind.Ratio or MetricKind.MeanDuration => ValueText.Of(v, m.Definition.Kind),
        MetricKind.Score => v.ToString("0.#", CultureInfo.InvariantCulture),
        _ => v.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Fraction(MetricResult m) => m.Definition.Kind switch
    {
        MetricKind.Rate or MetricKind.ShareWithin or MetricKind.Ratio => $"{m.Numerator}/{m.Denominator}",
        MetricKind.MeanDuration => $"n={m.Denominator}",
        MetricKind.Score => $"{m.Numerator} of {m.Denominator} with data",
        _ => $"of {m.Denominator}",
    };

    /// <summary>The status in a word, so a table read without colours still says it.</summary>
    public static string StatusWord(MetricStatus status) => status switch
    {
        MetricStatus.Good => "good",
        MetricStatus.AtRisk => "at risk",
        MetricStatus.Breach => "BREACH",
        _ => "n/a",
    };

    public static string StatusColor(MetricStatus status) => status switch
    {
        MetricStatus.Good => "green",
        MetricStatus.AtRisk => "yellow",
        MetricStatus.Breach => "red",
        _ => "grey",
    };
}
