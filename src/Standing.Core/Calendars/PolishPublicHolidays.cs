using System.Collections.Concurrent;
using NodaTime;

namespace Standing.Core.Calendars;

/// <summary>
/// Poland's statutory non-working days (Act of 18 January 1951 on non-working days, as amended):
/// fixed dates plus the ones counted from Easter. Christmas Eve is a non-working day from 2025 on.
/// Each year is computed once, then cached, because evaluation asks about the same few years millions of times.
/// </summary>
public sealed class PolishPublicHolidays : IHolidayCalendar
{
    /// <summary>The first year in which 24 December is a statutory non-working day.</summary>
    public const int ChristmasEveFromYear = 2025;

    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<LocalDate, string>> _years = new();

    /// <summary>A shared instance; the cache is safe for concurrent use.</summary>
    public static PolishPublicHolidays Instance { get; } = new();

    public bool IsHoliday(LocalDate date)
    {
        var iso = date.WithCalendar(CalendarSystem.Iso);
        return HolidaysOf(iso.Year).ContainsKey(iso);
    }

    public string? NameOf(LocalDate date)
    {
        var iso = date.WithCalendar(CalendarSystem.Iso);
        return HolidaysOf(iso.Year).GetValueOrDefault(iso);
    }

    /// <summary>Every holiday of <paramref name="year"/>, by date.</summary>
    public IReadOnlyDictionary<LocalDate, string> HolidaysOf(int year) => _years.GetOrAdd(year, Compute);

    private static IReadOnlyDictionary<LocalDate, string> Compute(int year)
    {
        var easter = Computus.GregorianEasterSunday(year);
        var days = new SortedDictionary<LocalDate, string>
        {
            [new LocalDate(year, 1, 1)] = "New Year's Day",
            [new LocalDate(year, 1, 6)] = "Epiphany",
            [easter] = "Easter Sunday",
            [easter.PlusDays(1)] = "Easter Monday",
            [new LocalDate(year, 5, 1)] = "Labour Day",
            [new LocalDate(year, 5, 3)] = "Constitution Day",
            [easter.PlusDays(49)] = "Pentecost Sunday",
            [easter.PlusDays(60)] = "Corpus Christi",
            [new LocalDate(year, 8, 15)] = "Assumption Day",
            [new LocalDate(year, 11, 1)] = "All Saints' Day",
            [new LocalDate(year, 11, 11)] = "Independence Day",
            [new LocalDate(year, 12, 25)] = "Christmas Day",
            [new LocalDate(year, 12, 26)] = "Second Day of Christmas",
        };
        if (year >= ChristmasEveFromYear) days[new LocalDate(year, 12, 24)] = "Christmas Eve";
        return days;
    }
}
