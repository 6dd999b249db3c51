using System.Globalization;
using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Kuaishou's service-attitude penalties (STANDARDS.md §4; seed 003, the Chinese article "快手客服服务态度达标标准") driven
/// through the documented commands on kuaishou-attitude-letter.ndjson: <c>standing ingest</c>, <c>standing run --from
/// --to</c> (Asia/Shanghai midnights), <c>standing cases list --format json</c> and <c>standing cases decide</c> with a
/// fine. Every expected tier and amount is worked out by hand from the text, not read off a run.
/// </summary>
/// <remarks>
/// The rules, from the text: "客服服务态度差比例不得高于6%" — "一般" or "失望" ratings given for poor service attitude /
/// all "一般" and "失望" ratings, "以一个自然月为考核周期"; "(1)情节轻微的，处警告、强制学习、强制考试；(2)情节严重的，处警告、
/// 强制考试、支付违约金100-300元；(3)情节特别严重的，处警告、强制考试、支付违约金500-1000元". The severity bands are the pack's
/// Default (minor ≤ 9%, serious ≤ 12%, very serious above). Each shop has 100 neutral or disappointed ratings in April
/// 2026; the bad-attitude ones: k-six 6 (6%, not above 6%: no penalty), k-min 7 (7%: minor), k-ser 10 (10%: serious,
/// 100–300 CNY), k-vs 13 (13%: very serious, 500–1000 CNY). April is judged once, by the run of 05-01.
/// </remarks>
public sealed class KuaishouAttitudeLetterAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Fact]
    public void The_months_attitude_rate_opens_one_penalty_of_its_tier_and_the_fine_stays_in_the_tiers_range()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("kuaishou-attitude-letter.ndjson"), "--db", db);
        Ok("run", "--db", db, "--from", "2026-05-01", "--to", "2026-05-03", "--policy", "kuaishou");

        var cases = Cases(db);
        Assert.Equal(new[] { "k-min", "k-ser", "k-vs" }, cases.Keys.Order(StringComparer.Ordinal));
        var opened = DateTimeOffset.Parse("2026-05-01T00:00:00+08:00", CultureInfo.InvariantCulture);
        Assert.All(cases.Values, c => Assert.Equal(opened, DateTimeOffset.Parse(c.GetProperty("opened_at").GetString()!, CultureInfo.InvariantCulture)));
        Assert.Equal(("attitude_minor", "recorded"), Kind(cases["k-min"]));
        Assert.Equal(new[] { "confirm", "dismiss" }, Allowed(cases["k-min"]));
        Assert.Equal(("attitude_serious", "awaiting_fine"), Kind(cases["k-ser"]));
        Assert.Equal(new[] { "fine:100..300", "dismiss" }, Allowed(cases["k-ser"]));
        Assert.Equal(("attitude_very_serious", "awaiting_fine"), Kind(cases["k-vs"]));
        Assert.Equal(new[] { "fine:500..1000", "dismiss" }, Allowed(cases["k-vs"]));

        // 350 CNY is outside the serious tier's 100–300: refused; 200 is inside: fined, and the shop is told.
        var id = cases["k-ser"].GetProperty("id").GetString()!;
        var refused = StandingProcess.Run("cases", "decide", id, "--db", db, "--decision", "fine:350", "--by", "wei", "--note", "repeated", "--at", "2026-05-03T10:00:00+08:00");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("outside the range 100–300", refused.Stderr, StringComparison.Ordinal);
        Ok("cases", "decide", id, "--db", db, "--decision", "fine:200", "--by", "wei", "--note", "repeated", "--at", "2026-05-03T10:00:00+08:00");
        var fined = Cases(db)["k-ser"];
        Assert.Equal(("attitude_serious", "fined"), Kind(fined));
        Assert.Equal("200", fined.GetProperty("data").GetProperty("fine").ToString());
        var notices = JsonDocument.Parse(Ok("cases", "show", id, "--db", db, "--format", "json").Stdout).RootElement.GetProperty("notices")
            .EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToList();
        Assert.Equal(new[] { "attitude_penalty", "fine" }, notices);
    }

    private static Dictionary<string, JsonElement> Cases(string db) =>
        JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "kuaishou", "--format", "json").Stdout).RootElement
            .EnumerateArray().ToDictionary(c => c.GetProperty("seller").GetString()!, c => c);

    private static (string?, string?) Kind(JsonElement c) => (c.GetProperty("kind").GetString(), c.GetProperty("state").GetString());

    private static string[] Allowed(JsonElement c) => c.GetProperty("allowed_decisions").EnumerateArray().Select(d => d.GetString()!).ToArray();

    private static StandingProcess.Result Ok(params string[] args)
    {
        var r = StandingProcess.Run(args);
        Assert.True(r.ExitCode == 0, $"standing {string.Join(' ', args)}: exit {r.ExitCode}: {r.Stderr}");
        return r;
    }

    public void Dispose() => _dir.Dispose();
}
