using Standing.Core.Metrics;
using Standing.Core.Scorecards;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Tmall's agent scorecard (docs/standards/tmall.md), worked by hand in Asia/Shanghai (UTC+8). As of Monday
/// 2026-05-11 00:00 the week judged is Monday 2026-05-04 to Sunday 2026-05-10. Shifts 08:30–16:00 and
/// 16:00–23:30 every day; target 15 s.
/// </summary>
public sealed class TmallPackTests
{
    private const string AsOf = "2026-05-11T00:00:00+08:00";

    private static EventScript Week() => new EventScript("shop")
        // T1 (Tue): b1 10:00:00 → anna 10:00:10 (10 s); b1 10:01:00 and 10:01:05 → anna 10:01:25
        // (25 s from the first waiting message); rated 5 → satisfied; b1 orders at 11:00 → converted.
        .Ask("T1", "b1", "2026-05-05T10:00:00+08:00")
        .Answer("T1", "anna", "2026-05-05T10:00:10+08:00")
        .Ask("T1", "b1", "2026-05-05T10:01:00+08:00")
        .Ask("T1", "b1", "2026-05-05T10:01:05+08:00")
        .Answer("T1", "anna", "2026-05-05T10:01:25+08:00")
        .Rated("T1", "2026-05-05T10:05:00+08:00", stars: 5)
        .PlacedBy("o1", "b1", "2026-05-05T11:00:00+08:00")
        // T2 (Wed): b2 at 07:00, before the shift, in a new session → anna 08:30:20: 20 s of shift time;
        // rated 3 → neutral; no order.
        .Ask("T2", "b2", "2026-05-06T07:00:00+08:00")
        .Answer("T2", "anna", "2026-05-06T08:30:20+08:00")
        .Rated("T2", "2026-05-06T08:40:00+08:00", stars: 3)
        // T3 (Wed): b3 16:30 → bo 16:30:05 (5 s); b3 23:29:50 → bo 23:30:30 (starts in the shift: 40 s
        // in full; the shift's extension runs until this answer); b3 23:40, after the shift and after
        // its extension ended (nobody was waiting any more): a new wait, counted from Thursday 08:30 →
        // bo 23:40:08, before it: 0 s. Rated 1 → disappointed. b3 orders Thu 23:00, within 24 h of
        // the last message (Wed 23:40:08) → converted.
        .Ask("T3", "b3", "2026-05-06T16:30:00+08:00")
        .Answer("T3", "bo", "2026-05-06T16:30:05+08:00")
        .Ask("T3", "b3", "2026-05-06T23:29:50+08:00")
        .Answer("T3", "bo", "2026-05-06T23:30:30+08:00")
        .Ask("T3", "b3", "2026-05-06T23:40:00+08:00")
        .Answer("T3", "bo", "2026-05-06T23:40:08+08:00")
        .Rated("T3", "2026-05-06T23:50:00+08:00", stars: 1)
        .PlacedBy("o3", "b3", "2026-05-07T23:00:00+08:00")
        // T4 (Thu): the bot answers b4 at 12:00; b4 asks for a human at 12:01 → anna 12:01:30 (30 s);
        // bo writes at 12:05 with nobody waiting: a session for bo without a response. Not rated. b4
        // orders on Saturday, more than 24 h after 12:05 Thursday → not converted.
        .Ask("T4", "b4", "2026-05-07T12:00:00+08:00")
        .Bot("T4", "2026-05-07T12:00:02+08:00")
        .Ask("T4", "b4", "2026-05-07T12:01:00+08:00", human: true)
        .Answer("T4", "anna", "2026-05-07T12:01:30+08:00")
        .Answer("T4", "bo", "2026-05-07T12:05:00+08:00")
        .PlacedBy("o4", "b4", "2026-05-09T12:00:00+08:00")
        // T5: b5 Saturday 23:50, after the shift, in a new session → anna Sunday 08:30:15: 15 s.
        .Ask("T5", "b5", "2026-05-09T23:50:00+08:00")
        .Answer("T5", "anna", "2026-05-10T08:30:15+08:00")
        // T6: the week before (Sunday 3 May): not counted.
        .Ask("T6", "b6", "2026-05-03T20:00:00+08:00")
        .Answer("T6", "bo", "2026-05-03T20:01:40+08:00");

