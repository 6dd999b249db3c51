using Standing.Cli.Output;
using Standing.Core.Metrics;

namespace Standing.Cli.Tests;

/// <summary>Each thing said once, in one unit, never cut in two: thresholds, rule verdicts, item order, folding, CSV.</summary>
public sealed class ReadableOutputTests : IDisposable
{
    private const string AsOf = "2026-04-01T00:00:00Z";
    private readonly TempFolder _dir = new();
    private readonly string _events;

    // shop-z: orders o-13, o-123, o-130 and o-2 placed on 5, 3, 4 and 6 March 2026, each reviewed with one
    // star: all four are defective (docs/standards/congocrea.md), so explain lists all four as counted.
    public ReadableOutputTests()
    {
        (string Order, int Day)[] orders = [("o-13", 5), ("o-123", 3), ("o-130", 4), ("o-2", 6)];
        var lines = new List<string>();
        foreach (var (order, day) in orders)
        {
            lines.Add($$"""{"id":"p-{{order}}","type":"order.placed","at":"2026-03-0{{day}}T10:00:00Z","seller":"shop-z","order":"{{order}}"}""");
            lines.Add($$"""{"id":"r-{{order}}","type":"review.posted","at":"2026-03-20T10:00:00Z","seller":"shop-z","review":"rv-{{order}}","order":"{{order}}","stars":1}""");
        }
        _events = _dir.File("events.ndjson", string.Join('\n', lines));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Thresholds_are_written_in_the_unit_of_the_values()
    {
        var show = StandingProcess.Run("policies", "show", "congocrea");
        var seller = StandingProcess.Run("evaluate", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z");

        // congocrea.yaml: ODR breaches at 1 % (0.01), as its value 100% is shown.
        Assert.Contains("breach when ≥ 1%", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("breach when ≥ 1%", seller.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0.01", show.Stdout + seller.Stdout, StringComparison.Ordinal);
        Assert.Equal("breach when > 2.5 h, good when ≤ 1 h, minimum sample 5",
            Formats.Standard(new Standard(Direction.LowerIsBetter, 2.5, false, 1, 5), MetricKind.MeanDuration));
    }

    [Fact]
    public void A_rule_named_after_its_outcome_names_it_once()
    {
        var seller = StandingProcess.Run("evaluate", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z");
        var explain = StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z");

        Assert.Contains("\nwarning: TRIGGERED\n", seller.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  warning: TRIGGERED\n", explain.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning → warning", seller.Stdout + explain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_does_not_repeat_a_condition_as_its_own_value()
    {
        Assert.Equal("has_case = true", VerdictText.Concise("has_case = true (has_case = true)"));
        Assert.Equal("stars ≤ 2 (stars = 1); has_case = true", VerdictText.Concise("stars ≤ 2 (stars = 1); has_case = true (has_case = true)"));
        Assert.Equal("order placed (placed)", VerdictText.Concise("order placed (placed)"));
    }

    [Fact]
    public void Explain_lists_items_by_date_then_by_id_with_numbers_as_numbers()
    {
        var run = StandingProcess.Run("explain", "--events", _events, "--policy", "congocrea", "--as-of", AsOf, "--seller", "shop-z", "--metric", "odr");

        var order = new[] { "o-123", "o-130", "o-13", "o-2" }.Select(id => run.Stdout.IndexOf($"    {id}  ", StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0, run.Stdout));
        Assert.Equal(order.Order().ToList(), order);
        Assert.Equal(["o-2", "o-13", "o-123", "o-130"], new[] { "o-130", "o-13", "o-2", "o-123" }.Order(NaturalIdComparer.Instance).ToList());
    }

    [Fact]
    public void Folding_happens_at_spaces_and_lists_end_in_a_count_of_the_rest()
    {
        Assert.Equal(["violation_refund_only_handling_hours,", "attitude_minor"], TextWrap.Lines("violation_refund_only_handling_hours, attitude_minor", 30, 30));
        // 2 lines of 40: two ids and "+2 more"; no id cut.
        string[] ids = ["violation_refund_only_handling_hours", "violation_reply_rate", "attitude_minor", "violation_pickup_hours"];
        Assert.Equal("violation_refund_only_handling_hours,\nviolation_reply_rate, +2 more", TextWrap.Pack(ids, 40, 2));
        Assert.Equal("a, b", TextWrap.Pack(["a", "b"], 40, 1));
        // The demo's worst metrics: a long id takes its value to the next line, whole with its unit.
        Assert.Equal("return_receipt_handling_hours_experience\n  24.53 h", DemoSummary.WorstMetric("return_receipt_handling_hours_experience", "24.53 h"));
        Assert.Equal("odr 9.341%", DemoSummary.WorstMetric("odr", "9.341%"));
    }

    [Fact]
    public void Wide_is_one_line_per_seller_and_its_csv_is_the_summary()
    {
        var wide = StandingProcess.Run("evaluate", "--events", _events, "--policy", "kuaishou", "--as-of", AsOf, "--wide");
        var csv = StandingProcess.Run("evaluate", "--events", _events, "--policy", "kuaishou", "--as-of", AsOf, "--wide", "--format", "csv");

        var body = wide.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("├", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("│", StringComparison.Ordinal)).ToList();
        Assert.InRange(body.Count, 1, 2);
        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seller,status,breach,at_risk,good,too_few,breaches,triggered_outcomes", rows[0]);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("shop-z,", rows[1], StringComparison.Ordinal);
    }
}
