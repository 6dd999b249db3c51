using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>
/// The union of several holiday calendars (say, national holidays plus a policy's own days off).
/// A date named by more than one keeps the name from the first calendar given.
/// </summary>
public sealed class CompositeHolidays : IHolidayCalendar
{
    private readonly IHolidayCalendar[] _calendars;

    public CompositeHolidays(IEnumerable<IHolidayCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        _calendars = [.. calendars];
        if (_calendars.Any(c => c is null)) throw new ArgumentException("A holiday calendar is null.", nameof(calendars));
    }

    public CompositeHolidays(params IHolidayCalendar[] calendars)
        : this((IEnumerable<IHolidayCalendar>)calendars)
    {
    }

    public IReadOnlyList<IHolidayCalendar> Calendars => _calendars;

    public bool IsHoliday(LocalDate date) => _calendars.Any(c => c.IsHoliday(date));

    public string? NameOf(LocalDate date)
    {
        foreach (var calendar in _calendars)
        {
            if (calendar.NameOf(date) is { } name) return name;
        }
        return null;
    }
}
