using NodaTime;
using NodaTime.Text;
using Standing.Core.Calendars;

namespace Standing.Core.Tests.Calendars;

/// <summary>The calendars the tests work with, and terse parsing so each case reads like its hand working.</summary>
internal static class TestCalendars
{
    public static DateTimeZone Warsaw { get; } = DateTimeZoneProviders.Tzdb["Europe/Warsaw"];

    /// <summary>MALL's default: Monday–Friday, the whole day, Polish public holidays off.</summary>
    public static BusinessCalendar Mall { get; } =
        new(Warsaw, WorkingHours.Weekdays(LocalTime.Midnight, null), PolishPublicHolidays.Instance);

    /// <summary>An office: Monday–Friday 09:00–17:00, Polish public holidays off.</summary>
    public static BusinessCalendar Office { get; } =
        new(Warsaw, WorkingHours.Weekdays(new LocalTime(9, 0), new LocalTime(17, 0)), PolishPublicHolidays.Instance);

    /// <summary>Every day is a business day, all day long: only the clock changes matter.</summary>
    public static BusinessCalendar Always { get; } = new(Warsaw, WorkingHours.AllDay, NoHolidays.Instance);

    /// <summary>Every day 08:00–24:00, no holidays.</summary>
    public static BusinessCalendar Evenings { get; } = EveryDay(new WorkingInterval(new LocalTime(8, 0), null));

    public static BusinessCalendar EveryDay(params WorkingInterval[] intervals) =>
        new(Warsaw, new WorkingHours(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingInterval>)intervals)), NoHolidays.Instance);

    /// <summary>An instant written with its offset, e.g. "2026-03-27T02:30:00+01:00".</summary>
    public static Instant At(string rfc3339) => OffsetDateTimePattern.Rfc3339.Parse(rfc3339).GetValueOrThrow().ToInstant();

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();
}
