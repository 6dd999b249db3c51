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
        Assert.Equal("2026-04-01T00:00:00Z", root.GetProperty("as_of").GetString());
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
        Assert.Contains("\"as_of\": \"2026-04-01T00:00:00+02:00\"", a.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_as_of_before_the_packs_date_is_evaluated_and_noted()
    {
        // Kuaishou's standard takes effect on 2022-10-05 (published date of the source); MALL's date is a default.
        var events = _dir.File("k.ndjson", Mixed.Split('\n')[0]);
        var early = StandingProcess.Run("evaluate", "--events", events, "--policy", "kuaishou", "--as-of", "2022-09-28", "--format", "json");
        Assert.Equal(0, early.ExitCode);
        Assert.Contains("note: policy kuaishou takes effect on 2022-10-05; as of 2022-09-28 its rules are applied as written", early.Stderr, StringComparison.Ordinal);
        Assert.Equal("kuaishou", JsonDocument.Parse(early.Stdout).RootElement.GetProperty("policy").GetProperty("id").GetString());

        var mall = StandingProcess.Run("evaluate", "--events", events, "--policy", "mall", "--as-of", "2023-06-01", "--format", "json");
        Assert.Contains("(a default: the source gives no date)", mall.Stderr, StringComparison.Ordinal);
        var later = StandingProcess.Run("evaluate", "--events", events, "--policy", "mall", "--as-of", "2026-04-01", "--format", "json");
        Assert.DoesNotContain("takes effect", later.Stderr, StringComparison.Ordinal);
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

    [Fact]
    public void Tmall_json_lists_each_sellers_agents_and_explain_lists_chat_items_with_their_text()
    {
        // shop-c, Asia/Shanghai, week of Mon 2026-05-04: b1 asks 10:00:00, agent li answers 10:00:12 (12 s),
        // the buyer rates 5 stars and orders at 11:00 → li: 1 session, 12 s first and average (≤ 15: good),
        // satisfaction 1/1, conversion 1/1. shop-d has no chats: no agents.
        var events = _dir.File("chat.ndjson", """
            {"id":"c1","type":"chat.message","at":"2026-05-05T10:00:00+08:00","seller":"shop-c","conversation":"m1","from":"buyer","buyer":"b1","text":"Is it in stock?"}
            {"id":"c2","type":"chat.message","at":"2026-05-05T10:00:12+08:00","seller":"shop-c","conversation":"m1","from":"agent","agent":"li","text":"Yes, pay with Alipay please"}
            {"id":"c3","type":"chat.rated","at":"2026-05-05T10:05:00+08:00","seller":"shop-c","conversation":"m1","stars":5}
            {"id":"c4","type":"order.placed","at":"2026-05-05T11:00:00+08:00","seller":"shop-c","order":"o1","buyer":"b1"}
            {"id":"d1","type":"order.placed","at":"2026-05-05T11:00:00+08:00","seller":"shop-d","order":"o9","buyer":"b9"}
            """);

        var run = StandingProcess.Run("evaluate", "--events", events, "--policy", "tmall", "--as-of", "2026-05-11T00:00:00+08:00", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var sellers = doc.RootElement.GetProperty("sellers").EnumerateArray().ToList();
        var li = Assert.Single(sellers[0].GetProperty("agents").EnumerateArray().ToList());
        Assert.Equal("li", li.GetProperty("agent").GetString());
        Assert.Equal(1, li.GetProperty("sessions").GetInt32());
        Assert.Equal(12, li.GetProperty("first_response_seconds").GetDouble());
        Assert.Equal(12, li.GetProperty("avg_response_seconds").GetDouble());
        Assert.Equal("good", li.GetProperty("first_response_status").GetString());
        Assert.Equal(1, li.GetProperty("satisfaction").GetDouble());
        Assert.Equal(1, li.GetProperty("conversion").GetDouble());
        Assert.Equal("2026-05-04T00:00:00+08:00", li.GetProperty("window").GetProperty("start").GetString());
        Assert.Empty(sellers[1].GetProperty("agents").EnumerateArray());
        Assert.True(sellers[0].TryGetProperty("metrics", out _));

        var explain = StandingProcess.Run("explain", "--events", events, "--policy", "pinduoduo", "--as-of", "2026-05-11T00:00:00+08:00", "--seller", "shop-c", "--metric", "conduct_alipay_account");

        // The flagged message with its agent, conversation, time, kind and the text the pattern matched.
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("c2  agent li, conversation m1, 2026-05-05T10:00:12+08:00  alipay_account: \"Alipay\"", explain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_lists_each_flagged_agent_message_once_per_kind_without_the_pattern_list()
    {
        // shop-p, as of 2026-06-02 12:00 +08:00 (30 days back to 2026-05-03 12:00): four agent messages.
        // p1 gives a WeChat id (advertising), p2 a UnionPay card number (bank_card), p3 an order number
        // and p4 the platform's own link (neither flagged). By hand: advertising 1, bank_card 1, link 0.
        var events = _dir.File("conduct.ndjson", """
            {"id":"p1","type":"chat.message","at":"2026-05-20T10:00:00+08:00","seller":"shop-p","conversation":"k1","from":"agent","agent":"a1","text":"my WeChat ID: shop_888"}
            {"id":"p2","type":"chat.message","at":"2026-05-20T11:00:00+08:00","seller":"shop-p","conversation":"k2","from":"agent","agent":"a2","text":"转到我的卡 6222 0212 3456 7890"}
            {"id":"p3","type":"chat.message","at":"2026-05-20T12:00:00+08:00","seller":"shop-p","conversation":"k3","from":"agent","agent":"a1","text":"订单号 2306011234567890 已发货"}
            {"id":"p4","type":"chat.message","at":"2026-05-20T13:00:00+08:00","seller":"shop-p","conversation":"k4","from":"agent","agent":"a1","text":"退款请到 www.pinduoduo.com 帮助中心"}
            """);

        var run = StandingProcess.Run("explain", "--events", events, "--policy", "pinduoduo", "--as-of", "2026-06-02T12:00:00+08:00", "--seller", "shop-p");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("conduct_advertising = 1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("p1  agent a1, conversation k1, 2026-05-20T10:00:00+08:00  advertising: \"WeChat ID: shop_888\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("conduct_bank_card = 1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("p2  agent a2, conversation k2, 2026-05-20T11:00:00+08:00  bank_card: \"6222 0212 3456 7890\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("conduct_third_party_link = 0", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("p3  agent", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("p4  agent", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("no text matches", run.Stdout, StringComparison.Ordinal);
    }
}
