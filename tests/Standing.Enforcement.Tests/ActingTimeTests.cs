using NodaTime;

namespace Standing.Enforcement.Tests;

/// <summary>The instant a person's action is dated at: from the store's data, bounded by its latest run and latest event.</summary>
public sealed class ActingTimeTests
{
    private static readonly Instant Run = Instant.FromUtc(2026, 6, 1, 0, 0);
    private static readonly Instant LastEvent = Instant.FromUtc(2026, 5, 31, 18, 0);

    [Fact]
    public void Without_at_the_latest_run_or_the_cases_later_change()
    {
        Assert.Equal((Run, (string?)null), ActingTime.Choose("congocrea", null, false, Run, LastEvent));
        var changed = Run + Duration.FromHours(5);
        Assert.Equal(changed, ActingTime.Choose("congocrea", null, false, Run, LastEvent, changed).At);
        Assert.Equal(changed, ActingTime.Choose("congocrea", null, false, null, LastEvent, changed).At);
        Assert.Equal("no run of congocrea is recorded on this store, so there is no time to act at: give --at (its events end at 2026-05-31T18:00:00Z)",
            ActingTime.Choose("congocrea", null, false, null, LastEvent).Refusal);
    }

    /// <summary>The store's time is the later of the run (06-01 00:00) and the last event: an --at up to
    /// a day after it (06-02 00:00) is taken; a second more, or a second before the run, is refused.</summary>
    [Fact]
    public void An_at_before_the_run_or_over_a_day_after_the_stores_time_is_refused_unless_forced()
    {
        Assert.Null(ActingTime.Choose("promua", Run + Duration.FromDays(1), false, Run, LastEvent).Refusal);
        Assert.Equal("--at 2026-06-02T00:00:01Z is more than a day after the store's time (2026-06-01T00:00:00Z, its latest run): the data knows nothing of it; give --force-at to record it anyway",
            ActingTime.Choose("promua", Run + Duration.FromDays(1) + Duration.FromSeconds(1), false, Run, LastEvent).Refusal);
        Assert.Equal("--at 2026-05-31T23:59:59Z is before the latest run of promua (2026-06-01T00:00:00Z): cases were carried past it; give --force-at to record it anyway",
            ActingTime.Choose("promua", Run - Duration.FromSeconds(1), false, Run, LastEvent).Refusal);
        Assert.Contains("2026-05-31T18:00:00Z, its latest event", ActingTime.Choose("promua", Instant.FromUtc(2026, 12, 4, 10, 0), false, null, LastEvent).Refusal);
        Assert.Null(ActingTime.Choose("promua", Instant.FromUtc(2026, 12, 4, 10, 0), true, Run, LastEvent).Refusal);
        Assert.Null(ActingTime.Choose("promua", Run - Duration.FromDays(3), true, Run, LastEvent).Refusal);
    }
}
