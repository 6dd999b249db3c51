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

    public static string Fraction(MetricResult m) => Fraction(m.Definition.Kind, m.Numerator, m.Denominator);

    /// <summary>What a value was computed from, by kind: 2/200 for a rate, n=12 for a mean duration, "of 258" for a count.</summary>
    public static string Fraction(MetricKind? kind, long numerator, long denominator) => kind switch
    {
        MetricKind.Rate or MetricKind.ShareWithin or MetricKind.Ratio => $"{numerator}/{denominator}",
        MetricKind.MeanDuration => $"n={denominator}",
        MetricKind.Score => $"{numerator} of {denominator} with data",
        MetricKind.Count => $"of {denominator}",
        _ => $"{numerator}/{denominator}",
    };

    /// <summary>
    /// A standard with its thresholds in the metric's unit, as its values are shown (breach when ≥ 1%,
    /// not ≥ 0.01); a peer standard says how it compares with the other sellers.
    /// </summary>
    public static string Standard(Standard standard, MetricKind kind)
    {
        if (standard.Peer is not null) return standard.ToString();
        var lower = standard.Direction == Direction.LowerIsBetter;
        var op = (lower, standard.ThresholdInclusive) switch
        {
            (true, true) => "≥",
            (true, false) => ">",
            (false, true) => "≤",
            _ => "<",
        };
        // A target on the threshold itself is good only on its own side of it (ODR < 1%: good when < 1%).
        var onThreshold = standard.ThresholdInclusive && standard.Target == standard.Threshold;
        var targetOp = (lower, onThreshold) switch
        {
            (true, true) => "<",
            (true, false) => "≤",
            (false, true) => ">",
            _ => "≥",
        };
        var count = standard.BreachMinCount > 0 ? $" with ≥ {standard.BreachMinCount} counted" : "";
        return $"breach when {op} {ValueText.Of(standard.Threshold, kind)}{count}, good when {targetOp} {ValueText.Of(standard.Target, kind)}, " +
               $"minimum sample {standard.MinSample}{(standard.Guard is { } guard ? $", guard {guard}" : "")}";
    }

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
