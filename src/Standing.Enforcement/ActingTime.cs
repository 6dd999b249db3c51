using NodaTime;
using NodaTime.Text;

namespace Standing.Enforcement;

/// <summary>
/// When a person's action on a store (opening or deciding a case, filing or deciding a dispute) is
/// recorded. The time comes from the data, never the wall clock: a store may hold a replayed or
/// simulated history far from today, and a warning dated today on it would be judged on nothing.
/// Without <c>--at</c> the action is dated at the policy's latest run as-of (or the case's last change,
/// when later). An explicit <c>--at</c> before that run would act under cases already carried past it,
/// and one more than a day after the store's time (its latest run or latest event, whichever is later)
/// is most likely the clock typed by mistake: both are refused unless forced.
/// </summary>
public static class ActingTime
{
    /// <summary>How far after the end of the data an action may be dated without forcing it.</summary>
    public static readonly Duration Slack = Duration.FromDays(1);

    /// <summary>
    /// The instant to act at, or the reason it is refused. <paramref name="notBefore"/> is the case's
    /// last change (a default never goes before it); <paramref name="latestRun"/> the policy's latest
    /// run as-of on the store; <paramref name="latestEvent"/> the instant of the store's latest event.
    /// </summary>
    public static (Instant At, string? Refusal) Choose(
        string policy, Instant? given, bool force, Instant? latestRun, Instant? latestEvent, Instant? notBefore = null)
    {
        if (given is not { } at)
        {
            if (Later(latestRun, notBefore) is { } chosen) return (chosen, null);
            return (default, $"no run of {policy} is recorded on this store, so there is no time to act at: give --at"
                + (latestEvent is { } e ? $" (its events end at {Show(e)})" : ""));
        }
        if (force) return (at, null);
        if (latestRun is { } run && at < run)
            return (at, $"--at {Show(at)} is before the latest run of {policy} ({Show(run)}): cases were carried past it; give --force-at to record it anyway");
        if (Later(latestRun, latestEvent) is { } end && at > end + Slack)
            return (at, $"--at {Show(at)} is more than a day after the store's time ({Show(end)}, its latest "
                + (end == latestEvent ? "event" : "run") + "): the data knows nothing of it; give --force-at to record it anyway");
        return (at, null);
    }

    private static Instant? Later(Instant? a, Instant? b) => a is { } x && b is { } y ? (x > y ? x : y) : a ?? b;

    private static string Show(Instant at) => InstantPattern.ExtendedIso.Format(at);
}
