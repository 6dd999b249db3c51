using NodaTime;
using Standing.Core.Calendars;
using static Standing.Core.Tests.Calendars.TestCalendars;

namespace Standing.Core.Tests.Calendars;

public sealed class PolishPublicHolidaysTests
{
    private static readonly PolishPublicHolidays Poland = new();

    [Fact]
    public void The_2026_holidays_are_the_statutory_fourteen()
    {
        // Easter 2026 is 5 April (worked in ComputusTests); Monday +1 = 6 April; Pentecost +49 days =
        // 5 Apr + 25 (to 30 Apr) + 24 = 24 May; Corpus Christi +60 days = 24 May + 11 = 4 June.
        var expected = new Dictionary<LocalDate, string>
        {
            [Date("2026-01-01")] = "New Year's Day",
            [Date("2026-01-06")] = "Epiphany",
            [Date("2026-04-05")] = "Easter Sunday",
            [Date("2026-04-06")] = "Easter Monday",
            [Date("2026-05-01")] = "Labour Day",
            [Date("2026-05-03")] = "Constitution Day",
            [Date("2026-05-24")] = "Pentecost Sunday",
            [Date("2026-06-04")] = "Corpus Christi",
            [Date("2026-08-15")] = "Assumption Day",
            [Date("2026-11-01")] = "All Saints' Day",
            [Date("2026-11-11")] = "Independence Day",
            [Date("2026-12-24")] = "Christmas Eve",
            [Date("2026-12-25")] = "Christmas Day",
            [Date("2026-12-26")] = "Second Day of Christmas",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), Poland.HolidaysOf(2026).OrderBy(p => p.Key));
        foreach (var (date, name) in expected)
        {
            Assert.True(Poland.IsHoliday(date), $"{date} should be a holiday");
            Assert.Equal(name, Poland.NameOf(date));
        }
    }

    [Theory]
    // Easter 2024 is 31 March (worked in ComputusTests); Monday 1 April; Pentecost 31 Mar + 30 (to
    // 30 Apr) + 19 = 19 May; Corpus Christi 19 May + 11 = 30 May.
    [InlineData("2024-03-31", "Easter Sunday")]
    [InlineData("2024-04-01", "Easter Monday")]
    [InlineData("2024-05-19", "Pentecost Sunday")]
    [InlineData("2024-05-30", "Corpus Christi")]
    public void The_movable_holidays_of_2024_follow_Easter_on_31_March(string date, string name)
    {
        Assert.True(Poland.IsHoliday(Date(date)));
        Assert.Equal(name, Poland.NameOf(Date(date)));
    }

    [Fact]
    public void Year_2024_has_thirteen_holidays_because_Christmas_Eve_was_still_a_working_day() =>
        Assert.Equal(13, Poland.HolidaysOf(2024).Count);

    [Theory]
    [InlineData("2025-12-24", true)]
    [InlineData("2026-12-24", true)]
    [InlineData("2024-12-24", false)]
    public void Christmas_Eve_is_a_holiday_from_2025_on(string date, bool holiday)
    {
        Assert.Equal(holiday, Poland.IsHoliday(Date(date)));
        Assert.Equal(holiday ? "Christmas Eve" : null, Poland.NameOf(Date(date)));
    }

    [Theory]
    [InlineData("2026-04-03")] // Good Friday is a working day in Poland
    [InlineData("2026-04-04")] // Holy Saturday
    [InlineData("2026-05-02")]
    [InlineData("2026-06-05")] // the Friday after Corpus Christi
    [InlineData("2026-12-31")]
    public void An_ordinary_day_is_not_a_holiday(string date)
    {
        Assert.False(Poland.IsHoliday(Date(date)));
        Assert.Null(Poland.NameOf(Date(date)));
    }

    [Fact]
    public void A_date_in_another_calendar_system_is_looked_up_by_its_iso_date() =>
        Assert.True(Poland.IsHoliday(Date("2026-06-04").WithCalendar(CalendarSystem.Julian)));

    [Fact]
    public void Repeated_lookups_of_a_year_reuse_the_cached_holidays() =>
        Assert.Same(Poland.HolidaysOf(2026), Poland.HolidaysOf(2026));
}
