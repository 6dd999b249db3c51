using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Douyin at the edges of its half months (STANDARDS.md §5), through the documented commands, worked by hand. Scenario
/// douyin-edges.ndjson (Asia/Shanghai): d-feb in the second half of February, d-msg's buyer messages in April.
/// </summary>
public sealed class DouyinEdgesAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // §5 "the 1st judges the 16th–end of the previous month": as of 2026-03-01 the half month is
    // [2026-02-16T00:00+08:00, 2026-03-01T00:00+08:00). Sessions by transfer: "first" at its first instant (in),
    // "lastday" 02-28 23:57 (in), "prevhalf" 02-15 23:59:59 and "nexthalf" 03-01 00:00 (out), s0–s6 (in): 9, all
    // answered within 1–2 min. "cross" transferred 02-28 23:59, answered 03-01 00:00:30 — after the as-of: 1 min old,
    // pending. 9 counted < 10 (Default minimum) → too few, never a failure. Ratings by rating date: s0–s6 and r7
    // "satisfied", r8 "neutral", r9 "disappointed", "first" 3 stars at 02-28 23:59:59 (in), "lastday" 1 star at 03-01
    // 00:00 (out): 8/11 = 72.7% < 80% → the half month fails → activity restriction.
    [Fact]
    public void On_the_1st_the_second_half_of_february_is_judged_with_a_session_of_its_last_minute_pending()
    {
        var run = AcceptanceRun.Evaluate("douyin-edges.ndjson", "douyin", "2026-03-01");
        run.AssertRate("d-feb", "first_reply_2min_rate", 9, 9, 1, "insufficient_data");
        Assert.Equal(1, run.Metric("d-feb", "first_reply_2min_rate").GetProperty("pending").GetInt64());
        Assert.Equal("2026-02-16T00:00:00+08:00", run.Metric("d-feb", "first_reply_2min_rate").GetProperty("window").GetProperty("start").GetString());
        Assert.Equal("2026-03-01T00:00:00+08:00", run.Metric("d-feb", "first_reply_2min_rate").GetProperty("window").GetProperty("end").GetString());
        run.AssertRate("d-feb", "satisfaction_rate", 8, 11, 8.0 / 11, "breach");
        Assert.True(run.Triggered("d-feb", "activity_restriction"));

        // As of 03-10 the same half month is shown; "cross"'s answer, 30 s after its transfer, is now known: 10/10.
        var later = AcceptanceRun.Evaluate("douyin-edges.ndjson", "douyin", "2026-03-10");
        later.AssertRate("d-feb", "first_reply_2min_rate", 10, 10, 1, "good");
    }

    // §5 3-minute rate, "Reading: share of buyer messages in human sessions answered within 3 min". d-msg, as of
    // 2026-04-16 (the 1st–15th): s0–s8 transfer and answer after 30 s → 9 sessions, 9 messages within. Session x: a
    // message at 09:59 before the transfer (not for a human: left out); transfer 10:00 and 10:01, agent 10:03:30 →
    // 10:00 waited 3.5 min (late; and x's first human reply came 3.5 min after the transfer: late for 2 minutes),
    // 10:01 waited 2.5 min (within); 10:05, a bot answered 10:05:10, the agent only 10:09 → late (a bot is not an agent).
    // First reply 9/10 = 90% ≥ 85% → good; messages 10/12 = 83.3% ≥ 80% → good.
    [Fact]
    public void Each_buyer_message_after_the_transfer_waits_for_an_agent_not_a_bot()
    {
        var run = AcceptanceRun.Evaluate("douyin-edges.ndjson", "douyin", "2026-04-16");
        run.AssertRate("d-msg", "first_reply_2min_rate", 9, 10, 0.9, "good");
        run.AssertRate("d-msg", "avg_reply_3min_rate", 10, 12, 10.0 / 12, "good");
    }

    // §5 "Failing → the shop is restricted from platform activities". douyin-run-edges.ndjson, d-run: 04-05, 10 sessions,
    // 2 answered after 5 min → 8/10 = 80% < 85% → the assessment of 04-16 (judging 04-01 to 04-15) restricts. The notice
    // names that half month by its days in the shop's time zone, not by UTC instants (2026-03-31T16:00:00Z/… would read
    // as a half month starting on 31 March).
    [Fact]
    public void The_restriction_notice_names_the_half_month_by_its_local_days()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("douyin-run-edges.ndjson"), "--db", db);
        Ok("run", "--db", db, "--from", "2026-04-15", "--to", "2026-04-16", "--policy", "douyin");
        var shown = Show(db, "douyin.activity_restriction.d-run.20260416");
        Assert.Equal("restricted", shown.GetProperty("state").GetString());
        var notice = Assert.Single(shown.GetProperty("notices").EnumerateArray());
        Assert.Equal("Your customer service failed the half-month assessment of 2026-04-01 – 2026-04-15.",
            notice.GetProperty("lines")[0].GetString());
    }

    public void Dispose() => _dir.Dispose();
}
