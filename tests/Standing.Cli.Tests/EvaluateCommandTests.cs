using System.Text.Json;

namespace Standing.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // shop-7: one order with a 2-star review (defective); shop-8: one plain order. Lines 3–5 are bad:
    // an instant without offset, not JSON, and a conflicting body for id e2. Line 7 repeats line 1 exactly.
    private const string Mixed = """
        {"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100","buyer":"b-1"}
        {"id":"e2","type":"review.posted","at":"2026-03-12T18:00:00+01:00","seller":"shop-7","review":"r-9","order":"o-100","stars":2}
        {"id":"e3","type":"order.placed","at":"2026-03-03T09:15:00","seller":"shop-7","order":"o-101"}
        not json
        {"id":"e2","type":"review.posted","at":"2026-03-12T18:00:00+01:00","seller":"shop-7","review":"r-9","order":"o-100","stars":3}
        {"id":"e4","type":"order.placed","at":"2026-03-05T09:15:00+01:00","seller":"shop-8","order":"o-200"}
        {"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100","buyer":"b-1"}
        """;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Json_output_follows_the_contract_and_bad_lines_are_reported_kept_and_skipped()
    {
        var events = _dir.File("events.ndjson", Mixed);
        var rejects = Path.Combine(_dir.Path, "rejects.ndjson");

        var run = StandingProcess.Run("evaluate", "--events", events, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z", "--format", "json", "--rejects", rejects);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{events}:3: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{events}:4: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{events}:5: conflict", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain($"{events}:7:", run.Stderr, StringComparison.Ordinal);
        var kept = File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([3, 4, 5], kept.Select(k => k.GetProperty("line").GetInt32()));
        Assert.Equal("not json", kept[1].GetProperty("raw").GetString());

        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal("congocrea", root.GetProperty("policy").GetProperty("id").GetString());
        Assert.Equal("1", root.GetProperty("policy").GetProperty("version").GetString());
        Assert.Equal("2026-04-01T00:00:00Z", root.GetProperty("asOf").GetString());
        var sellers = root.GetProperty("sellers").EnumerateArray().ToList();
        Assert.Equal(["shop-7", "shop-8"], sellers.Select(s => s.GetProperty("seller").GetString()));
        var odr = sellers[0].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "odr");
        // 1 order, its review of 2 stars (the conflicting 3-star body was rejected): ODR 1/1.
        Assert.Equal(1, odr.GetProperty("value").GetDouble());
        Assert.Equal(1, odr.GetProperty("numerator").GetInt64());
        Assert.Equal(1, odr.GetProperty("denominator").GetInt64());
        Assert.Equal("breach", odr.GetProperty("status").GetString());
        // Rolling 90 days before 2026-04-01 in UTC starts 2026-01-01.
        Assert.Equal("2026-01-01T00:00:00Z", odr.GetProperty("window").GetProperty("start").GetString());
        Assert.Equal("2026-04-01T00:00:00Z", odr.GetProperty("window").GetProperty("end").GetString());
        var warning = sellers[0].GetProperty("outcomes").EnumerateArray().Single();
        Assert.Equal("warning", warning.GetProperty("id").GetString());
        Assert.False(warning.GetProperty("triggered").GetBoolean());
        Assert.Contains("defective_orders_lifetime = 1", warning.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_file_exits_zero_and_the_same_events_in_another_order_give_the_same_document()
    {
        var lines = Mixed.Split('\n').Where((_, i) => i is 0 or 1 or 5).ToList();
        var forward = _dir.File("a.ndjson", string.Join('\n', lines));
        lines.Reverse();
        var backward = _dir.File("b.ndjson", string.Join('\n', lines));

        var a = StandingProcess.Run("evaluate", "--events", forward, "--policy", "mall", "--as-of", "2026-04-01", "--format", "json");
        var b = StandingProcess.Run("evaluate", "--events", backward, "--policy", "mall", "--as-of", "2026-04-01", "--format", "json");

        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Stdout, b.Stdout);
        // A bare date is midnight in the policy's zone (Europe/Warsaw, +02:00 on 1 April 2026).
        Assert.Contains("\"asOf\": \"2026-04-01T00:00:00+02:00\"", a.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void One_seller_can_be_asked_for_and_an_unknown_one_is_an_error()
    {
        var events = _dir.File("e.ndjson", Mixed);

        var one = StandingProcess.Run("evaluate", "--events", events, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z", "--format", "json", "--seller", "shop-8");
        var unknown = StandingProcess.Run("evaluate", "--events", events, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z", "--seller", "shop-99");

        using var doc = JsonDocument.Parse(one.Stdout);
        Assert.Equal("shop-8", doc.RootElement.GetProperty("sellers").EnumerateArray().Single().GetProperty("seller").GetString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown seller \"shop-99\"", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_input_a_bad_policy_and_a_bad_instant_each_stop_with_a_clear_message()
    {
        var events = _dir.File("e.ndjson", Mixed);
        var policy = _dir.File("p.yaml", "id: p\nversion: \"1\"\neffective_from: 2026-01-01\ntime_zone: UTC\nmetrics:\n  - id: x\n    kind: rate\n");

        var missing = StandingProcess.Run("evaluate", "--events", Path.Combine(_dir.Path, "nope.ndjson"), "--policy", "mall", "--as-of", "2026-04-01");
        var badPolicy = StandingProcess.Run("evaluate", "--events", events, "--policy", policy, "--as-of", "2026-04-01");
        var badInstant = StandingProcess.Run("evaluate", "--events", events, "--policy", "mall", "--as-of", "yesterday");
        var unknownPolicy = StandingProcess.Run("evaluate", "--events", events, "--policy", "amazon", "--as-of", "2026-04-01");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.ndjson: cannot read: no such file", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, badPolicy.ExitCode);
        Assert.Contains($"{policy}:6:", badPolicy.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, badInstant.ExitCode);
        Assert.Contains("--as-of \"yesterday\"", badInstant.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknownPolicy.ExitCode);
        Assert.Contains("neither a built-in policy", unknownPolicy.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_names_the_orders_that_counted_and_why()
    {
        var events = _dir.File("e.ndjson", Mixed);

        var run = StandingProcess.Run("explain", "--events", events, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z", "--seller", "shop-7", "--metric", "odr", "--format", "json");

        using var doc = JsonDocument.Parse(run.Stdout);
        var metric = doc.RootElement.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single();
        var item = metric.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("o-100", item.GetProperty("id").GetString());
        Assert.Equal("numerator", item.GetProperty("role").GetString());
        Assert.Contains("lowest_review_stars = 2", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_can_be_listed_shown_and_validated()
    {
        var bad = _dir.File("bad.yaml", "id: p\nversion: \"1\"\neffective_from: 2026-01-01\ntime_zone: Nowhere/City\n");

        var list = StandingProcess.Run("policies", "list");
        var show = StandingProcess.Run("policies", "show", "mall");
        var validate = StandingProcess.Run("policies", "validate", bad);

        Assert.Contains("congocrea", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("mall", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("defaults", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Polish public holidays", show.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains($"{bad}:4:12: unknown time zone \"Nowhere/City\"", validate.Stderr, StringComparison.Ordinal);
    }
}
