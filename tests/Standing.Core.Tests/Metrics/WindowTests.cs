using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Core.Tests.Metrics;

/// <summary>Window boundaries worked out by hand on the calendar.</summary>
public sealed class WindowTests
{
    private static BusinessCalendar In(string zone) =>
        new(DateTimeZoneProviders.Tzdb[zone], WorkingHours.AllDay, NoHolidays.Instance);

    private static (Instant? Start, Instant End) Resolve(WindowSpec spec, string asOf, string zone) =>
        spec.Resolve(EventScript.At(asOf), In(zone)) is var w ? (w.Start, w.End) : default;

    [Fact]
    public void Rolling_days_count_local_calendar_days_across_a_dst_change()
    {
        // 30 days before 2026-04-08 00:00 in Warsaw is 2026-03-09 00:00, then still on +01:00.
        var (start, end) = Resolve(new RollingWindow(30), "2026-04-08T00:00:00+02:00", "Europe/Warsaw");

        Assert.Equal(EventScript.At("2026-03-09T00:00:00+01:00"), start);
        Assert.Equal(EventScript.At("2026-04-08T00:00:00+02:00"), end);
    }

    [Fact]
    public void A_lagged_window_aligned_to_the_day_covers_t_minus_33_to_t_minus_4_inclusive()
    {
        // T = 2026-05-20 (any time of day): T−33 = 2026-04-17, T−4 = 2026-05-16, so [04-17 00:00, 05-17 00:00).
        var (start, end) = Resolve(new RollingWindow(30, LagDays: 3, AlignToDay: true), "2026-05-20T15:30:00+08:00", "Asia/Shanghai");

        Assert.Equal(EventScript.At("2026-04-17T00:00:00+08:00"), start);
        Assert.Equal(EventScript.At("2026-05-17T00:00:00+08:00"), end);
    }

    [Theory]
    // As of the 1st: the 16th to the end of the previous month; as of the 16th (or later): the 1st–15th.
    [InlineData("2026-06-01T00:00:00+08:00", "2026-05-16T00:00:00+08:00", "2026-06-01T00:00:00+08:00")]
    [InlineData("2026-06-16T00:00:00+08:00", "2026-06-01T00:00:00+08:00", "2026-06-16T00:00:00+08:00")]
    [InlineData("2026-06-20T10:00:00+08:00", "2026-06-01T00:00:00+08:00", "2026-06-16T00:00:00+08:00")]
    [InlineData("2026-03-03T00:00:00+08:00", "2026-02-16T00:00:00+08:00", "2026-03-01T00:00:00+08:00")]
    public void The_last_complete_half_month(string asOf, string start, string end)
    {
        var window = Resolve(new CalendarWindow(CalendarPeriod.HalfMonth), asOf, "Asia/Shanghai");

        Assert.Equal((EventScript.At(start), EventScript.At(end)), window);
    }

    [Theory]
    // 2026-05-20 is a Wednesday: the last complete natural week is Monday 05-11 to Sunday 05-17.
    [InlineData("2026-05-20T12:00:00+08:00", "2026-05-11T00:00:00+08:00", "2026-05-18T00:00:00+08:00")]
    // At Monday 00:00 the week that just ended is complete.
    [InlineData("2026-05-18T00:00:00+08:00", "2026-05-11T00:00:00+08:00", "2026-05-18T00:00:00+08:00")]
    // Sunday 23:59 is still inside the week of 05-11: the last complete one is 05-04 to 05-10.
    [InlineData("2026-05-17T23:59:00+08:00", "2026-05-04T00:00:00+08:00", "2026-05-11T00:00:00+08:00")]
    public void The_last_complete_natural_week(string asOf, string start, string end)
    {
        var window = Resolve(new CalendarWindow(CalendarPeriod.Week), asOf, "Asia/Shanghai");

        Assert.Equal((EventScript.At(start), EventScript.At(end)), window);
    }

    [Fact]
    public void The_last_complete_month_and_the_current_one()
    {
        Assert.Equal(
            (EventScript.At("2026-02-01T00:00:00+01:00"), EventScript.At("2026-03-01T00:00:00+01:00")),
            Resolve(new CalendarWindow(CalendarPeriod.Month), "2026-03-01T00:00:00+01:00", "Europe/Paris"));
        Assert.Equal(
            (EventScript.At("2026-03-01T00:00:00+01:00"), EventScript.At("2026-03-10T08:00:00+01:00")),
            Resolve(new CalendarWindow(CalendarPeriod.Month, Current: true), "2026-03-10T08:00:00+01:00", "Europe/Paris"));
    }

    [Fact]
    public void Lifetime_has_no_start()
    {
        Assert.Equal((null, EventScript.At("2026-03-01T00:00:00Z")), Resolve(new LifetimeWindow(), "2026-03-01T00:00:00Z", "UTC"));
    }
}
