using NodaTime;
using Standing.Core.Calendars;

namespace Standing.Core.Scorecards;

/// <summary>
/// Response time counted inside the agents' shifts (the calendar's working hours). A wait that starts
/// inside a shift counts in full: the shift extends while the session is open. A wait that starts
/// outside the shifts counts in full too when its session was already open during the shift that just
/// ended (the extension); otherwise only its working time counts, from the next shift's start.
/// </summary>
internal sealed class ShiftClock(BusinessCalendar calendar)
{
    public Duration Wait(Instant from, Instant to, IReadOnlyList<Instant> earlierInSession)
    {
        if (to <= from) return Duration.Zero;
        if (InShift(from)) return to - from;
        if (LastShiftBefore(from) is { } shift && earlierInSession.Any(at => at >= shift.Start && at < shift.End)) return to - from;
        return calendar.BusinessDuration(from, to);
    }

    public bool InShift(Instant at) => calendar.BusinessDuration(at, at + Duration.FromSeconds(1)) > Duration.Zero;

    /// <summary>The last stretch of contiguous working time that ended at or before <paramref name="at"/> (looking back a week).</summary>
    private Interval? LastShiftBefore(Instant at)
    {
        var date = at.InZone(calendar.Zone).Date;
        for (var back = 0; back < 8; back++, date = date.PlusDays(-1))
        {
            if (!calendar.IsBusinessDay(date)) continue;
            var blocks = Blocks(date);
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                if (blocks[i].End <= at) return blocks[i];
            }
        }
        return null;
    }

    /// <summary>The day's working intervals as instants, adjacent ones merged (day shift + evening shift = one stretch).</summary>
    private List<Interval> Blocks(LocalDate date)
    {
        var result = new List<Interval>();
        foreach (var w in calendar.Hours.For(date.DayOfWeek))
        {
            var start = calendar.ToInstant(date.At(w.Start));
            var end = w.End is { } e ? calendar.ToInstant(date.At(e)) : calendar.StartOfDay(date.PlusDays(1));
            if (result.Count > 0 && result[^1].End == start) result[^1] = new Interval(result[^1].Start, end);
            else result.Add(new Interval(start, end));
        }
        return result;
    }
}
