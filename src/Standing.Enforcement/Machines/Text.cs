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

    public static Instant? ParseInstant(string? text) =>
        text is not null && InstantPattern.ExtendedIso.Parse(text) is { Success: true } r ? r.Value : null;
}
