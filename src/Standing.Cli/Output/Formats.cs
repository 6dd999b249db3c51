using System.Globalization;
using NodaTime;
using Standing.Data.Documents;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary>How instants and metric values are written for people and for machines.</summary>
internal static class Formats
{
    /// <summary>An instant as RFC 3339 with the offset of the given zone (e.g. 2026-03-01T00:00:00+01:00), as the JSON documents write it.</summary>
    public static string Instant(Instant instant, DateTimeZone zone) => DocumentText.Instant(instant, zone);

    /// <summary>An instant in UTC, to the millisecond at most.</summary>
    public static string Instant(Instant instant) => DocumentText.Instant(instant);

    public static string Value(MetricResult m) => Value(m.Value, m.Definition.Kind);

    /// <summary>The one number formatter of the tables: rates as percentages, durations in hours, scores and counts as numbers.</summary>
    public static string Value(double? value, MetricKind? kind) => value is not { } v ? "–" : kind switch
    {
        MetricKind.Rate or MetricKind.ShareWithin or MetricKind.Ratio or MetricKind.MeanDuration => ValueText.Of(v, kind.Value),
        MetricKind.Score => v.ToString("0.#", CultureInfo.InvariantCulture),
        MetricKind.Count => v.ToString("0", CultureInfo.InvariantCulture),
        _ => ValueText.Number(v),
    };

    /// <summary>A share (0.85) as a percentage, as metric values are shown.</summary>
    public static string Share(double? value) => value is { } v ? ValueText.Percent(v) : "–";

    /// <summary>A number for CSV: invariant, full precision (rounded to ten decimals as in JSON), empty when absent.</summary>
    public static string Raw(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 10).ToString("R", CultureInfo.InvariantCulture) : "";

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
        _ => "too few",
    };

    public static string StatusColor(MetricStatus status) => status switch
    {
        MetricStatus.Good => "green",
        MetricStatus.AtRisk => "yellow",
        MetricStatus.Breach => "red",
        _ => "grey",
    };
}
