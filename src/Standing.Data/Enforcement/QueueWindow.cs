using NodaTime;

namespace Standing.Data.Enforcement;

/// <summary>
/// The instants at which the operators' queue (<see cref="EnforcementStore.Queue"/>) of a store's cases, as they are,
/// stays the one asked at a given instant: the queue depends on "now" only through which open cases waiting for a
/// person are overdue (due before now), and that set stays the same until now passes the next such case's due date,
/// or goes back to the last one's. Due dates are compared as the queue compares them: ISO texts without their Z.
/// </summary>
/// <param name="LastDueBefore">The latest due date of an open case waiting for a person that was before now (none: null).</param>
/// <param name="FirstDueFrom">The earliest such due date at or after now (none: null).</param>
public sealed record QueueWindow(string? LastDueBefore, string? FirstDueFrom)
{
    /// <summary>Whether the queue at <paramref name="now"/> splits the cases as the queue this window was read for.</summary>
    public bool Holds(Instant now)
    {
        var at = EnforcementJson.Instant(now).TrimEnd('Z');
        return (LastDueBefore is null || string.CompareOrdinal(LastDueBefore, at) < 0)
            && (FirstDueFrom is null || string.CompareOrdinal(at, FirstDueFrom) <= 0);
    }
}
