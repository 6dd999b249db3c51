using NodaTime;
using Standing.Core.Policies;
using Standing.Policies;

namespace Standing.Server.Web.Staff;

/// <summary>The standard and the instant a staff page looks at, from its query or their defaults.</summary>
public static class StaffChoices
{
    /// <summary>
    /// How long a staff page that shows every seller's figures waits for those of the current log position before
    /// it shows the last ones, saying so (a large store's; a small store's are always awaited: <see cref="KeptResults.AlwaysAwaited"/>).
    /// </summary>
    public static readonly TimeSpan FiguresWait = TimeSpan.FromMilliseconds(40);

    /// <summary>The built-in policy asked for, else the first one; null when the id is not a built-in one.</summary>
    public static Policy? Policy(string? id) =>
        string.IsNullOrEmpty(id) ? BuiltInPacks.Shared(BuiltInPacks.Ids[0])
        : BuiltInPacks.Ids.Contains(id, StringComparer.Ordinal) ? BuiltInPacks.Shared(id) : null;

    /// <summary>As of the policy's latest daily run (what the cases were built on), else now.</summary>
    public static Instant AsOf(StoreAccess access, Policy policy, ServerOptions options)
    {
        using var store = access.Enforcement();
        return store.Runs(policy.Id).Latest ?? options.Now();
    }
}
