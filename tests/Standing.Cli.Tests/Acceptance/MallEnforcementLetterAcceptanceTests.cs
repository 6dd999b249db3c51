using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// MALL's enforcement (STANDARDS.md §8; seed 004, the Polish original) driven through the documented commands on
/// mall-enforcement-letter.ndjson: <c>standing ingest</c>, <c>standing run --from --to</c> day by day (Europe/Warsaw
/// midnights) and <c>standing cases list/show --format json</c>. Every expected date and figure below is worked out
/// by hand from the text and the pack's Defaults, not read off a run.
/// </summary>
/// <remarks>
/// The text prescribes no penalty: it defines the SLAs ("Współczynnik anulowania to stosunek wszystkich zamówień,
/// które zostały anulowane przez partnera … do wszystkich zamówień, które uzyskały status OTWARTE w monitorowanym
/// okresie"; OPEN → SHIPPING or CANCELLED "1 dzień roboczy") and says they are monitored ("oceniamy proces
/// przepływu zamówień"). What Standing does with a breach is the pack's Default (docs/enforcement.md): a case per
/// SLA in breach with the orders that missed, re-checked every 5 business days (Polish calendar) until the SLA is
/// met; and a monthly SLA report. Shop m-cancel:
/// <list type="bullet">
/// <item>20 orders placed and OPEN Mon 2026-05-04 10:00; o01 and o02 cancelled by the partner at 12:00, the 18
/// others SHIPPING on 05-05 09:00. As of 05-05 00:00 the cancellation rate over [04-05, 05-05) is 2/20 = 10% &gt; 2% →
/// a case for cancellation_rate, re-check 05-05 + 5 business days = Tue 05-12.</item>
/// <item>20 more orders 05-20, none cancelled: 2/40 = 5%, still in breach at the re-checks of 05-12, 05-19, 05-26 and
/// 06-02 (the 05-04 orders are in the 30 days until 06-03). From 06-02 the 5th business day skips Corpus Christi
/// (Thu 2026-06-04, a Polish public holiday): 06-03, 06-05, 06-08, 06-09, 06-10.</item>
/// <item>06-10: the window [05-11, 06-10) holds the 20 orders of 05-20, none cancelled → 0% → cleared.</item>
/// <item>The May report, sent by the run of 06-01 00:00: 40 orders placed in May; cancellations 2/40 = 5% (missed:
/// o01, o02); shipping confirmation 40/40 = 100% (each OPEN order confirmed within a business day: met).</item>
/// </list>
/// </remarks>
public sealed class MallEnforcementLetterAcceptanceTests : IDisposable
{
    private const string File = "mall-enforcement-letter.ndjson";
    private readonly TempFolder _dir = new();

    private static DateTimeOffset Warsaw(string local) => DateTimeOffset.Parse(local + "+02:00", CultureInfo.InvariantCulture);

    [Fact]
    public void A_breached_sla_is_rechecked_every_five_business_days_until_met_and_may_is_reported_once()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario(File), "--db", db);
        Ok("run", "--db", db, "--from", "2026-05-05", "--to", "2026-06-09", "--policy", "mall");
        var open = Cases(db).Single(c => c.GetProperty("kind").GetString() == "sla_breach");
        Assert.Equal("open", open.GetProperty("state").GetString());
        Assert.Equal(Warsaw("2026-06-10T00:00:00"), Instant(open, "due_at"));
        Ok("run", "--db", db, "--from", "2026-06-10", "--to", "2026-06-10", "--policy", "mall");

        var cases = Cases(db);
        var breach = Assert.Single(cases, c => c.GetProperty("kind").GetString() == "sla_breach");
        Assert.Equal("cancellation_rate", breach.GetProperty("data").GetProperty("metric").GetString());
        Assert.Equal(Warsaw("2026-05-05T00:00:00"), Instant(breach, "opened_at"));
        Assert.Equal("cleared", breach.GetProperty("state").GetString());
        Assert.Equal(Warsaw("2026-06-10T00:00:00"), Instant(breach, "closed_at"));

        var shown = Show(db, breach.GetProperty("id").GetString()!);
        var audit = shown.GetProperty("audit").EnumerateArray().ToList();
        // Opened, re-checked 05-12, 05-19, 05-26, 06-02 (each a Tuesday: 5 business days), cleared 06-10.
        Assert.Equal(new[] { "2026-05-05", "2026-05-12", "2026-05-19", "2026-05-26", "2026-06-02", "2026-06-10" },
            audit.Select(a => DateTimeOffset.Parse(a.GetProperty("at").GetString()!, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var notices = shown.GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(6, notices.Count);
        Assert.All(notices, n => Assert.Equal("seller", n.GetProperty("audience").GetString()));
        var first = Lines(notices[0]);
        Assert.Contains(first, l => l.Contains("2 of 20 orders", StringComparison.Ordinal) && l.Contains("10%", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("(2)", StringComparison.Ordinal) && l.Contains("m-cancel-o01", StringComparison.Ordinal) && l.Contains("m-cancel-o02", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("We check again on 2026-05-12", StringComparison.Ordinal));
        Assert.Contains(Lines(notices[4]), l => l.Contains("We check again on 2026-06-10", StringComparison.Ordinal));
        Assert.StartsWith("Back within the SLA", notices[5].GetProperty("title").GetString(), StringComparison.Ordinal);

        // The monthly report: May only (April had no orders; June is not over), sent by the run of 06-01.
        var reports = cases.Where(c => c.GetProperty("kind").GetString() == "sla_report").ToList();
        var may = Assert.Single(reports);
        Assert.Equal(Warsaw("2026-06-01T00:00:00"), Instant(may, "opened_at"));
        var report = Assert.Single(Show(db, may.GetProperty("id").GetString()!).GetProperty("notices").EnumerateArray());
        Assert.Equal("Monthly SLA report: 2026-05-01 to 2026-05-31", report.GetProperty("title").GetString());
        var rows = Lines(report);
        var cancellation = Assert.Single(rows, l => l.Contains("2 of 40 orders", StringComparison.Ordinal));
        Assert.Contains("5%", cancellation, StringComparison.Ordinal);
        Assert.Contains("missed", cancellation, StringComparison.Ordinal);
        Assert.Contains("m-cancel-o01, m-cancel-o02", cancellation, StringComparison.Ordinal);
        Assert.Contains(rows, l => l.Contains("40 of 40 orders", StringComparison.Ordinal) && l.Contains(": met", StringComparison.Ordinal));
    }

    private static List<JsonElement> Cases(string db) =>
        JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "mall", "--format", "json").Stdout).RootElement.EnumerateArray().ToList();

    private static string[] Lines(JsonElement notice) => notice.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToArray();

    public void Dispose() => _dir.Dispose();
}
