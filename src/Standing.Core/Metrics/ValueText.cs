using System.Globalization;

namespace Standing.Core.Metrics;

/// <summary>
/// Metric values in words, the same in tables, reasons and notices. Percentages keep three decimals so
/// a value just under a threshold (2/201 = 0.995%) is not shown as the threshold itself.
/// </summary>
public static class ValueText
{
    public static string Percent(double ratio) => (ratio * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    public static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + " h";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A value of a metric of <paramref name="kind"/>, with its unit.</summary>
    public static string Of(double value, MetricKind kind) => kind switch
    {
        MetricKind.Rate or MetricKind.ShareWithin or MetricKind.Ratio => Percent(value),
        MetricKind.MeanDuration => Hours(value),
        _ => Number(value),
    };
}
