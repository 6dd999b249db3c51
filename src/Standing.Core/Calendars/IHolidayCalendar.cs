using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>Which local dates are holidays (non-working days regardless of the weekday).</summary>
public interface IHolidayCalendar
{
    bool IsHoliday(LocalDate date);

    /// <summary>The holiday's name, for explanations; null when the date is not a holiday.</summary>
    string? NameOf(LocalDate date);
}
