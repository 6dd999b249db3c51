using NodaTime;

namespace Standing.Data.Backtests;

/// <summary>
/// One backtest as the store keeps it, without its request and reports (read on their own, so that
/// listing stays light): what it compares over which days, who asked and when, and how it ended.
/// </summary>
public sealed record StoredBacktest
{
    public required string Id { get; init; }

    /// <summary>The standard both rule sets are of.</summary>
    public required string Standard { get; init; }

    /// <summary>Where the baseline came from: a built-in id, or the candidate's source and "without guards".</summary>
    public required string Baseline { get; init; }
    public required string BaselineVersion { get; init; }

    /// <summary>Where the candidate came from: a built-in id or <c>policy_yaml</c>.</summary>
    public required string Candidate { get; init; }
    public required string CandidateVersion { get; init; }

    /// <summary>The first and last day replayed, ISO dates.</summary>
    public required string From { get; init; }
    public required string To { get; init; }
    public required int Days { get; init; }

    public required string State { get; init; }
    public required string StartedBy { get; init; }
    public required Instant RequestedAt { get; init; }
    public Instant? StartedAt { get; init; }
    public Instant? FinishedAt { get; init; }

    /// <summary>Why it failed or was interrupted, in words for the person who started it.</summary>
    public string? Error { get; init; }

    /// <summary>How many times it was started: 1, plus one for each time an admin started it again.</summary>
    public int Attempts { get; init; } = 1;
}
