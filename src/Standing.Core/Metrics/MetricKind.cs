namespace Standing.Core.Metrics;

public enum MetricKind
{
    /// <summary>Items meeting the numerator filter / items in the population.</summary>
    Rate,
    /// <summary>Number of items in the population meeting the numerator filter.</summary>
    Count,
    /// <summary>Share of items whose start→end took no longer than a limit; unfinished items past the limit count as late.</summary>
    ShareWithin,
    /// <summary>Mean hours from start to end over finished items, on the business clock or not.</summary>
    MeanDuration,
    /// <summary>Items of one subject / items of another (complaints / delivered orders), each on its own attribution date.</summary>
    Ratio,
    /// <summary>Weighted mean of points (0–100) that other metrics earn between a best and a worst anchor.</summary>
    Score,
}
