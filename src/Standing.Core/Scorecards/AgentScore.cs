using Standing.Core.Metrics;

namespace Standing.Core.Scorecards;

/// <summary>One agent's week (or other window): sessions, response times on the shift clock, satisfaction, conversion.</summary>
public sealed record AgentScore
{
    public required string Agent { get; init; }
    public required TimeWindow Window { get; init; }
    /// <summary>Sessions in the window in which the agent wrote.</summary>
    public int Sessions { get; init; }
    /// <summary>Sessions with a first response by the agent (the mean's sample).</summary>
    public int FirstResponses { get; init; }
    public double? FirstResponseSeconds { get; init; }
    public MetricStatus FirstResponseStatus { get; init; }
    /// <summary>Every wait the agent ended (the mean's sample).</summary>
    public int Responses { get; init; }
    public double? AvgResponseSeconds { get; init; }
    public MetricStatus AvgResponseStatus { get; init; }
    public int Rated { get; init; }
    public int Satisfied { get; init; }
    public double? Satisfaction => Rated == 0 ? null : (double)Satisfied / Rated;
    public int Converted { get; init; }
    public double? Conversion => Sessions == 0 ? null : (double)Converted / Sessions;
    /// <summary>With explain: one line per session, saying what counted.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];
}
