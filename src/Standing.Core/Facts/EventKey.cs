using System.Runtime.CompilerServices;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// The total order used to decide between two events: by instant, then by id. Folding keeps, per
/// data-bearing field, the value of the first (or last) event under this order, so the result never
/// depends on the order events arrived in. Fields that only say when something first happened keep
/// the earliest instant, which the id cannot change.
/// </summary>
internal static class EventKey
{
    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>: earlier, or at the same instant with a lower id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Earlier(StandingEvent a, StandingEvent b)
    {
        var c = a.At.CompareTo(b.At);
        return c < 0 || (c == 0 && string.CompareOrdinal(a.Id, b.Id) < 0);
    }

    /// <summary>Whether <paramref name="candidate"/> should replace <paramref name="first"/> as the first event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNewFirst(StandingEvent candidate, StandingEvent? first) => first is null || Earlier(candidate, first);

    /// <summary>Whether <paramref name="candidate"/> should replace <paramref name="latest"/> as the latest event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNewLatest(StandingEvent candidate, StandingEvent? latest) => latest is null || Earlier(latest, candidate);
}
