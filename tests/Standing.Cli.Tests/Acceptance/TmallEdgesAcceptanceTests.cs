using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Tmall's agent scorecard at the edges of its shifts and week (STANDARDS.md §7), through <c>standing evaluate --format
/// json</c>, worked by hand. Scenario tmall-edges.ndjson, seller t-shift, agent a1, as of 2026-06-08 (a Monday,
/// Asia/Shanghai): the week judged is Monday 2026-06-01 to Sunday 2026-06-07.
/// </summary>
public sealed class TmallEdgesAcceptanceTests
{
    // §7 "first response and average response within 15 seconds"; "Reading: response times count inside the agent's
    // shift, and its extension while a session is open" (shifts 08:30–16:00, 16:00–23:30):
    // c1 Monday 10:00:00 → 10:00:10 (10 s), 10:01:00 → 10:01:20 (20 s);
    // c2 Tuesday 23:29:50 → 23:30:20: the wait began inside the evening shift, which extends while the buyer waits → 30 s;
    // c3 Wednesday 23:40:00 (outside the shifts, nothing open) → Thursday 08:30:05: counted from the shift start → 5 s;
    // c4's first buyer message is Sunday 2026-05-31 23:59:59, the week before → not in this week.
    // First response = mean of first responses per session (10, 30, 5) = 15 s: "within 15 seconds" → good;
    // average = (10 + 20 + 30 + 5)/4 = 16.25 s > 15 → breach. Sessions 3; c1 rated 4 stars → satisfaction 1/1; c1's
    // buyer placed o1 an hour later → conversion 1/3.
    [Fact]
    public void Waits_at_the_shift_edges_are_counted_on_the_shift_clock_and_15_seconds_is_within()
    {
        var run = AcceptanceRun.Evaluate("tmall-edges.ndjson", "tmall", "2026-06-08");
        var agent = Assert.Single(run.Seller("t-shift").GetProperty("agents").EnumerateArray());
        Assert.Equal("a1", agent.GetProperty("agent").GetString());
        Assert.Equal(3, agent.GetProperty("sessions").GetInt32());
        Assert.Equal(15, agent.GetProperty("first_response_seconds").GetDouble(), 1e-9);
        Assert.Equal("good", agent.GetProperty("first_response_status").GetString());
        Assert.Equal(16.25, agent.GetProperty("avg_response_seconds").GetDouble(), 1e-9);
        Assert.Equal("breach", agent.GetProperty("avg_response_status").GetString());
        Assert.Equal(4, agent.GetProperty("responses").GetInt32());
        Assert.Equal(1, agent.GetProperty("satisfaction").GetDouble(), 1e-9);
        Assert.Equal(1.0 / 3, agent.GetProperty("conversion").GetDouble(), 1e-9);
        Assert.Equal(JsonValueKind.Object, agent.GetProperty("window").ValueKind);
    }
}
