using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>
/// Holidays listed date by date (a policy's own days off). A date listed twice keeps its first name:
/// repeating a date in a policy file is harmless, so it is not an error.
/// </summary>
public sealed class FixedHolidays : IHolidayCalendar
{
    private readonly Dictionary<LocalDate, string> _names = [];

    public FixedHolidays(IEnumerable<(LocalDate Date, string Name)> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        foreach (var (date, name) in holidays)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(holidays));
            // Stored in the ISO calendar so lookups match however the caller's dates were built.
            _names.TryAdd(date.WithCalendar(CalendarSystem.Iso), name);
        }
    }

    public FixedHolidays(params (LocalDate Date, string Name)[] holidays)
        : this((IEnumerable<(LocalDate Date, string Name)>)holidays)
    {
    }

    public IReadOnlyCollection<LocalDate> Dates => _names.Keys;

    public bool IsHoliday(LocalDate date) => _names.ContainsKey(date.WithCalendar(CalendarSystem.Iso));

    public string? NameOf(LocalDate date) => _names.GetValueOrDefault(date.WithCalendar(CalendarSystem.Iso));
}
