namespace Standing.Data.Backtests;

/// <summary>The states a server backtest passes through, as the store and the API name them.</summary>
public static class BacktestStates
{
    public const string Queued = "queued", Running = "running", Done = "done", Failed = "failed";

    /// <summary>The server stopped (or was killed) while it was queued or running; an admin may start it again.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>The states a run may be started again from: it ended without a report.</summary>
    public static bool MayStartAgain(string state) => state is Failed or Interrupted;

    /// <summary>Whether the run has ended (it will not change unless an admin starts it again).</summary>
    public static bool Ended(string state) => state is Done or Failed or Interrupted;
}
