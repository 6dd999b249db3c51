using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Douyin (docs/standards/douyin.md), worked by hand in Asia/Shanghai (UTC+8, no DST). As of the 16th
/// 00:00 the half month judged is the 1st–15th: [2026-05-01T00:00+08:00, 2026-05-16T00:00+08:00).
/// One seller per metric keeps each population exact.
/// </summary>
public sealed class DouyinPackTests
{
    private const string AsOf = "2026-05-16T00:00:00+08:00";

    [Theory]
    [InlineData("2026-05-16T00:00:00+08:00", "2026-05-01T00:00:00+08:00", "2026-05-16T00:00:00+08:00")] // the 16th judges the 1st–15th
    [InlineData("2026-06-01T00:00:00+08:00", "2026-05-16T00:00:00+08:00", "2026-06-01T00:00:00+08:00")] // the 1st judges the 16th–31st
    [InlineData("2026-03-01T00:00:00+08:00", "2026-02-16T00:00:00+08:00", "2026-03-01T00:00:00+08:00")] // 16th–28th of February
    [InlineData("2026-05-10T12:00:00+08:00", "2026-04-16T00:00:00+08:00", "2026-05-01T00:00:00+08:00")] // between assessments: the last one
    public void The_assessment_judges_the_last_complete_half_month(string asOf, string start, string end)
    {
        var shop = new EventScript("shop").Ask("c", "b", "2026-01-01T10:00:00+08:00");

        var result = PackEvaluation.Evaluate("douyin", shop.Events, asOf);

        foreach (var m in result.Metrics)
        {
            Assert.Equal(EventScript.At(start), m.Window.Start);
            Assert.Equal(EventScript.At(end), m.Window.End);
        }
    }

    [Fact]
    public void First_reply_within_2_minutes_of_the_transfer_counts_per_session_and_failing_restricts_activities()
    {
        var s = new EventScript("shop");
        // S1–S9: transferred 10:00, first human reply 10:01 (60 s): on time.
        for (var i = 1; i <= 9; i++) Session(s, $"S{i}", $"2026-05-{i:00}", "10:01:00");
        Session(s, "S10", "2026-05-10", "10:02:00");          // exactly 120 s: on time (within 2 minutes)
        Session(s, "S11", "2026-05-11", "10:02:01");          // 121 s: late
        Session(s, "S12", "2026-05-12", null);                 // never answered, 2 minutes long passed: late
        // S13: an agent wrote at 09:59:30 before the buyer asked for a human at 10:00; the first human
        // reply after the transfer is 10:04: late.
        s.Ask("S13", "b", "2026-05-13T09:59:00+08:00")
            .Answer("S13", "a1", "2026-05-13T09:59:30+08:00")
            .Ask("S13", "b", "2026-05-13T10:00:00+08:00", human: true)
            .Answer("S13", "a1", "2026-05-13T10:04:00+08:00");
        // N1: never transferred (an agent answered directly): not counted.
        s.Ask("N1", "b", "2026-05-05T10:00:00+08:00").Answer("N1", "a1", "2026-05-05T10:30:00+08:00");
        // O1: transferred on 30 April, before the half month: not counted.
        Session(s, "O1", "2026-04-30", "10:01:00");

        var result = PackEvaluation.Evaluate("douyin", s.Events, AsOf);
        var rate = result.Metric("first_reply_2min_rate")!;

        // Judged S1–S13 = 13; on time S1–S10 = 10; 10/13 = 0.769… < 0.85.
        Assert.Equal((10, 13), (rate.Numerator, rate.Denominator));
        Assert.Equal(10.0 / 13, rate.Value!.Value, 12);
        Assert.Equal(MetricStatus.Breach, rate.Status);
        Assert.True(result.Outcomes.Single(o => o.Id == "activity_restriction").Triggered);
    }

    /// <summary>A session whose buyer asks for a human at 10:00 on <paramref name="day"/>; an agent answers at <paramref name="replyTime"/>.</summary>
    private static void Session(EventScript s, string id, string day, string? replyTime)
    {
        s.Ask(id, "b-" + id, $"{day}T10:00:00+08:00", human: true);
        if (replyTime is not null) s.Answer(id, "a1", $"{day}T{replyTime}+08:00");
    }

