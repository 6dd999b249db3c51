using Standing.Core.Metrics;

namespace Standing.Core.Scorecards;

/// <summary>
/// How a policy scores a seller's own agents: over which window, against which response target, and
/// how long after a session an order by its buyer still counts as converted. The agents' shifts are the
/// policy calendar's working hours.
/// </summary>
public sealed record AgentScorecardSpec
{
    public required WindowSpec Window { get; init; }
    /// <summary>First and average response must be within this many seconds.</summary>
    public required double ResponseTargetSeconds { get; init; }
    /// <summary>An order placed by the session's buyer from its first buyer message until this long after its last message converts it.</summary>
    public required double ConversionHours { get; init; }
    /// <summary>Fewer responses than this: the response statuses are insufficient data.</summary>
    public int MinResponses { get; init; } = 1;
}
