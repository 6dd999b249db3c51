using System.CommandLine;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement;

namespace Standing.Cli.Input;

/// <summary>
/// <c>--at</c> and <c>--force-at</c> of the commands by which people act on a store: the instant is
/// read from the flag or taken from the store's data (<see cref="ActingTime"/>), never from the clock.
/// </summary>
internal static class ActingTimeInput
{
    public static Option<bool> Force() => new("--force-at")
    {
        Description = "record --at even before the policy's latest run or more than a day after the store's latest event",
    };

    /// <summary>Parses <paramref name="text"/> (null when not given); false after saying why on stderr.</summary>
    public static bool TryParse(string? text, out Instant? at)
    {
        at = null;
        if (text is null) return true;
        if (!AsOfParser.TryParse(text, DateTimeZone.Utc, out var parsed, out var error))
        {
            Consoles.Error.WriteLine(error.Replace("--as-of", "--at", StringComparison.Ordinal));
            return false;
        }
        at = parsed;
        return true;
    }

    /// <summary>As <see cref="TryChoose"/>, opening the store itself (a store that cannot be read is said on stderr).</summary>
    public static bool TryChoose(string db, string policy, Instant? given, bool force, out Instant at)
    {
        at = default;
        try
        {
            using var store = EnforcementStore.Open(db);
            return TryChoose(store, db, policy, given, force, null, out at);
        }
        catch (EventStoreException e)
        {
            Consoles.Error.WriteLine(e.Message);
            return false;
        }
    }

    /// <summary>The instant to act at under <paramref name="policy"/>; false after saying why on stderr.</summary>
    public static bool TryChoose(EnforcementStore store, string db, string policy, Instant? given, bool force, Instant? notBefore, out Instant at)
    {
        Instant? latestEvent;
        using (var events = EventStore.Open(db, create: false))
        {
            var sellers = events.Sellers();
            latestEvent = sellers.Count == 0 ? null : sellers.Max(s => s.LastAt);
        }
        var (chosen, refusal) = ActingTime.Choose(policy, given, force, store.Runs(policy).Latest, latestEvent, notBefore);
        at = chosen;
        if (refusal is null) return true;
        Consoles.Error.WriteLine("refused: " + refusal);
        return false;
    }
}
