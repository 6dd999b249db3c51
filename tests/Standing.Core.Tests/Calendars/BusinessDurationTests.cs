using NodaTime;
using Standing.Core.Calendars;
using static Standing.Core.Tests.Calendars.TestCalendars;

namespace Standing.Core.Tests.Calendars;

public sealed class BusinessDurationTests
{
    [Fact]
    public void An_end_at_or_before_the_start_gives_zero()
    {
        var t = At("2026-03-11T10:00:00+01:00");
        Assert.Equal(Duration.Zero, Office.BusinessDuration(t, t));
        Assert.Equal(Duration.Zero, Office.BusinessDuration(t, t - Duration.FromHours(5)));
    }

    [Fact]
    public void The_spring_night_has_23_real_hours()
    {
        // Saturday 28 March 12:00 +01:00 (11:00 UTC) → Sunday 29 March 12:00 +02:00 (10:00 UTC).
        Assert.Equal(Duration.FromHours(23),
            Always.BusinessDuration(At("2026-03-28T12:00:00+01:00"), At("2026-03-29T12:00:00+02:00")));
    }

    [Fact]
    public void The_autumn_night_has_25_real_hours()
    {
        // Saturday 24 October 12:00 +02:00 (10:00 UTC) → Sunday 25 October 12:00 +01:00 (11:00 UTC).
        Assert.Equal(Duration.FromHours(25),
            Always.BusinessDuration(At("2026-10-24T12:00:00+02:00"), At("2026-10-25T12:00:00+01:00")));
    }

    [Fact]
    public void Working_hours_to_midnight_count_the_last_hour_of_the_day()
    {
        // 08:00–24:00 every day: 23:00–24:00 (1 h) + 08:00–09:00 next morning (1 h) = 2 h.
        Assert.Equal(Duration.FromHours(2),
            Evenings.BusinessDuration(At("2026-06-10T23:00:00+02:00"), At("2026-06-11T09:00:00+02:00")));
    }

    [Fact]
    public void A_clock_change_outside_working_hours_changes_nothing()
    {
        // 08:00–24:00: Saturday 23:00–24:00 (1 h) + Sunday 08:00–09:00 (1 h); the 02:00 → 03:00 jump is off hours.
        Assert.Equal(Duration.FromHours(2),
            Evenings.BusinessDuration(At("2026-03-28T23:00:00+01:00"), At("2026-03-29T09:00:00+02:00")));
    }

    [Fact]
    public void Office_hours_skip_the_weekend()
    {
        // 09:00–17:00: Friday 13 March 16:00–17:00 (1 h) + Monday 16 March 09:00–10:00 (1 h) = 2 h.
        Assert.Equal(Duration.FromHours(2),
            Office.BusinessDuration(At("2026-03-13T16:00:00+01:00"), At("2026-03-16T10:00:00+01:00")));
    }

    [Fact]
    public void Office_hours_skip_a_holiday()
    {
        // Friday 3 April 16:00–17:00 (1 h), weekend, Easter Monday 6 April off, Tuesday 7 April 09:00–10:00 (1 h).
        Assert.Equal(Duration.FromHours(2),
            Office.BusinessDuration(At("2026-04-03T16:00:00+02:00"), At("2026-04-07T10:00:00+02:00")));
    }

    [Fact]
    public void A_week_with_Corpus_Christi_has_four_office_days()
    {
        // Monday 1 June → Monday 8 June 2026: Mon, Tue, Wed, Fri × 8 h; Thursday 4 June is Corpus Christi.
        Assert.Equal(Duration.FromHours(32),
            Office.BusinessDuration(At("2026-06-01T00:00:00+02:00"), At("2026-06-08T00:00:00+02:00")));
    }

    [Fact]
    public void Time_inside_one_working_day_counts_only_within_the_hours()
    {
        Assert.Equal(Duration.FromMinutes(90),
            Office.BusinessDuration(At("2026-03-11T10:00:00+01:00"), At("2026-03-11T11:30:00+01:00")));
        Assert.Equal(Duration.FromMinutes(30),
            Office.BusinessDuration(At("2026-03-11T16:30:00+01:00"), At("2026-03-11T20:00:00+01:00")));
        Assert.Equal(Duration.Zero,
            Office.BusinessDuration(At("2026-03-11T18:00:00+01:00"), At("2026-03-11T20:00:00+01:00")));
    }

    [Fact]
    public void A_working_hour_repeated_in_the_autumn_counts_twice_and_one_skipped_in_spring_counts_not_at_all()
    {
        // Working hours 02:00–03:00 every day. On 25 October the wall clock shows 02:xx for two real hours
        // (00:00–02:00 UTC); on 29 March it never does (02:00 +01:00 becomes 03:00 +02:00).
        var night = EveryDay(new WorkingInterval(new LocalTime(2, 0), new LocalTime(3, 0)));
        Assert.Equal(Duration.FromHours(2),
            night.BusinessDuration(At("2026-10-25T00:00:00+02:00"), At("2026-10-25T06:00:00+01:00")));
        Assert.Equal(Duration.Zero,
            night.BusinessDuration(At("2026-03-29T00:00:00+01:00"), At("2026-03-29T06:00:00+02:00")));
    }

    [Fact]
    public void With_every_hour_working_the_business_duration_is_the_elapsed_time()
    {
        var random = new Random(2026);
        var origin = At("2025-12-01T00:00:00Z");
        for (var i = 0; i < 500; i++)
        {
            var start = origin + Duration.FromMinutes(random.Next(0, 60 * 24 * 400));
            var end = start + Duration.FromMinutes(random.Next(0, 60 * 24 * 40));
            Assert.Equal(end - start, Always.BusinessDuration(start, end));
        }
    }

    [Fact]
    public void Splitting_a_span_anywhere_does_not_change_its_business_duration()
    {
        var random = new Random(7);
        var origin = At("2025-12-01T00:00:00Z");
        foreach (var calendar in new[] { Office, Mall, Evenings })
        {
            for (var i = 0; i < 300; i++)
            {
                var a = origin + Duration.FromMinutes(random.Next(0, 60 * 24 * 400));
                var b = a + Duration.FromMinutes(random.Next(0, 60 * 24 * 20));
                var c = b + Duration.FromMinutes(random.Next(0, 60 * 24 * 20));
                Assert.Equal(calendar.BusinessDuration(a, c), calendar.BusinessDuration(a, b) + calendar.BusinessDuration(b, c));
            }
        }
    }
}
