using NodaTime;
using Standing.Enforcement;

namespace Standing.Server;

/// <summary>
/// When a person's action through the server (a case or dispute decided, a dispute opened, an improvement letter
/// sent) is recorded. On a live store the data keeps up with the clock and the action is dated now. On a store
/// whose data ends more than a day before the clock (a replayed or simulated history, the demo's) an action dated
/// today would be judged on nothing and counted by no read of the data's time: it is dated where the data ends
/// instead (<see cref="StoreAccess.DataTime"/>: the policy's latest run or just after the latest event), as the
/// command line dates it (<see cref="ActingTime"/>). Never before <paramref name="notBefore"/> (the case's last
/// change, the dispute's opening, the disputed item).
/// </summary>
public static class ActionTime
{
    public static Instant At(StoreAccess access, string policy, Instant now, Instant? notBefore = null)
    {
        var at = access.DataTime(policy) is { } data && now > data + ActingTime.Slack ? data : now;
        return notBefore is { } floor && at < floor ? floor : at;
    }
}
