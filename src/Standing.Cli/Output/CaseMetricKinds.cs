using System.Globalization;
using Standing.Core.Metrics;
using Standing.Policies;

namespace Standing.Cli.Output;

/// <summary>
/// The kinds of a built-in policy's metrics, so a case shows its ODR as evaluate does (2.941%), not as
/// the ratio the store keeps (0.0294).
/// </summary>
internal static class CaseMetricKinds
{
    public static IReadOnlyDictionary<string, MetricKind> Of(string policy) =>
        BuiltInPacks.Ids.Contains(policy)
            ? BuiltInPacks.Load(policy).Metrics.ToDictionary(m => m.Id, m => m.Kind, StringComparer.Ordinal)
            : new Dictionary<string, MetricKind>(StringComparer.Ordinal);

    public static MetricKind? Kind(IReadOnlyDictionary<string, MetricKind> kinds, string metric) => kinds.TryGetValue(metric, out var k) ? k : null;

    /// <summary>A case's data value: a metric's value with its unit, anything else as kept.</summary>
    public static string Show(IReadOnlyDictionary<string, MetricKind> kinds, string key, string value) =>
        kinds.TryGetValue(key, out var kind) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? Formats.Value(v, kind)
            : value;
}