    [Fact]
    public void Average_reply_counts_buyer_messages_for_a_human_answered_within_3_minutes()
    {
        var s = new EventScript("shop")
            // c1: 10:00 is before the transfer (the bot's part): not counted. For a human: 10:01 → 10:03
            // (2 min) on time; 10:04 → 10:07 (3 min exactly) on time; 10:05 → 10:07 on time;
            // 10:08 → 10:11:01 (3 min 1 s) late; 10:12 never answered: late. 3 of 5.
            .Ask("c1", "b1", "2026-05-05T10:00:00+08:00")
            .Bot("c1", "2026-05-05T10:00:10+08:00")
            .Ask("c1", "b1", "2026-05-05T10:01:00+08:00", human: true)
            .Answer("c1", "a1", "2026-05-05T10:03:00+08:00")
            .Ask("c1", "b1", "2026-05-05T10:04:00+08:00")
            .Ask("c1", "b1", "2026-05-05T10:05:00+08:00")
            .Answer("c1", "a1", "2026-05-05T10:07:00+08:00")
            .Ask("c1", "b1", "2026-05-05T10:08:00+08:00")
            .Answer("c1", "a1", "2026-05-05T10:11:01+08:00")
            .Ask("c1", "b1", "2026-05-05T10:12:00+08:00")
            // c3: answered by the bot only: not a human session, not counted.
            .Ask("c3", "b3", "2026-05-06T10:00:00+08:00")
            .Bot("c3", "2026-05-06T10:00:05+08:00");
        // c2: a human session never transferred: its 5 buyer messages are each answered 1 minute later.
        for (var i = 0; i < 5; i++)
        {
            s.Ask("c2", "b2", $"2026-05-06T09:{2 * i:00}:00+08:00").Answer("c2", "a2", $"2026-05-06T09:{(2 * i) + 1:00}:00+08:00");
        }

        var rate = PackEvaluation.Evaluate("douyin", s.Events, AsOf).Metric("avg_reply_3min_rate")!;

        // 3 + 5 = 8 on time of 5 + 5 = 10: 80%, exactly the standard (≥ 80%): passes.
        Assert.Equal((8, 10), (rate.Numerator, rate.Denominator));
        Assert.Equal(MetricStatus.Good, rate.Status);
    }

    [Fact]
    public void Satisfaction_is_four_and_five_star_sessions_over_rated_sessions_with_the_latest_rating()
    {
        var s = new EventScript("shop");
        int[] stars = [5, 5, 4, 4, 4, 4, 3, 2, 1];
        for (var i = 0; i < stars.Length; i++)
        {
            s.Ask($"r{i + 1}", "b", $"2026-05-0{i + 1}T10:00:00+08:00").Rated($"r{i + 1}", $"2026-05-0{i + 1}T11:00:00+08:00", stars: stars[i]);
        }
        s.Ask("r10", "b", "2026-05-10T10:00:00+08:00")
            .Rated("r10", "2026-05-10T11:00:00+08:00", stars: 1)
            .Rated("r10", "2026-05-11T11:00:00+08:00", stars: 5)                 // re-rated: 5 stars in force
            .Ask("r11", "b", "2026-04-30T10:00:00+08:00")
            .Rated("r11", "2026-04-30T23:00:00+08:00", rating: "satisfied")      // before the half month
            .Ask("r12", "b", "2026-05-12T10:00:00+08:00")
            .Rated("r12", "2026-05-12T11:00:00+08:00", rating: "neutral")        // given as a rating
            .Ask("r13", "b", "2026-05-13T10:00:00+08:00");                       // not rated

        var rate = PackEvaluation.Evaluate("douyin", s.Events, AsOf).Metric("satisfaction_rate")!;

        // Rated in the half month: r1–r10, r12 = 11; satisfied (5 or 4 stars): r1–r6, r10 = 7. 7/11 < 80%.
        Assert.Equal((7, 11), (rate.Numerator, rate.Denominator));
        Assert.Equal(MetricStatus.Breach, rate.Status);
    }

    [Fact]
    public void Too_few_sessions_are_insufficient_data_and_never_restrict()
    {
        var s = new EventScript("shop");
        // 9 transferred sessions all answered late: below the default minimum sample of 10.
        for (var i = 1; i <= 9; i++) Session(s, $"S{i}", $"2026-05-{i:00}", "10:30:00");

        var result = PackEvaluation.Evaluate("douyin", s.Events, AsOf);

        Assert.Equal(MetricStatus.InsufficientData, result.Metric("first_reply_2min_rate")!.Status);
        Assert.False(result.Outcomes.Single(o => o.Id == "activity_restriction").Triggered);
    }
}
