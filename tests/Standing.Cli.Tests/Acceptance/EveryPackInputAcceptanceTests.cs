using System.Text.Json;
using System.Text.Json.Nodes;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// STANDARDS.md "What every pack must also handle" and EVENTS.md's envelope, for every built-in pack through <c>standing
/// evaluate --format json</c>: events arriving out of order, sent twice, carrying fields the format does not know, and
/// the same ids again in another marketplace change nothing; a different body under a known id is a conflict.
/// </summary>
public sealed class EveryPackInputAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Each pack's hand-worked scenario at an as-of its acceptance tests use.
    public static TheoryData<string, string, string> Packs => new()
    {
        { "congocrea-edges.ndjson", "congocrea", "2026-06-01" },
        { "promua.ndjson", "promua", "2026-04-01T00:00:00+03:00" },
        { "econfiance.ndjson", "econfiance", "2026-04-01T00:00:00+02:00" },
        { "kuaishou.ndjson", "kuaishou", "2026-04-10T15:30:00+08:00" },
        { "douyin.ndjson", "douyin", "2026-04-16T00:00:00+08:00" },
        { "pinduoduo.ndjson", "pinduoduo", "2026-04-11T00:00:00+08:00" },
        { "tmall.ndjson", "tmall", "2026-04-06T00:00:00+08:00" },
        { "mall.ndjson", "mall", "2026-04-10T00:00:00+02:00" },
    };

    // EVENTS.md: "id — unique per marketplace; the same id with the same body again is a no-op"; "marketplace — tenant
    // id"; "The project ... may add optional fields" (so a reader meets fields it does not know); DESIGN: same input →
    // same output regardless of event order. The file is rewritten last line first, every event twice with two unknown
    // fields, and every event once more in marketplace "other" under the same id. The default marketplace's result must
    // be byte for byte the original's, and "--marketplace other" must see the same sellers with the same results: the
    // same id in another marketplace is another event, not a conflict.
    [Theory]
    [MemberData(nameof(Packs))]
    public void Order_duplicates_unknown_fields_and_another_marketplace_change_nothing(string scenario, string pack, string asOf)
    {
        var original = AcceptanceRun.Scenario(scenario);
        var lines = File.ReadAllLines(original).Where(l => l.Length > 0).ToArray();
        var shuffled = new List<string>();
        foreach (var line in lines.Reverse())
        {
            var withUnknown = JsonNode.Parse(line)!.AsObject();
            withUnknown["x_partner_note"] = new JsonObject { ["free"] = "text" };
            withUnknown["channel"] = "app";
            shuffled.Add(withUnknown.ToJsonString());
            shuffled.Add(withUnknown.ToJsonString());
            var elsewhere = JsonNode.Parse(line)!.AsObject();
            elsewhere["marketplace"] = "other";
            shuffled.Add(elsewhere.ToJsonString());
        }
        var variant = _dir.File("variant.ndjson", string.Join('\n', shuffled) + "\n");

        var expected = Evaluate(original, pack, asOf);
        var defaultRun = Evaluate(variant, pack, asOf);
        var otherRun = Evaluate(variant, pack, asOf, "--marketplace", "other");

        Assert.Equal(0, defaultRun.ExitCode);
        Assert.Equal(expected.Stdout, defaultRun.Stdout);
        // Each event once: the duplicates are not counted, the other marketplace's events are all there.
        Assert.Contains($"marketplace default evaluated ({lines.Length} events); left out: other ({lines.Length} events)", defaultRun.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, otherRun.ExitCode);
        Assert.Equal(expected.Stdout, otherRun.Stdout);
        Assert.Contains($"marketplace other evaluated ({lines.Length} events)", otherRun.Stderr, StringComparison.Ordinal);
    }

    // EVENTS.md "with a different body a conflict (rejected, reported)": congocrea-edges.ndjson again, then ce-4 (o1's
    // 2-star review) with 5 stars. The later line is rejected at its line, exit 2, and the first body stays: ODR is
    // still 3/6 as worked by hand in CongocreaEdgesAcceptanceTests.
    [Fact]
    public void A_known_id_with_another_body_is_rejected_and_the_first_one_stays()
    {
        var lines = File.ReadAllLines(AcceptanceRun.Scenario("congocrea-edges.ndjson")).Where(l => l.Length > 0).ToList();
        lines.Add("""{"id":"ce-4","type":"review.posted","at":"2026-03-10T10:00:00Z","seller":"c-edge","review":"r1","order":"o1","stars":5}""");
        var path = _dir.File("conflict.ndjson", string.Join('\n', lines) + "\n");

        var run = Evaluate(path, "congocrea", "2026-06-01");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}:{lines.Count}: conflict: event id \"ce-4\" was already read at {path}:4", run.Stderr, StringComparison.Ordinal);
        var odr = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sellers")[0].GetProperty("metrics")[0];
        Assert.Equal(3, odr.GetProperty("numerator").GetInt64());
        Assert.Equal(6, odr.GetProperty("denominator").GetInt64());
    }

    private static StandingProcess.Result Evaluate(string events, string pack, string asOf, params string[] more) =>
        StandingProcess.Run(["evaluate", "--events", events, "--policy", pack, "--as-of", asOf, "--format", "json", .. more]);
}
