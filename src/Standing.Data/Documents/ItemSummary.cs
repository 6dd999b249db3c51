using Standing.Core.Metrics;

namespace Standing.Data.Documents;

/// <summary>An explanation's items counted by role, the excused ones grouped by why: read before the items themselves.</summary>
public static class ItemSummary
{
    /// <summary>The items the standard excused, grouped by the reason without its instants, most frequent first.</summary>
    public static IReadOnlyList<(string Reason, int Count)> ExcludedByReason(MetricResult m) =>
        m.Items.Where(i => i.Role == ItemRole.Excluded)
            .GroupBy(i => ReasonKind(m.Definition, i.Reason), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    // An item's reason names its own instants; its group is what the standard excused it for.
    private static string ReasonKind(MetricDefinition d, string reason)
    {
        if (d.Excuse is { } excuse) return $"{excuse.Name} first: excused";
        var colon = reason.LastIndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? reason : reason[(colon + 2)..];
    }
}
