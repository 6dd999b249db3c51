using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Facts;

namespace Standing.Core.Metrics;

/// <summary>
/// How long an item may take: a fixed duration (in working time on a business clock), N business days
/// on the policy's calendar, or until an instant field of the item itself (a promised ship-by).
/// </summary>
public sealed record Limit(Duration? Fixed, int? BusinessDays)
{
    /// <summary>The item's own deadline field, when the limit is one.</summary>
    public IFactField? Field { get; init; }

    public static Limit Until(IFactField field) => new(null, null) { Field = field };

    public Instant DeadlineFrom(Instant start, BusinessCalendar calendar) =>
        BusinessDays is { } days ? calendar.AddBusinessDays(start, days) : start + Fixed!.Value;

    public override string ToString() => Field is { } f ? $"until {f.Name}"
        : BusinessDays is { } d
        ? $"{d} business day{(d == 1 ? "" : "s")}"
        : Fixed!.Value.TotalHours >= 1 && Fixed.Value.TotalHours % 1 == 0
            ? $"{Fixed.Value.TotalHours} h"
            : Fixed.Value.TotalMinutes >= 1 && Fixed.Value.TotalMinutes % 1 == 0
                ? $"{Fixed.Value.TotalMinutes} min"
                : $"{Fixed.Value.TotalSeconds} s";
}
