using NodaTime;
using static Standing.Core.Tests.Calendars.TestCalendars;

namespace Standing.Core.Tests.Calendars;

/// <summary>
/// "Same local time on the Nth next business day" on MALL's calendar (Warsaw, Monday–Friday, Polish
/// holidays off) and, for the clock changes, on a calendar where every day is a business day.
/// </summary>
public sealed class AddBusinessDaysTests
{
    [Fact]
    public void Friday_plus_one_business_day_is_Monday_at_the_same_time() =>
        Assert.Equal(At("2026-03-16T10:00:00+01:00"), Mall.AddBusinessDays(At("2026-03-13T10:00:00+01:00"), 1));

    [Fact]
    public void Two_business_days_from_Thursday_cross_the_weekend_to_Monday() =>
        // Thursday 12 March → Friday 13 (1) → Monday 16 (2).
        Assert.Equal(At("2026-03-16T10:00:00+01:00"), Mall.AddBusinessDays(At("2026-03-12T10:00:00+01:00"), 2));

    [Fact]
    public void An_order_opened_on_Saturday_is_due_on_Monday() =>
        Assert.Equal(At("2026-03-16T10:00:00+01:00"), Mall.AddBusinessDays(At("2026-03-14T10:00:00+01:00"), 1));

    [Fact]
    public void Easter_Monday_is_skipped() =>
        // Friday 3 April 2026 → Saturday, Sunday (Easter), Monday 6 (Easter Monday) all skipped → Tuesday 7.
        Assert.Equal(At("2026-04-07T10:00:00+02:00"), Mall.AddBusinessDays(At("2026-04-03T10:00:00+02:00"), 1));

    [Fact]
    public void Thursday_before_a_holiday_Friday_runs_to_Monday() =>
        // Friday 1 May 2026 is Labour Day, then the weekend (Sunday 3 May is also Constitution Day) → Monday 4 May.
        Assert.Equal(At("2026-05-04T15:00:00+02:00"), Mall.AddBusinessDays(At("2026-04-30T15:00:00+02:00"), 1));

    [Fact]
    public void Christmas_2026_closes_four_days_in_a_row() =>
        // Wednesday 23 Dec → 24 (Christmas Eve, from 2025), 25, 26 (Saturday), 27 (Sunday) → Monday 28.
        Assert.Equal(At("2026-12-28T12:00:00+01:00"), Mall.AddBusinessDays(At("2026-12-23T12:00:00+01:00"), 1));

    [Fact]
    public void Christmas_Eve_2024_was_still_a_business_day() =>
        Assert.Equal(At("2024-12-24T12:00:00+01:00"), Mall.AddBusinessDays(At("2024-12-23T12:00:00+01:00"), 1));

    [Fact]
    public void Zero_business_days_is_the_start_itself() =>
        Assert.Equal(At("2026-03-14T10:00:00+01:00"), Mall.AddBusinessDays(At("2026-03-14T10:00:00+01:00"), 0));

    [Fact]
    public void Negative_business_days_count_backwards() =>
        Assert.Equal(At("2026-04-03T10:00:00+02:00"), Mall.AddBusinessDays(At("2026-04-07T10:00:00+02:00"), -1));

    [Fact]
    public void Across_the_spring_change_the_local_time_is_kept_and_the_offset_changes()
    {
        // Friday 27 March 02:30 +01:00 → Monday 30 March 02:30, now on summer time +02:00. The clocks
        // jumped on Sunday 29 March 02:00 → 03:00, so only 71 real hours pass, not 72.
        var opened = At("2026-03-27T02:30:00+01:00");
        var due = Mall.AddBusinessDays(opened, 1);
        Assert.Equal(At("2026-03-30T02:30:00+02:00"), due);
        Assert.Equal(Duration.FromHours(71), due - opened);
    }

    [Fact]
    public void A_due_time_inside_the_spring_gap_moves_forward_by_the_length_of_the_gap()
    {
        // Every day is a business day. Saturday 28 March 02:30 +01:00 → Sunday 29 March 02:30, which does
        // not exist (02:00 → 03:00). It resolves to 03:30 +02:00 — shifted forward by the hour-long gap —
        // which is 01:30 UTC, exactly 24 real hours later.
        var due = Always.AddBusinessDays(At("2026-03-28T02:30:00+01:00"), 1);
        Assert.Equal(At("2026-03-29T03:30:00+02:00"), due);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), due);
    }

    [Fact]
    public void A_due_time_in_the_autumn_overlap_takes_the_earlier_occurrence()
    {
        // Every day is a business day. Saturday 24 October 02:30 +02:00 → Sunday 25 October 02:30, which
        // happens twice (03:00 +02:00 → 02:00 +01:00). The earlier one is 02:30 +02:00 = 00:30 UTC.
        var due = Always.AddBusinessDays(At("2026-10-24T02:30:00+02:00"), 1);
        Assert.Equal(At("2026-10-25T02:30:00+02:00"), due);
        Assert.NotEqual(At("2026-10-25T02:30:00+01:00"), due);
    }

    [Fact]
    public void A_start_in_the_second_pass_of_the_overlap_keeps_its_local_time() =>
        // 25 October 02:30 +01:00 is the later 02:30; one day on, 26 October 02:30 exists only once (+01:00).
        Assert.Equal(At("2026-10-26T02:30:00+01:00"), Always.AddBusinessDays(At("2026-10-25T02:30:00+01:00"), 1));
}
