using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing run</c> over a store whose sellers registered a language: the notices the built-in packs
/// write reach the sink in it, the language having gone through the store's facts. Worked by hand from
/// the standards:
/// <list type="bullet">
/// <item>MALL partner <c>p-pl</c> (pl-PL): ten orders placed Monday 2026-05-04 from 08:00 (+02:00), set to
/// shipping by the partner half an hour later, T8 and T9 shipped without tracking: tracking 8/10 = 80%
/// under the 95% limit over the 30 days to 2026-06-01, and May's monthly report.</item>
/// <item>Pinduoduo shop <c>pd-zh</c> (zh-CN): ten buyers consult on 2026-05-10 (+08:00), eight answered
/// within a minute, two after five: 8/10 = 80% under the 90% standard.</item>
/// <item>Tmall shop <c>tm-zh</c> (zh): one session on Tuesday 2026-05-05 at 10:00 (+08:00), inside the day
/// shift, answered by anna after 30 s: first and average response 30 s, over the 15 s target, in the week
/// 2026-05-04 to 2026-05-10.</item>
/// </list>
/// </summary>
public sealed class RunInTheSellersLanguageTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Events()
    {
        var lines = new List<string>
        {
            """{"id":"reg-pl","type":"seller.registered","at":"2026-04-01T09:00:00+02:00","seller":"p-pl","language":"pl-PL"}""",
            """{"id":"reg-pd","type":"seller.registered","at":"2026-04-01T09:00:00+08:00","seller":"pd-zh","language":"zh-CN"}""",
            """{"id":"reg-tm","type":"seller.registered","at":"2026-04-01T09:00:00+08:00","seller":"tm-zh","language":"zh"}""",
            """{"id":"tm-1","type":"chat.message","at":"2026-05-05T10:00:00+08:00","seller":"tm-zh","conversation":"T1","from":"buyer","buyer":"b1"}""",
            """{"id":"tm-2","type":"chat.message","at":"2026-05-05T10:00:30+08:00","seller":"tm-zh","conversation":"T1","from":"agent","agent":"anna"}""",
        };
        for (var i = 0; i < 10; i++)
        {
            var placed = $"2026-05-04T{8 + i:00}:00:00+02:00";
            var shipped = $"2026-05-04T{8 + i:00}:30:00+02:00";
            lines.Add($$"""{"id":"pl-p{{i}}","type":"order.placed","at":"{{placed}}","seller":"p-pl","order":"T{{i}}"}""");
            lines.Add($$"""{"id":"pl-s{{i}}","type":"order.status","at":"{{shipped}}","seller":"p-pl","order":"T{{i}}","status":"shipping","by":"seller"}""");
            lines.Add(i < 8
                ? $$"""{"id":"pl-t{{i}}","type":"shipment.shipped","at":"{{shipped}}","seller":"p-pl","order":"T{{i}}","tracking":"TRK{{i}}","tracking_url":"https://track.example/TRK{{i}}"}"""
                : $$"""{"id":"pl-t{{i}}","type":"shipment.shipped","at":"{{shipped}}","seller":"p-pl","order":"T{{i}}"}""");
            lines.Add($$"""{"id":"pd-q{{i}}","type":"chat.message","at":"2026-05-10T10:{{i:00}}:00+08:00","seller":"pd-zh","conversation":"c{{i}}","from":"buyer","buyer":"b{{i}}"}""");
            lines.Add($$"""{"id":"pd-a{{i}}","type":"chat.message","at":"2026-05-10T10:{{i + (i < 8 ? 1 : 5):00}}:00+08:00","seller":"pd-zh","conversation":"c{{i}}","from":"agent","agent":"a1"}""");
        }
        return _dir.File("events.ndjson", string.Join("\n", lines) + "\n");
    }

    private static JsonElement Notice(string folder, string seller, string kind) =>
        Assert.Single(Directory.GetFiles(folder, "*.json")
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement),
            n => n.GetProperty("seller").GetString() == seller && n.GetProperty("kind").GetString() == kind);

    private static List<string?> Lines(JsonElement notice) => notice.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();

    [Fact]
    public void Mall_pinduoduo_and_tmall_notices_are_written_in_each_sellers_language()
    {
        var db = Path.Combine(_dir.Path, "s.db");
        var outbox = Path.Combine(_dir.Path, "outbox");
        Assert.Equal(0, StandingProcess.Run("ingest", Events(), "--db", db).ExitCode);
        Assert.Equal(0, StandingProcess.Run("run", "--db", db, "--as-of", "2026-05-11", "--policy", "pinduoduo", "--policy", "tmall", "--sink-folder", outbox).ExitCode);
        Assert.Equal(0, StandingProcess.Run("run", "--db", db, "--as-of", "2026-06-01", "--policy", "mall", "--sink-folder", outbox).ExitCode);

        var breach = Notice(outbox, "p-pl", "sla_breach");
        Assert.Equal("Naruszenie SLA: Wysłane zamówienia z numerem i linkiem do śledzenia przesyłki / wysłane zamówienia", breach.GetProperty("title").GetString());
        Assert.Equal("Zamówienia niespełniające SLA (2): T8, T9", Lines(breach)[1]);
        var report = Notice(outbox, "p-pl", "sla_report");
        Assert.Equal("Miesięczny raport SLA: od 2026-05-01 do 2026-05-31", report.GetProperty("title").GetString());
        Assert.Contains("tracking_rate: 80% (8 z 10 zamówień), limit 95%: SLA niespełnione. Zamówienia niespełniające SLA (2): T8, T9", Lines(report));

        var reply = Notice(outbox, "pd-zh", "reply_rate_breach");
        Assert.Equal("客服回复率未达标", reply.GetProperty("title").GetString());
        Assert.Equal(["2026-05-10 3分钟回复率为 80%（10 个咨询中 8 个），标准为不低于 90%。"], Lines(reply));

        var card = Notice(outbox, "tm-zh", "agent_scorecard");
        Assert.Equal("客服周度考核：2026-05-04 至 2026-05-10", card.GetProperty("title").GetString());
        Assert.Equal("2026-05-04 至 2026-05-10 首次响应或平均响应超出目标的客服：1 人", Lines(card)[0]);
        Assert.StartsWith("anna：首次响应 30 秒，平均响应 30 秒（目标 15 秒），接待会话 1 个", Lines(card)[1], StringComparison.Ordinal);
    }
}
