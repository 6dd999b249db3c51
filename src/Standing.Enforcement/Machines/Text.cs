using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Standing.Core.Metrics;

namespace Standing.Enforcement.Machines;

/// <summary>How machines write numbers and dates into reasons and notices.</summary>
internal static class Text
{
    public static string Percent(double? ratio) =>
        ratio is { } r ? ValueText.Percent(r) : "not measured";

    /// <summary>What a notice says for a metric without a value (too few items): never a number.</summary>
    public static string NotMeasured(MetricResult? metric) =>
        $"not enough {(metric is null ? "data" : Subject(metric.Definition.Subject))} to measure";

    /// <summary>A metric's value as a notice shows it: a count, a percentage, or that it could not be measured.</summary>
    public static string Value(MetricResult metric) => metric.Value switch
    {
        null => NotMeasured(metric),
        { } v when metric.Definition.Kind == MetricKind.Count => Number(v),
        { } v => Percent(v),
    };

    private static string Subject(Standing.Core.Facts.Subject subject) => subject switch
    {
        Standing.Core.Facts.Subject.AgentMessages => "agent messages",
        _ => subject.ToString().ToLowerInvariant(),
    };

    public static string Number(double value) => ValueText.Number(value);

    public static string Date(Instant at, DateTimeZone zone) => LocalDatePattern.Iso.Format(at.InZone(zone).Date);

    public static string Instant(Instant at) => InstantPattern.ExtendedIso.Format(at);

    /// <summary>
    /// An assessment period (its key <c>start/end</c>, two instants) as a seller reads it: its first and last
    /// local days in <paramref name="zone"/> ("2026-04-01 – 2026-04-15" for Douyin's first half of April), not
    /// the UTC instants of the key ("2026-03-31T16:00:00Z/…" reads as another half month). The end is the next
    /// period's first instant, so the last day is the day just before it. A text that is not such a key is kept.
    /// </summary>
    public static string PeriodDates(string period, DateTimeZone zone)
    {
        var slash = period.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || ParseInstant(period[(slash + 1)..]) is not { } end) return period;
        var last = Date(end - Duration.Epsilon, zone);
        return ParseInstant(period[..slash]) is { } start ? $"{Date(start, zone)} – {last}" : $"… – {last}";
    }

    public static Instant? ParseInstant(string? text) =>
        text is not null && InstantPattern.ExtendedIso.Parse(text) is { Success: true } r ? r.Value : null;
}
