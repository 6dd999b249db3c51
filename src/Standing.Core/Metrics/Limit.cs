using NodaTime;
using Standing.Core.Calendars;

namespace Standing.Core.Metrics;

/// <summary>How long an item may take: a fixed duration, or N business days on the policy's calendar.</summary>
public sealed record Limit(Duration? Fixed, int? BusinessDays)
{
    public Instant DeadlineFrom(Instant start, BusinessCalendar calendar) =>
        BusinessDays is { } days ? calendar.AddBusinessDays(start, days) : start + Fixed!.Value;

    public override string ToString() => BusinessDays is { } d
        ? $"{d} business day{(d == 1 ? "" : "s")}"
        : Fixed!.Value.TotalHours >= 1 && Fixed.Value.TotalHours % 1 == 0
            ? $"{Fixed.Value.TotalHours} h"
            : $"{Fixed.Value.TotalSeconds} s";
}
