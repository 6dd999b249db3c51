using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// The events of one refund or conversation, put in their total order (<see cref="EventKey"/>: instant,
/// then id) with repeats of one id dropped, so facts that depend on the sequence (the next reply, a
/// buyer step's end) come out the same whatever order and repetition the events arrived in.
/// </summary>
internal static class EventRun
{
    public static void SortDistinct(List<StandingEvent> events)
    {
        if (events.Count < 2) return;
        events.Sort(Compare);
        var kept = 1;
        for (var i = 1; i < events.Count; i++)
        {
            if (string.Equals(events[i].Id, events[kept - 1].Id, StringComparison.Ordinal)) continue;
            events[kept++] = events[i];
        }
        events.RemoveRange(kept, events.Count - kept);
    }

    // Past instant and id, the remaining keys only order two different bodies under one id (a conflict
    // the readers reject) so that even then the choice does not depend on arrival order.
    private static int Compare(StandingEvent a, StandingEvent b)
    {
        var c = a.At.CompareTo(b.At);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0) return c;
        c = a.Type.CompareTo(b.Type);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.From, b.From);
        return c != 0 ? c : string.CompareOrdinal(a.Text, b.Text);
    }
}
