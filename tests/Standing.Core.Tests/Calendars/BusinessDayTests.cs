using NodaTime;
using Standing.Core.Calendars;
using static Standing.Core.Tests.Calendars.TestCalendars;

namespace Standing.Core.Tests.Calendars;

public sealed class BusinessDayTests
{
    [Theory]
    [InlineData("2026-03-13", true)]  // Friday
    [InlineData("2026-03-14", false)] // Saturday
    [InlineData("2026-03-15", false)] // Sunday
    [InlineData("2026-04-03", true)]  // Good Friday: not a Polish holiday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-06-04", false)] // Corpus Christi, a Thursday
    [InlineData("2026-12-24", false)] // Christmas Eve, a Thursday, a holiday since 2025
    [InlineData("2024-12-24", true)]  // Christmas Eve 2024, a Tuesday, still a working day
    public void A_business_day_is_a_working_weekday_that_is_not_a_holiday(string date, bool expected) =>
        Assert.Equal(expected, Mall.IsBusinessDay(Date(date)));

    [Theory]
    [InlineData("2026-03-12", "2026-03-13")] // Thursday → Friday
    [InlineData("2026-03-13", "2026-03-16")] // Friday → Monday
    [InlineData("2026-03-14", "2026-03-16")] // Saturday → Monday
    [InlineData("2026-04-03", "2026-04-07")] // Friday before Easter → Tuesday (Monday is Easter Monday)
    [InlineData("2026-12-23", "2026-12-28")] // Wednesday → Monday: 24, 25 holidays, 26–27 weekend
    public void The_next_business_day_is_strictly_after_the_date(string date, string expected) =>
        Assert.Equal(Date(expected), Mall.NextBusinessDay(Date(date)));

    [Fact]
    public void The_previous_business_day_skips_back_over_a_holiday_weekend() =>
        // Tuesday 7 April 2026 ← Monday 6 (Easter Monday), Sunday 5, Saturday 4 → Friday 3.
        Assert.Equal(Date("2026-04-03"), Mall.PreviousBusinessDay(Date("2026-04-07")));

    [Fact]
    public void A_calendar_without_working_days_fails_instead_of_looping_forever()
    {
        var never = new BusinessCalendar(Warsaw, new WorkingHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>()), NoHolidays.Instance);
        Assert.Throws<InvalidOperationException>(() => never.NextBusinessDay(Date("2026-01-01")));
    }

    [Fact]
    public void The_start_of_a_day_is_local_midnight_in_the_zone() =>
        // Warsaw is still on +01:00 at midnight of 29 March 2026; the change comes at 02:00.
        Assert.Equal(At("2026-03-29T00:00:00+01:00"), Mall.StartOfDay(Date("2026-03-29")));

    [Fact]
    public void The_start_of_a_day_whose_midnight_is_skipped_is_the_first_moment_that_exists()
    {
        // São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018 (tzdb), so that day began at 01:00 −02:00.
        var saoPaulo = new BusinessCalendar(DateTimeZoneProviders.Tzdb["America/Sao_Paulo"], WorkingHours.AllDay, NoHolidays.Instance);
        Assert.Equal(At("2018-11-04T01:00:00-02:00"), saoPaulo.StartOfDay(Date("2018-11-04")));
    }
}