    [Fact]
    public void Each_agent_gets_sessions_response_times_on_the_shift_clock_satisfaction_and_conversion()
    {
        var result = PackEvaluation.Evaluate("tmall", Week().Events, AsOf, explain: true);

        Assert.Equal(["anna", "bo"], result.Agents.Select(a => a.Agent));
        var anna = result.Agents[0];
        var bo = result.Agents[1];

        // anna: sessions T1, T2, T4, T5 = 4. First responses 10, 20, 30, 15 → 75 / 4 = 18.75 s > 15: breach.
        // All responses 10, 25, 20, 30, 15 → 100 / 5 = 20 s: breach. Rated T1 (satisfied), T2 → 1/2.
        // Converted T1 → 1/4.
        Assert.Equal(4, anna.Sessions);
        Assert.Equal(18.75, anna.FirstResponseSeconds!.Value, 9);
        Assert.Equal(MetricStatus.Breach, anna.FirstResponseStatus);
        Assert.Equal(5, anna.Responses);
        Assert.Equal(20.0, anna.AvgResponseSeconds!.Value, 9);
        Assert.Equal(MetricStatus.Breach, anna.AvgResponseStatus);
        Assert.Equal((1, 2), (anna.Satisfied, anna.Rated));
        Assert.Equal(0.5, anna.Satisfaction);
        Assert.Equal(1, anna.Converted);
        Assert.Equal(0.25, anna.Conversion);

        // bo: sessions T3, T4 = 2. First response: T3 5 s (T4 has none) → 5 s ≤ 15: good.
        // All responses 5, 40, 0 → 45 / 3 = 15 s ≤ 15: good. Rated T3 (disappointed) → 0/1. Converted T3 → 1/2.
        Assert.Equal(2, bo.Sessions);
        Assert.Equal(1, bo.FirstResponses);
        Assert.Equal(5.0, bo.FirstResponseSeconds!.Value, 9);
        Assert.Equal(MetricStatus.Good, bo.FirstResponseStatus);
        Assert.Equal(15.0, bo.AvgResponseSeconds!.Value, 9);
        Assert.Equal(MetricStatus.Good, bo.AvgResponseStatus);
        Assert.Equal((0, 1), (bo.Satisfied, bo.Rated));
        Assert.Equal(0.5, bo.Conversion);

        Assert.Equal(EventScript.At("2026-05-04T00:00:00+08:00"), anna.Window.Start);
        Assert.Equal(EventScript.At("2026-05-11T00:00:00+08:00"), anna.Window.End);
        Assert.Contains(anna.Items, i => i.StartsWith("T2 ", StringComparison.Ordinal) && i.Contains("responses 20 s", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sellers_week_counts_human_sessions_and_their_satisfaction()
    {
        var result = PackEvaluation.Evaluate("tmall", Week().Events, AsOf);

        // Human sessions with a first buyer message in the week: T1–T5 = 5. Rated: T1 satisfied, T2, T3 → 1/3.
        Assert.Equal(5, result.Metric("human_sessions")!.Value);
        Assert.Equal((1, 3), (result.Metric("satisfaction_rate")!.Numerator, result.Metric("satisfaction_rate")!.Denominator));
    }

    [Fact]
    public void A_wait_outside_the_shifts_with_no_open_session_counts_from_the_next_shift_and_one_inside_counts_in_full()
    {
        // W1: asked Monday 23:45 (after the shift, session not open before) → answered Tuesday 08:30:05: 5 s.
        // W2: asked Monday 15:59:50 (day shift) → answered 16:00:20: 30 s in full across the hand-over.
        var s = new EventScript("shop")
            .Ask("W1", "b1", "2026-05-04T23:45:00+08:00").Answer("W1", "cai", "2026-05-05T08:30:05+08:00")
            .Ask("W2", "b2", "2026-05-04T15:59:50+08:00").Answer("W2", "cai", "2026-05-04T16:00:20+08:00");

        var cai = Assert.Single(PackEvaluation.Evaluate("tmall", s.Events, AsOf).Agents);

        // (5 + 30) / 2 = 17.5 s.
        Assert.Equal(17.5, cai.AvgResponseSeconds!.Value, 9);
        Assert.Equal(0, cai.Converted);
        Assert.Null(cai.Satisfaction);
    }

    [Fact]
    public void The_extension_runs_only_while_a_wait_from_the_shift_is_open_and_never_reaches_across_the_night()
    {
        // Worked by hand from docs/standards/tmall.md ("work extends automatically while a customer is still consulting"),
        // Monday 4 May, shifts 08:30–23:30.
        // N1: b1 23:00:00 → cai 23:00:05 (5 s). At 23:30 nobody in N1 waits. b1 comes back Tuesday
        //     07:00, outside every shift and its extension → counted from 08:30 → cai 08:30:10: 10 s.
        // N2: b2 23:29:00, inside the shift, still open at 23:30 → dan 23:31:00: 120 s in full; the
        //     extension runs until this answer, 23:31:00.
        // N3: b3 23:30:30, during that running extension (another session) → dan 23:30:50: 20 s in full.
        // N4: b4 23:31:30, after the extension ended → counted from Tuesday 08:30 → dan 08:30:04: 4 s.
        var s = new EventScript("shop")
            .Ask("N1", "b1", "2026-05-04T23:00:00+08:00").Answer("N1", "cai", "2026-05-04T23:00:05+08:00")
            .Ask("N1", "b1", "2026-05-05T07:00:00+08:00").Answer("N1", "cai", "2026-05-05T08:30:10+08:00")
            .Ask("N2", "b2", "2026-05-04T23:29:00+08:00").Answer("N2", "dan", "2026-05-04T23:31:00+08:00")
            .Ask("N3", "b3", "2026-05-04T23:30:30+08:00").Answer("N3", "dan", "2026-05-04T23:30:50+08:00")
            .Ask("N4", "b4", "2026-05-04T23:31:30+08:00").Answer("N4", "dan", "2026-05-05T08:30:04+08:00");

        var agents = PackEvaluation.Evaluate("tmall", s.Events, AsOf, explain: true).Agents;

        var cai = agents.Single(a => a.Agent == "cai");
        var dan = agents.Single(a => a.Agent == "dan");
        // cai: responses 5 and 10 → 7.5 s; first response (N1's first) 5 s.
        Assert.Equal(2, cai.Responses);
        Assert.Equal(7.5, cai.AvgResponseSeconds!.Value, 9);
        Assert.Equal(5.0, cai.FirstResponseSeconds!.Value, 9);
        Assert.Contains(cai.Items, i => i.StartsWith("N1 ", StringComparison.Ordinal) && i.Contains("responses 5 s, 10 s", StringComparison.Ordinal));
        // dan: 120, 20, 4 → 144 / 3 = 48 s, each the session's first response.
        Assert.Equal(3, dan.Responses);
        Assert.Equal(48.0, dan.AvgResponseSeconds!.Value, 9);
        Assert.Equal(48.0, dan.FirstResponseSeconds!.Value, 9);
    }

    [Fact]
    public void An_order_named_by_a_message_converts_the_session_even_from_another_buyer_account_but_not_an_earlier_order()
    {
        // L1: the buyer chats as "guest-1" and the closing agent message names order o7, which was
        // placed (by account b7) 10 minutes into the session → converted. L2's message names o8, placed
        // before the session began (a post-sale question) → not converted.
        var s = new EventScript("shop")
            .Ask("L1", "guest-1", "2026-05-05T10:00:00+08:00")
            .PlacedBy("o7", "b7", "2026-05-05T10:10:00+08:00")
            .Add(Standing.Core.Events.EventType.ChatMessage, "2026-05-05T10:11:00+08:00", e => e with { Conversation = "L1", From = "agent", Agent = "dai", Order = "o7" })
            .PlacedBy("o8", "b8", "2026-05-05T09:00:00+08:00")
            .Add(Standing.Core.Events.EventType.ChatMessage, "2026-05-05T12:00:00+08:00", e => e with { Conversation = "L2", From = "buyer", Buyer = "b8", Order = "o8" })
            .Answer("L2", "dai", "2026-05-05T12:00:10+08:00");

        var dai = Assert.Single(PackEvaluation.Evaluate("tmall", s.Events, AsOf).Agents);

        // 1 converted of 2 sessions.
        Assert.Equal((1, 2), (dai.Converted, dai.Sessions));
    }
}
