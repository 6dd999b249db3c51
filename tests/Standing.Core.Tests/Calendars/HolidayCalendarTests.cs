using Standing.Core.Calendars;
using static Standing.Core.Tests.Calendars.TestCalendars;

namespace Standing.Core.Tests.Calendars;

public sealed class HolidayCalendarTests
{
    [Fact]
    public void No_holidays_never_names_a_date()
    {
        Assert.False(NoHolidays.Instance.IsHoliday(Date("2026-12-25")));
        Assert.Null(NoHolidays.Instance.NameOf(Date("2026-12-25")));
    }

    [Fact]
    public void Fixed_holidays_are_exactly_the_listed_dates()
    {
        var shop = new FixedHolidays((Date("2026-07-01"), "stocktaking"), (Date("2026-07-02"), "stocktaking"));
        Assert.True(shop.IsHoliday(Date("2026-07-01")));
        Assert.Equal("stocktaking", shop.NameOf(Date("2026-07-02")));
        Assert.False(shop.IsHoliday(Date("2026-07-03")));
        Assert.False(shop.IsHoliday(Date("2027-07-01")));
    }

    [Fact]
    public void A_fixed_holiday_listed_twice_keeps_its_first_name()
    {
        var shop = new FixedHolidays((Date("2026-07-01"), "stocktaking"), (Date("2026-07-01"), "again"));
        Assert.Equal("stocktaking", shop.NameOf(Date("2026-07-01")));
        Assert.Single(shop.Dates);
    }

    [Fact]
    public void A_fixed_holiday_without_a_name_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new FixedHolidays((Date("2026-07-01"), " ")));

    [Fact]
    public void Composite_holidays_are_the_union_named_by_the_first_calendar_that_knows_the_date()
    {
        var both = new CompositeHolidays(
            new PolishPublicHolidays(),
            new FixedHolidays((Date("2026-07-01"), "stocktaking"), (Date("2026-11-11"), "shop closed")));
        Assert.True(both.IsHoliday(Date("2026-07-01")));
        Assert.True(both.IsHoliday(Date("2026-06-04")));
        Assert.False(both.IsHoliday(Date("2026-07-02")));
        Assert.Equal("stocktaking", both.NameOf(Date("2026-07-01")));
        Assert.Equal("Independence Day", both.NameOf(Date("2026-11-11")));
        Assert.Null(both.NameOf(Date("2026-07-02")));
    }
}
