using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Pinduoduo's enforcement (STANDARDS.md §6; seed 003) driven through the documented commands on
/// pinduoduo-enforcement-letter.ndjson: <c>standing ingest</c>, <c>standing run --from --to</c> (Asia/Shanghai
/// midnights), <c>standing cases list/show --format json</c> and <c>standing cases decide</c>. Worked out by hand.
/// </summary>
/// <remarks>
/// The text names the reply rate as the key assessed metric and forbids third-party information ("支付宝账号" among
/// it); it gives no number and no sanction, so the 90% per day within 3 minutes, the reply-rate case and the conduct
/// review by a person within 3 days are the pack's Defaults (docs/enforcement.md). Shop p-a:
/// <list type="bullet">
/// <item>04-10: 10 consultations, 5 answered within 3 minutes → 50% &lt; 90% → a reply-rate case by the run of 04-11.</item>
/// <item>04-11: nobody asks → too little data: not a breach, and not the rate back either → the case stays open.</item>
/// <item>04-12: 10 consultations answered in a minute → 100% → cleared by the run of 04-13. Agent a2 gives an Alipay
/// account that day → a conduct case for the operator, due 3 days after the run of 04-13 (04-16); confirmed by a person.</item>
/// </list>
/// </remarks>
public sealed class PinduoduoEnforcementLetterAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    private static DateTimeOffset Shanghai(string local) => DateTimeOffset.Parse(local + "+08:00", CultureInfo.InvariantCulture);

    [Fact]
    public void A_day_without_consultations_does_not_clear_the_reply_rate_case_and_a_person_confirms_conduct()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("pinduoduo-enforcement-letter.ndjson"), "--db", db);
        Ok("run", "--db", db, "--from", "2026-04-11", "--to", "2026-04-12", "--policy", "pinduoduo");
        var reply = Assert.Single(Cases(db));
        Assert.Equal(("reply_rate_breach", "open"), (reply.GetProperty("kind").GetString(), reply.GetProperty("state").GetString()));
        Assert.Equal(Shanghai("2026-04-11T00:00:00"), Instant(reply, "opened_at"));

        Ok("run", "--db", db, "--from", "2026-04-13", "--to", "2026-04-13", "--policy", "pinduoduo");
        var cases = Cases(db).ToDictionary(c => c.GetProperty("kind").GetString()!, c => c);
        Assert.Equal("cleared", cases["reply_rate_breach"].GetProperty("state").GetString());
        Assert.Equal(Shanghai("2026-04-13T00:00:00"), Instant(cases["reply_rate_breach"], "closed_at"));

        var conduct = cases["conduct_violation"];
        Assert.Equal("awaiting_decision", conduct.GetProperty("state").GetString());
        Assert.Equal(Shanghai("2026-04-16T00:00:00"), Instant(conduct, "due_at"));
        Assert.Equal(new[] { "confirm", "dismiss" }, conduct.GetProperty("allowed_decisions").EnumerateArray().Select(d => d.GetString()));
        var id = conduct.GetProperty("id").GetString()!;
        Ok("cases", "decide", id, "--db", db, "--decision", "confirm", "--by", "lan", "--note", "off-platform payment", "--at", "2026-04-13T10:00:00+08:00");
        var decided = Cases(db).Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal("confirmed", decided.GetProperty("state").GetString());
    }

    private static List<JsonElement> Cases(string db) =>
        JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "pinduoduo", "--format", "json").Stdout).RootElement.EnumerateArray().ToList();

    public void Dispose() => _dir.Dispose();
}
