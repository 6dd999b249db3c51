namespace Standing.Core.Policies.Enforcement;

/// <summary>
/// A periodic report a policy sends (its <c>enforcement.reports</c>): once per complete calendar month or
/// week, the policy's metrics measured over that period, one line per row — each metric (MALL's monthly
/// SLA report with the orders that missed) or each agent over the response target (Tmall's weekly
/// scorecard). A report is no case against anyone: nothing is opened, re-checked or decided.
/// </summary>
public sealed record ReportRule
{
    /// <summary>The report's identifier (unique among the section's kinds and reports).</summary>
    public required string Id { get; init; }
    public required ReportPeriod Period { get; init; }
    /// <summary>seller or operator.</summary>
    public required string To { get; init; }
    public required ReportRows Rows { get; init; }
    /// <summary>The title per language (English required).</summary>
    public required IReadOnlyDictionary<string, string> Title { get; init; }
    /// <summary>The lines before the rows, per language.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Lines { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>The line written for each row, per language (English required).</summary>
    public required IReadOnlyDictionary<string, string> Row { get; init; }
    /// <summary>The line written instead of the rows when there are none, per language.</summary>
    public IReadOnlyDictionary<string, string> Empty { get; init; } = new Dictionary<string, string>();
}

public enum ReportPeriod
{
    Monthly,
    Weekly,
}

/// <summary>What a report lists, one line each.</summary>
public enum ReportRows
{
    /// <summary>Every metric with a standard: its value over the period, the limit, whether it was met, the items that missed.</summary>
    Metrics,
    /// <summary>The agents of the seller's scorecard whose first or average response is over the target.</summary>
    AgentsOverTarget,
}

/// <summary>The placeholders of a report's title, lines and rows; any other is a validation error.</summary>
public static class ReportPlaceholders
{
    public static readonly IReadOnlyList<string> Report = ["seller", "policy", "policy_name", "period_start", "period_end", "row_count"];

    public static readonly IReadOnlyList<string> MetricRow =
        ["metric", "metric_title", "value", "threshold", "numerator", "denominator", "verdict", "items", "item_count"];

    public static readonly IReadOnlyList<string> AgentRow =
        ["agent", "sessions", "first_response", "avg_response", "target", "satisfaction", "conversion"];

    public static IReadOnlyList<string> Row(ReportRows rows) => rows == ReportRows.Metrics ? MetricRow : AgentRow;
}
