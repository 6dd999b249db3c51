using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Tmall agent scorecard (docs/standards/tmall.md) through <c>standing evaluate --format json</c>, worked by hand.
/// Scenario tmall.ndjson (Asia/Shanghai), as of Monday 2026-04-06T00:00+08:00: the week judged is
/// Mon 03-30 to Sun 04-05. Shifts: day 08:30–16:00, evening 16:00–23:30.
/// </summary>
public sealed class TmallAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("tmall.ndjson", "tmall", "2026-04-06T00:00:00+08:00"));

    private static JsonElement Agent(string id) =>
        Run.Value.Seller("tm").GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("agent").GetString() == id);

    // a1 (day shift): t1 answered after 10 s, then a second wait of 20 s; t2 after 5 s, rated 5 stars, and its
    // buyer orders an hour later (converted); t3's buyer writes at 08:00, before the shift, answered 08:30:12
    // → 12 s counted from the shift start ("response times count inside the agent's shift").
    // First response (10 + 5 + 12)/3 = 9 s; average (10 + 20 + 5 + 12)/4 = 11.75 s; both ≤ 15 s.
    // Satisfaction 1/1; conversion 1/3.
    [Fact]
    public void Day_agent_response_times_count_from_the_shift_start()
    {
        var a1 = Agent("a1");
        Assert.Equal(3, a1.GetProperty("sessions").GetInt32());
        Assert.Equal(9, a1.GetProperty("first_response_seconds").GetDouble(), 1e-9);
        Assert.Equal(11.75, a1.GetProperty("avg_response_seconds").GetDouble(), 1e-9);
        Assert.Equal(1, a1.GetProperty("satisfaction").GetDouble(), 1e-9);
        Assert.Equal(1.0 / 3, a1.GetProperty("conversion").GetDouble(), 1e-9);
    }

    // a2 (evening): t4's buyer writes 23:29:50, inside the shift, answered 23:30:20 → 30 s in full (the shift
    // extends while the buyer is consulting); t5's buyer writes 23:45, after the shift with no open session,
    // answered 08:30:08 the next day → 8 s from the shift start. First = average = (30 + 8)/2 = 19 s > 15 s.
    // t6 (Monday 04-06) is next week.
    [Fact]
    public void Evening_agent_is_judged_on_the_extended_shift()
    {
        var a2 = Agent("a2");
        Assert.Equal(2, a2.GetProperty("sessions").GetInt32());
        Assert.Equal(19, a2.GetProperty("first_response_seconds").GetDouble(), 1e-9);
        Assert.Equal(19, a2.GetProperty("avg_response_seconds").GetDouble(), 1e-9);
        Assert.Equal(0, a2.GetProperty("satisfaction").GetDouble(), 1e-9);
        Assert.Equal("breach", a2.GetProperty("first_response_status").GetString());
    }
}
