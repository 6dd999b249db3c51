using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>What people read: tables within 120 columns, explain's summary and limits, CSV, the sink flags.</summary>
public sealed class PresentationTests : IDisposable
{
    private const string AsOf = "2026-04-01T00:00:00Z";
    private readonly TempFolder _dir = new();
    private readonly string _events;

    // shop-z: 7 orders placed 2–8 March 2026, orders o-1…o-5 reviewed with 1 star on the 20th. Worked by
    // hand from docs/standards/congocrea.md: ODR = 5 defective / 7 orders = 71.429 %, 5 defective since the
    // first sale, 5 in the last 60 days, so the automatic warning (≥ 1 %, ≥ 3, ≥ 2) is triggered.
    public PresentationTests()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 7; i++)
            lines.Add($$"""{"id":"p{{i}}","type":"order.placed","at":"2026-03-0{{i + 1}}T10:00:00Z","seller":"shop-z","order":"o-{{i}}"}""");
        for (var i = 1; i <= 5; i++)
            lines.Add($$"""{"id":"r{{i}}","type":"review.posted","at":"2026-03-20T10:00:0{{i}}Z","seller":"shop-z","review":"r-{{i}}","order":"o-{{i}}","stars":1}""");
        _events = _dir.File("events.ndjson", string.Join('\n', lines));
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("evaluate", "--policy", "kuaishou")]
    [InlineData("evaluate", "--policy", "kuaishou", "--wide")]
    [InlineData("evaluate", "--policy", "promua", "--seller", "shop-z")]
    [InlineData("explain", "--policy", "mall", "--seller", "shop-z", "--items", "all")]
    public void Every_line_of_a_table_fits_120_columns(params string[] args)
    {
        var run = StandingProcess.Run([.. args, "--events", _events, "--as-of", AsOf]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= 120, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, line => line.Contains("shop-z", StringComparison.Ordinal));
    }

    [Fact]
    public void Policies_fit_120_columns_and_name_kinds_as_the_yaml_does()
    {
        var show = StandingProcess.Run("policies", "show", "kuaishou");
        var list = StandingProcess.Run("policies", "list");

        Assert.All((show.Stdout + list.Stdout).Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 120, line));
        // Every metric id whole on one line, with its kind spelled as in the YAML.
        Assert.Contains("return_receipt_handling_hours_experience (mean_duration):", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("three_minute_reply_rate (share_within):", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ShareWithin", show.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("8 policies; standing policies show ID for one in full\n", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_prints_one_row_per_seller_and_metric_and_the_same_as_csv()
    {
        var table = StandingProcess.Run("evaluate", "--events", _events, "--policy", "congocrea", "--as-of", AsOf);
        var csv = StandingProcess.Run("evaluate", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--format", "csv");

        Assert.Contains("│ shop-z │ odr                       │ 71.429% │  5/7 │ BREACH │ warning  │", table.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("1 seller\n", table.Stdout, StringComparison.Ordinal);
        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seller,metric,value,unit,numerator,denominator,pending,status,triggered_outcomes,percentile,p_value,peer_rate", rows[0]);
        // 5/7 rounded to ten decimals, as in the JSON; congocrea compares no sellers: no peer numbers.
        Assert.Equal("shop-z,odr,0.7142857143,ratio,5,7,0,breach,warning,,,", rows[1]);
        Assert.Equal(4, rows.Length);
    }

    [Fact]
    public void Explain_summarises_first_then_lists_at_most_the_limit()
    {
        var run = StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z", "--metric", "odr", "--limit", "2");

        Assert.Equal(0, run.ExitCode);
        var text = run.Stdout;
        var summary = text.IndexOf("  items: 5 counted, 2 in the denominator only\n", StringComparison.Ordinal);
        var heading = text.IndexOf("  counted in the numerator: 5\n", StringComparison.Ordinal);
        Assert.True(summary > 0 && heading > summary, text);
        Assert.Contains("    o-1  ", text, StringComparison.Ordinal);
        Assert.Contains("    o-2  ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("    o-3  ", text, StringComparison.Ordinal);
        Assert.Contains("    … 3 more (--limit 5 shows them all)\n", text, StringComparison.Ordinal);
        // The orders that did not count are listed only when asked for.
        Assert.DoesNotContain("    o-6  ", text, StringComparison.Ordinal);

        var all = StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z", "--metric", "odr", "--items", "all");
        Assert.Contains("  in the denominator only: 2\n    o-6  ", all.Stdout, StringComparison.Ordinal);

        var csv = StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z", "--format", "csv");
        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seller,metric,item,role,reason", rows[0]);
        // Counted: 5 orders in each of odr, defective_orders_lifetime and defective_orders_60d.
        Assert.Equal(15, rows.Length - 1);
        Assert.All(rows.Skip(1), r => Assert.Contains(",numerator,", r, StringComparison.Ordinal));

        using var json = JsonDocument.Parse(StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z", "--format", "json").Stdout);
        var odr = json.RootElement.GetProperty("sellers")[0].GetProperty("metrics")[0];
        Assert.Equal(5, odr.GetProperty("summary").GetProperty("counted").GetInt32());
        Assert.Equal(2, odr.GetProperty("summary").GetProperty("denominator_only").GetInt32());
        Assert.Equal(7, odr.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void A_negative_limit_is_refused()
    {
        var run = StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z", "--limit", "-1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--limit -1: must be 0 or more", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Run_and_deliver_name_the_sinks_alike_and_count_in_words()
    {
        var db = Path.Combine(_dir.Path, "s.db");
        Assert.Equal(0, StandingProcess.Run("ingest", _events, "--db", db).ExitCode);
        var notices = Path.Combine(_dir.Path, "notices");
        Directory.CreateDirectory(notices);

        var run = StandingProcess.Run("run", "--db", db, "--as-of", AsOf, "--policy", "congocrea", "--sink-folder", notices);

        Assert.Equal(0, run.ExitCode);
        // One seller, one warning case opened with one notice, delivered to one folder.
        Assert.Contains("congocrea: 1 seller evaluated, 1 case opened, 0 transitions, 1 notice", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("outbox: 1 delivery made, 0 sinks failing", run.Stdout, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(notices));

        // The older names still work, and a bad value is reported under the name typed.
        Assert.Contains("--notify-webhook \"nope\" is not an http(s) URL",
            StandingProcess.Run("run", "--db", db, "--as-of", AsOf, "--notify-webhook", "nope").Stderr, StringComparison.Ordinal);
        Assert.Contains("--sink-webhook \"nope\" is not an http(s) URL",
            StandingProcess.Run("outbox", "deliver", "--db", db, "--sink-webhook", "nope").Stderr, StringComparison.Ordinal);
        var help = StandingProcess.Run("outbox", "deliver", "--help").Stdout;
        Assert.Contains("--sink-folder", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--folder", help, StringComparison.Ordinal);

        var cases = StandingProcess.Run("cases", "list", "--db", db);
        Assert.Contains("congocrea.warning.shop-z.20260401", cases.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("1 case\n", cases.Stdout, StringComparison.Ordinal);
        var show = StandingProcess.Run("cases", "show", "congocrea.warning.shop-z.20260401", "--db", db);
        // The ODR the warning kept, shown as evaluate shows it.
        Assert.Contains("  odr: 71.429%\n", show.Stdout, StringComparison.Ordinal);
    }
}
