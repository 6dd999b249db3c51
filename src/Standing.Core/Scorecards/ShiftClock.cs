using NodaTime;
using Standing.Core.Calendars;

namespace Standing.Core.Scorecards;

/// <summary>
/// Response time counted inside the agents' shifts (the calendar's working hours) and their extension.
/// A wait that starts inside a shift counts in full, even when it is answered after the shift ends: the
/// shift extends while a customer is still waiting. The extension runs from the shift's end until the
/// last wait still open then (one that started inside the shift) is answered; a wait that starts during
/// the running extension counts in full too and keeps it running until it is answered. Any other wait
/// that starts outside the shifts — a customer writing at night, even in a session that was busy during
/// the evening — counts only its working time, from the next shift's start. The extension is the
/// seller's (its agents hand over to one another), so waits of every session of the seller carry it;
/// a wait never answered carries no extension (no agent stayed on for it).
/// </summary>
internal sealed class ShiftClock
{
    private readonly BusinessCalendar _calendar;
    private readonly (Instant From, Instant To)[] _answered;
    private readonly Dictionary<Instant, Instant> _extensionEnds = [];

    /// <param name="calendar">The shifts: the calendar's working hours.</param>
    /// <param name="answered">Every answered wait of the seller (start, answer), in any order.</param>
    public ShiftClock(BusinessCalendar calendar, IEnumerable<(Instant From, Instant To)> answered)
    {
        _calendar = calendar;
        _answered = answered.OrderBy(w => w.From).ThenBy(w => w.To).ToArray();
    }

    public Duration Wait(Instant from, Instant to)
    {
        if (to <= from) return Duration.Zero;
        if (InShift(from) || InExtension(from)) return to - from;
        return _calendar.BusinessDuration(from, to);
    }

    public bool InShift(Instant at) => _calendar.BusinessDuration(at, at + Duration.FromSeconds(1)) > Duration.Zero;

    /// <summary>Whether <paramref name="at"/> (outside the shifts) falls in the running extension of the shift that ended last before it.</summary>
    private bool InExtension(Instant at) => LastShiftBefore(at) is { } shift && at < ExtensionEnd(shift);

    /// <summary>
    /// When the extension of <paramref name="shift"/> ends: its end when no wait that started in it was
    /// still open then; otherwise the answer to the last such wait, or to a wait that started before the
    /// extension ended, whichever is latest.
    /// </summary>
    private Instant ExtensionEnd(Interval shift)
    {
        if (_extensionEnds.TryGetValue(shift.End, out var known)) return known;
        var end = shift.End;
        for (var i = FirstFrom(shift.Start); i < _answered.Length; i++)
        {
            var (from, to) = _answered[i];
            if (from < shift.End)
            {
                if (to > end) end = to;
                continue;
            }
            if (from >= end) break; // sorted by start: no later wait starts inside the extension
            if (to > end) end = to;
        }
        _extensionEnds[shift.End] = end;
        return end;
    }

    /// <summary>The index of the first answered wait that started at or after <paramref name="at"/>.</summary>
    private int FirstFrom(Instant at)
    {
        int lo = 0, hi = _answered.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_answered[mid].From < at) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The last stretch of contiguous working time that ended at or before <paramref name="at"/> (looking back a week).</summary>
    private Interval? LastShiftBefore(Instant at)
    {
        var date = at.InZone(_calendar.Zone).Date;
        for (var back = 0; back < 8; back++, date = date.PlusDays(-1))
        {
            if (!_calendar.IsBusinessDay(date)) continue;
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
        foreach (var w in _calendar.Hours.For(date.DayOfWeek))
        {
            var start = _calendar.ToInstant(date.At(w.Start));
            var end = w.End is { } e ? _calendar.ToInstant(date.At(e)) : _calendar.StartOfDay(date.PlusDays(1));
            if (result.Count > 0 && result[^1].End == start) result[^1] = new Interval(result[^1].Start, end);
            else result.Add(new Interval(start, end));
        }
        return result;
    }
}
