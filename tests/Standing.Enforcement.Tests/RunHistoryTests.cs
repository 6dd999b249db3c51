using NodaTime;
using Standing.Enforcement.Tests.Support;

namespace Standing.Enforcement.Tests;

/// <summary>
/// The daily job carries cases forward in time order only: an as-of already run is skipped, one after
/// the latest run runs, one before the latest that never ran is refused (it would rewrite the past).
/// </summary>
public sealed class RunHistoryTests
{
    private static Instant May(int day) => HandMade.Day(2026, 5, day);

    private static List<Instant> Days(int from, int to) => Enumerable.Range(from, to - from + 1).Select(May).ToList();

    [Fact]
    public void A_store_never_run_runs_any_day()
    {
        var history = new RunHistory("promua", []);
        Assert.Null(history.Latest);
        Assert.Null(history.FirstRewritingHistory([May(20)]));
        Assert.Null(history.FirstRewritingHistory(Days(1, 31)));
    }

    [Fact]
    public void A_day_before_the_latest_run_that_never_ran_is_refused()
    {
        var history = new RunHistory("promua", [May(20)]);
        Assert.Equal(May(20), history.Latest);
        Assert.Equal(May(1), history.FirstRewritingHistory([May(1)]));
        Assert.Equal(May(19), history.FirstRewritingHistory([May(19)]));
    }

    [Fact]
    public void Days_already_run_are_skipped_wherever_they_are_and_later_days_run()
    {
        var history = new RunHistory("promua", Days(1, 10));
        Assert.True(history.WasRun(May(3)));
        Assert.False(history.WasRun(May(11)));
        Assert.Null(history.FirstRewritingHistory([May(10)]));       // the same as-of again
        Assert.Null(history.FirstRewritingHistory(Days(1, 10)));     // the same range again
        Assert.Null(history.FirstRewritingHistory(Days(5, 20)));     // overlapping, then on past the latest
    }

    [Fact]
    public void A_range_is_refused_whole_at_its_first_day_that_never_ran_before_the_latest()
    {
        // Run on the 1st, 2nd and 10th: the 3rd to the 9th were skipped and may not run any more.
        var history = new RunHistory("promua", [May(1), May(2), May(10)]);
        Assert.Equal(May(3), history.FirstRewritingHistory(Days(1, 15)));
        Assert.Equal(May(9), history.FirstRewritingHistory([May(9), May(10), May(11)]));
        Assert.Null(history.FirstRewritingHistory([May(1), May(2), May(10), May(11)]));
    }

    [Fact]
    public void An_instant_later_on_a_day_already_run_is_a_new_as_of_after_it()
    {
        var history = new RunHistory("promua", [May(1)]);
        var noon = May(1) + Duration.FromHours(12);
        Assert.Null(history.FirstRewritingHistory([noon]));
        Assert.Equal(May(1) - Duration.FromHours(1), new RunHistory("promua", [May(1), noon]).FirstRewritingHistory([May(1), May(1) - Duration.FromHours(1)]));
    }
}
