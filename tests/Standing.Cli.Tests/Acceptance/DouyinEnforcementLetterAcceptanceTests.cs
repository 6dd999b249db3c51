using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Douyin's half-month assessment and its consequence (STANDARDS.md §5; seed 003, the Chinese original) driven through
/// the documented commands on douyin-enforcement-letter.ndjson: <c>standing ingest</c>, <c>standing run --from --to</c>
/// day by day (Asia/Shanghai midnights), <c>standing cases list/show --format json</c>. Every expected date and state is
/// worked out by hand from the text, not read off a run.
/// </summary>
/// <remarks>
/// The rules, from the text: "2分钟首次回复率需要大于等于85%", "3分钟平均回复率需要大于等于80%", "满意度需要大于等于80%"
/// (5 and 4 stars / rated sessions); "如果审核不达标的话，商家是会被限制参加平台活动的"; "考核周期为半个月，每个月的一号和十六号，
/// 是考核日，考核的数据是取的每个月十六号到最后一天，与一号到十五号之间的数据表现". Readings (docs/enforcement.md): the 16th
/// judges the 1st–15th, the 1st the 16th–end of the previous month; the restriction lasts until an assessment passes; a
/// half month with fewer than 10 sessions, messages or ratings (Default) is no pass. Each session: a buyer asks for a
/// human at 10:00 and agent a1 answers after 60 s (or 150 s: late for 2 minutes, within 3), rated 10 minutes later.
/// <list type="bullet">
/// <item>d-r: 04-10, 20 sessions, 10 answered after 150 s → first reply 10/20 = 50% &lt; 85% → restricted by the
/// assessment of 04-16. 04-20, 20 sessions answered in 60 s, rated 5 → every metric 100% → lifted on 05-01.</item>
/// <item>d-i: restricted on 04-16 as d-r; 04-20 only 5 sessions → too little data: no pass on 05-01, the restriction
/// continues; 05-05, 20 good sessions → lifted on 05-16.</item>
/// <item>d-ok: 04-10, 20 sessions, 3 answered after 150 s → 17/20 = 85% (the standard is "大于等于"), 16 of 20 rated 5
/// and 4 rated 3 → 80% → passes at exactly both marks: never restricted.</item>
/// </list>
/// </remarks>
public sealed class DouyinEnforcementLetterAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    private static DateTimeOffset Shanghai(string local) => DateTimeOffset.Parse(local + "+08:00", CultureInfo.InvariantCulture);

    [Fact]
    public void A_failed_half_month_restricts_until_an_assessment_passes_and_too_little_data_is_no_pass()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("douyin-enforcement-letter.ndjson"), "--db", db);
        Ok("run", "--db", db, "--from", "2026-04-16", "--to", "2026-05-16", "--policy", "douyin");

        var cases = JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "douyin", "--format", "json").Stdout).RootElement
            .EnumerateArray().ToDictionary(c => c.GetProperty("seller").GetString()!, c => c);
        Assert.Equal(new[] { "d-i", "d-r" }, cases.Keys.Order(StringComparer.Ordinal));

        var r = cases["d-r"];
        Assert.Equal(("activity_restriction", "lifted"), (r.GetProperty("kind").GetString(), r.GetProperty("state").GetString()));
        Assert.Equal(Shanghai("2026-04-16T00:00:00"), Instant(r, "opened_at"));
        Assert.Equal(Shanghai("2026-05-01T00:00:00"), Instant(r, "closed_at"));
        var notices = Show(db, r.GetProperty("id").GetString()!).GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(new[] { ("activity_restriction", "Restricted from platform activities"), ("restriction_lifted", "Restriction lifted") },
            notices.Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("title").GetString()!)));

        var i = cases["d-i"];
        Assert.Equal("lifted", i.GetProperty("state").GetString());
        Assert.Equal(Shanghai("2026-04-16T00:00:00"), Instant(i, "opened_at"));
        Assert.Equal(Shanghai("2026-05-16T00:00:00"), Instant(i, "closed_at"));
        var audit = Show(db, i.GetProperty("id").GetString()!).GetProperty("audit").EnumerateArray().ToList();
        // Opened 04-16; 05-01 too little data (the restriction continues); 05-16 passed.
        Assert.Equal(3, audit.Count);
        Assert.Contains("too little data", audit[1].GetProperty("reason").GetString()!, StringComparison.Ordinal);
        Assert.Equal(Shanghai("2026-05-01T00:00:00"), DateTimeOffset.Parse(audit[1].GetProperty("at").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("restricted", audit[1].GetProperty("to").GetString());
        Assert.Contains("passed", audit[2].GetProperty("reason").GetString()!, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
