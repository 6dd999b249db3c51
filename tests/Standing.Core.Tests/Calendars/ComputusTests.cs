using Standing.Core.Calendars;
using static Standing.Core.Tests.Calendars.TestCalendars;

namespace Standing.Core.Tests.Calendars;

public sealed class ComputusTests
{
    [Fact]
    public void Easter_2026_falls_on_5_April()
    {
        // By hand, Y = 2026: a = 12, b = 20, c = 26, d = 5, e = 0, f = 1, g = 6,
        // h = (228 + 20 − 5 − 6 + 15) mod 30 = 12, i = 6, k = 2, l = (32 + 0 + 12 − 12 − 2) mod 7 = 2,
        // m = (12 + 132 + 44) / 451 = 0, n = 12 + 2 + 114 = 128 → month 128 / 31 = 4, day 128 mod 31 + 1 = 5.
        Assert.Equal(Date("2026-04-05"), Computus.GregorianEasterSunday(2026));
    }

    [Fact]
    public void Easter_2024_falls_on_31_March()
    {
        // By hand, Y = 2024: a = 10, b = 20, c = 24, d = 5, e = 0, f = 1, g = 6,
        // h = (190 + 20 − 5 − 6 + 15) mod 30 = 4, i = 6, k = 0, l = (32 + 0 + 12 − 4 − 0) mod 7 = 5,
        // m = (10 + 44 + 110) / 451 = 0, n = 4 + 5 + 114 = 123 → month 3, day 123 mod 31 + 1 = 31.
        Assert.Equal(Date("2024-03-31"), Computus.GregorianEasterSunday(2024));
    }

    // Published Easter dates, including the earliest (22 March) and latest (25 April) possible ones.
    [Theory]
    [InlineData(1818, "1818-03-22")]
    [InlineData(1943, "1943-04-25")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_matches_the_published_date(int year, string expected) =>
        Assert.Equal(Date(expected), Computus.GregorianEasterSunday(year));

    [Fact]
    public void Easter_always_falls_on_a_Sunday_between_22_March_and_25_April()
    {
        for (var year = Computus.FirstGregorianYear; year <= 9999; year++)
        {
            var easter = Computus.GregorianEasterSunday(year);
            Assert.Equal(NodaTime.IsoDayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new NodaTime.LocalDate(year, 3, 22), new NodaTime.LocalDate(year, 4, 25));
        }
    }

    [Fact]
    public void Years_before_the_Gregorian_reform_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Computus.GregorianEasterSunday(1582));
}
