using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Pinduoduo's daily reply rate at the edges of its day and its 3 minutes (STANDARDS.md §6: "Default reply rate ≥ 90%
/// per day, 3-minute window"), through the documented commands, worked by hand. Scenario pinduoduo-edges.ndjson
/// (Asia/Shanghai); the day judged as of 2026-05-02 is [2026-05-01T00:00+08:00, 2026-05-02T00:00+08:00).
/// </summary>
public sealed class PinduoduoEdgesAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // p-day: c0–c8 answered after 2:59 and c9 after exactly 3:00 ("within 3 minutes": on time) → 10 answered; c0's
    // second message at 15:00 is the same buyer's same day (one consultation); c11 at 04-30 23:59:59 belongs to the day
    // before; c12 at 05-01 00:00:00, the day's first instant, never answered → late; c13 answered after 3:01 → late;
    // c10 at 23:58, answered 00:00:30 the next day: as of midnight its 3 minutes have not passed → pending.
    // 10/12 = 83.3% < 90% → breach. As of 00:05 the answer is known and within 2.5 min: 11/13 = 84.6%, still a breach.
    [Fact]
    public void Three_minutes_exactly_is_in_time_and_the_days_last_consultation_waits_at_midnight()
    {
        var run = AcceptanceRun.Evaluate("pinduoduo-edges.ndjson", "pinduoduo", "2026-05-02");
        run.AssertRate("p-day", "reply_rate", 10, 12, 10.0 / 12, "breach");
        Assert.Equal(1, run.Metric("p-day", "reply_rate").GetProperty("pending").GetInt64());
        Assert.True(run.Triggered("p-day", "reply_rate_breach"));

        var later = AcceptanceRun.Evaluate("pinduoduo-edges.ndjson", "pinduoduo", "2026-05-02T00:05:00+08:00");
        later.AssertRate("p-day", "reply_rate", 11, 13, 11.0 / 13, "breach");
    }

    // p-buyer (docs/standards/pinduoduo.md: "a consultation is a buyer's first message on a local day, answered when an
    // agent or a bot replied within 3 minutes"): c0–c7 answered by the agent in 1 min, cb by a bot in 2 min → 9; b-same
    // opens d1 at 11:00 (answered) and d2 at 15:00 (unanswered): one consultation, answered; b-late at 16:00 never
    // answered → late. 10/11 = 90.9% ≥ 90% → good.
    [Fact]
    public void A_buyer_counts_once_a_day_whatever_the_conversation()
    {
        var run = AcceptanceRun.Evaluate("pinduoduo-edges.ndjson", "pinduoduo", "2026-05-02");
        run.AssertRate("p-buyer", "reply_rate", 10, 11, 10.0 / 11, "good");
        Assert.False(run.Triggered("p-buyer", "reply_rate_breach"));
    }

    // §6 conduct: c14's agent message "加我微信 abc12345 私下交易" (add my WeChat, deal off the platform) is other
    // advertising → conduct_violation, one case per message for a person, within the Default 3 days. Flagged by the run
    // of 2026-05-02 (00:00+08:00), it is due 3 days later, 2026-05-05T00:00+08:00: the operator's notice says "before
    // 2026-05-05" (as its Chinese text, "在 … 前"), not "by", which would leave all of 5 May.
    [Fact]
    public void A_flagged_message_is_due_for_a_decision_before_the_third_day_after_the_run()
    {
        var run = AcceptanceRun.Evaluate("pinduoduo-edges.ndjson", "pinduoduo", "2026-05-02");
        Assert.Equal(1, run.Metric("p-day", "conduct_advertising").GetProperty("value").GetDouble());
        Assert.True(run.Triggered("p-day", "conduct_violation"));

        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("pinduoduo-edges.ndjson"), "--db", db);
        Ok("run", "--db", db, "--as-of", "2026-05-02", "--policy", "pinduoduo");
        var conduct = JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "pinduoduo", "--kind", "conduct_violation", "--format", "json").Stdout)
            .RootElement.EnumerateArray().Single(c => c.GetProperty("seller").GetString() == "p-day");
        Assert.Equal(DateTimeOffset.Parse("2026-05-05T00:00:00+08:00", CultureInfo.InvariantCulture), Instant(conduct, "due_at"));
        var notice = Assert.Single(Show(db, conduct.GetProperty("id").GetString()!).GetProperty("notices").EnumerateArray());
        Assert.Contains(notice.GetProperty("lines").EnumerateArray(),
            l => l.GetString()!.StartsWith("Confirm or dismiss before 2026-05-05:", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
