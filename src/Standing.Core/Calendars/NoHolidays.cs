using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>A calendar without holidays: only the weekly working hours decide.</summary>
public sealed class NoHolidays : IHolidayCalendar
{
    public static NoHolidays Instance { get; } = new();

    private NoHolidays()
    {
    }

    public bool IsHoliday(LocalDate date) => false;

    public string? NameOf(LocalDate date) => null;
}
