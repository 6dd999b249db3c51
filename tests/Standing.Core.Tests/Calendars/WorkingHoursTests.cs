using NodaTime;
using Standing.Core.Calendars;

namespace Standing.Core.Tests.Calendars;

public sealed class WorkingHoursTests
{
    private static readonly LocalTime Nine = new(9, 0);
    private static readonly LocalTime Five = new(17, 0);

    [Fact]
    public void All_day_works_every_day_from_midnight_to_midnight()
    {
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
            Assert.Equal([new WorkingInterval(LocalTime.Midnight, null)], WorkingHours.AllDay.For(day));
    }

    [Fact]
    public void Weekdays_leave_the_weekend_off()
    {
        var hours = WorkingHours.Weekdays(Nine, Five);
        Assert.Equal([new WorkingInterval(Nine, Five)], hours.For(IsoDayOfWeek.Friday));
        Assert.Empty(hours.For(IsoDayOfWeek.Saturday));
        Assert.Empty(hours.For(IsoDayOfWeek.Sunday));
    }

    [Fact]
    public void A_day_missing_from_the_table_is_a_day_off()
    {
        var hours = new WorkingHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [IsoDayOfWeek.Monday] = [new WorkingInterval(Nine, Five)],
        });
        Assert.Empty(hours.For(IsoDayOfWeek.Tuesday));
        Assert.True(hours.HasAnyWorkingDay);
    }

    [Fact]
    public void Intervals_of_a_day_come_back_sorted_by_start()
    {
        var afternoon = new WorkingInterval(new LocalTime(13, 0), Five);
        var morning = new WorkingInterval(Nine, new LocalTime(12, 0));
        var hours = new WorkingHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [IsoDayOfWeek.Monday] = [afternoon, morning],
        });
        Assert.Equal([morning, afternoon], hours.For(IsoDayOfWeek.Monday));
    }

    [Fact]
    public void Overlapping_intervals_are_rejected_because_they_would_count_twice() =>
        Assert.Throws<ArgumentException>(() => new WorkingHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [IsoDayOfWeek.Monday] = [new WorkingInterval(Nine, null), new WorkingInterval(Five, new LocalTime(18, 0))],
        }));

    [Fact]
    public void An_interval_ending_at_midnight_is_rejected_because_24_00_is_written_as_null() =>
        Assert.Throws<ArgumentException>(() => WorkingHours.Weekdays(Nine, LocalTime.Midnight));

    [Fact]
    public void An_interval_ending_at_24_00_prints_as_24_00() =>
        Assert.Equal("08:00-24:00", new WorkingInterval(new LocalTime(8, 0), null).ToString());
}
