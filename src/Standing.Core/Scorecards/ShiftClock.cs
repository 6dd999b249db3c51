using NodaTime;
using Standing.Core.Calendars;

namespace Standing.Core.Scorecards;

/// <summary>
/// Response time counted inside the agents' shifts (the calendar's working hours) and their extension
/// ("work extends automatically while a customer is still consulting"). A wait that starts inside a
/// shift counts in full, even when it is answered after the shift ends. A wait that starts outside the
/// shifts and is answered before the next one starts counts in full too: an agent answering then was
/// working an extension. Any other wait that starts outside the shifts — a customer writing at night,
/// answered in the morning — counts only its working time, from the next shift's start.
/// </summary>
internal sealed class ShiftClock(BusinessCalendar calendar)
{
    public Duration Wait(Instant from, Instant to)
    {
        if (to <= from) return Duration.Zero;
        if (InShift(from)) return to - from;
        var working = calendar.BusinessDuration(from, to);
        return working == Duration.Zero ? to - from : working;
    }

    public bool InShift(Instant at) => calendar.BusinessDuration(at, at + Duration.FromSeconds(1)) > Duration.Zero;
}
