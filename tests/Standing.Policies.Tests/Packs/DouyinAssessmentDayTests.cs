using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Douyin's pass mark met exactly, at the assessment instant itself; worked out by hand from STANDARDS.md §5
/// ("2-minute first reply rate ≥ 85%"; the 16th judges the 1st–15th) and the common vocabulary (only events
/// before as-of are known).
/// </summary>
public sealed class DouyinAssessmentDayTests
{
    [Fact]
    public void Exactly_85_percent_passes_and_a_session_transferred_just_before_the_assessment_is_pending()
    {
        var s = new EventScript("shop");
        void Session(string id, string transfer, string? reply)
        {
            s.Ask(id, "b-" + id, transfer, human: true);
            if (reply is not null) s.Answer(id, "a1", reply);
        }
        // 16 answered after 60 s, one after exactly 120 s (on time), three after 121 s (late).
        for (var i = 0; i < 16; i++) Session($"s{i}", $"2026-06-05T10:{i:00}:00+08:00", $"2026-06-05T10:{i:00}:59+08:00");
        Session("s16", "2026-06-05T11:00:00+08:00", "2026-06-05T11:02:00+08:00");
        for (var i = 17; i < 20; i++) Session($"s{i}", $"2026-06-05T11:{i:00}:00+08:00", $"2026-06-05T11:{i + 2:00}:01+08:00");
        // s20: transferred 30 s before the assessment instant, answered 40 s after it: not known yet, 2 minutes not passed.
        Session("s20", "2026-06-15T23:59:30+08:00", "2026-06-16T00:00:40+08:00");

        var onTheDay = PackEvaluation.Evaluate("douyin", s.Events, "2026-06-16T00:00:00+08:00");
        var rate = onTheDay.Metric("first_reply_2min_rate")!;

        // 17 on time of 20 judged = 85% exactly: meets "≥ 85%"; s20 pending.
        Assert.Equal((17L, 20L, 1L), (rate.Numerator, rate.Denominator, rate.Pending));
        Assert.Equal(MetricStatus.Good, rate.Status);

        // Four days later the same half month is judged with s20's reply known: 18/21.
        var later = PackEvaluation.Evaluate("douyin", s.Events, "2026-06-20T00:00:00+08:00").Metric("first_reply_2min_rate")!;
        Assert.Equal((18L, 21L, 0L), (later.Numerator, later.Denominator, later.Pending));
    }
}
