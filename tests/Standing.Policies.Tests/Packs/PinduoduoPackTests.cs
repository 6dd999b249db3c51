using Standing.Core.Metrics;
using Standing.Testing;

namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Pinduoduo (docs/standards/pinduoduo.md), worked by hand in Asia/Shanghai (UTC+8). As of 2026-05-11 09:00 the
/// day judged is the last complete local day, [2026-05-10T00:00+08:00, 2026-05-11T00:00+08:00).
/// </summary>
public sealed class PinduoduoPackTests
{
    private const string AsOf = "2026-05-11T09:00:00+08:00";

    [Fact]
    public void The_reply_rate_counts_each_buyer_once_a_day_answered_within_3_minutes()
    {
        var s = new EventScript("shop");
        // b1–b8 asked at 10:0i and were answered 1 minute later (b1–b4 by the bot, b5–b8 by an agent).
        for (var i = 1; i <= 8; i++)
        {
            s.Ask($"c{i}", $"b{i}", $"2026-05-10T10:0{i}:00+08:00");
            if (i <= 4) s.Bot($"c{i}", $"2026-05-10T10:0{i + 1}:00+08:00");
            else s.Answer($"c{i}", "a1", $"2026-05-10T10:0{i + 1}:00+08:00");
        }
        s.Ask("c9", "b9", "2026-05-10T11:00:00+08:00").Answer("c9", "a1", "2026-05-10T11:03:00+08:00")  // exactly 3 min: answered
            .Ask("c10", "b10", "2026-05-10T11:00:00+08:00").Answer("c10", "a1", "2026-05-10T11:03:01+08:00") // 3 min 1 s: not
            .Ask("c11", "b11", "2026-05-10T12:00:00+08:00")                                                  // never answered
            .Ask("c1b", "b1", "2026-05-10T15:00:00+08:00")            // b1 again that day: the day's first message counts
            .Ask("c12", "b12", "2026-05-10T07:30:00+08:00")           // 07:30, never answered: a consultation (every hour counts), not answered
            .Ask("c13", "b13", "2026-05-11T08:30:00+08:00");          // today: not judged yet

        var result = PackEvaluation.Evaluate("pinduoduo", s.Events, AsOf);
        var rate = result.Metric("reply_rate")!;

        // Consultations b1–b12 = 12 (docs/standards/pinduoduo.md limits no hours, unlike Kuaishou's 08:00–24:00); answered within
        // 3 minutes b1–b9 = 9; 9/12 = 0.75 < 90%.
        Assert.Equal((9, 12), (rate.Numerator, rate.Denominator));
        Assert.Equal(EventScript.At("2026-05-10T00:00:00+08:00"), rate.Window.Start);
        Assert.Equal(EventScript.At("2026-05-11T00:00:00+08:00"), rate.Window.End);
        Assert.Equal(MetricStatus.Breach, rate.Status);
        Assert.True(result.Outcomes.Single(o => o.Id == "reply_rate_breach").Triggered);
    }

    [Fact]
    public void Agent_messages_with_off_platform_payment_or_contact_details_are_flagged_by_kind_and_listed()
    {
        var s = new EventScript("shop")
            .Ask("c", "b", "2026-05-05T10:00:00+08:00")
            .Answer("c", "a1", "2026-05-05T10:01:00+08:00", "请扫码付款，付款二维码发您")              // payment QR
            .Answer("c", "a1", "2026-05-05T10:02:00+08:00", "You can pay with Alipay instead")       // Alipay
            .Answer("c", "a2", "2026-05-05T10:03:00+08:00", "See https://cheap-deals.example/item")  // link
            .Answer("c", "a2", "2026-05-05T10:04:00+08:00", "Card 6222 0212 3456 7890, transfer there") // bank card
            .Answer("c", "a2", "2026-05-05T10:05:00+08:00", "加我微信 shop88888 私聊")                 // advertising (WeChat)
            .Answer("c", "a3", "2026-05-05T10:06:00+08:00", "你是白痴吗")                              // insult
            .Answer("c", "a3", "2026-05-05T10:07:00+08:00", "Thanks for your order, it ships today.") // clean
            .Bot("c", "2026-05-05T10:08:00+08:00", "Alipay accepted")                               // a bot: not an agent
            .Answer("c", "a3", "2026-03-20T10:00:00+08:00", "alipay please");                       // 52 days ago: outside 30 days

        var result = PackEvaluation.Evaluate("pinduoduo", s.Events, AsOf, explain: true);

        string IdOf(string text) => s.Events.Single(e => e.Text == text && e.From == "agent").Id;
        foreach (var (metric, text) in new[]
        {
            ("conduct_payment_qr", "请扫码付款，付款二维码发您"),
            ("conduct_alipay_account", "You can pay with Alipay instead"),
            ("conduct_third_party_link", "See https://cheap-deals.example/item"),
            ("conduct_bank_card", "Card 6222 0212 3456 7890, transfer there"),
            ("conduct_advertising", "加我微信 shop88888 私聊"),
            ("conduct_insult", "你是白痴吗"),
        })
        {
            var m = result.Metric(metric)!;
            Assert.Equal(1, m.Value);
            var flagged = Assert.Single(m.Items, i => i.Role == ItemRole.Numerator);
            Assert.Equal(IdOf(text), flagged.Id);
            Assert.Contains(text, flagged.Reason, StringComparison.Ordinal); // explain shows the offending text
            Assert.Equal(MetricStatus.Breach, m.Status);
        }
        Assert.True(result.Outcomes.Single(o => o.Id == "conduct_violation").Triggered);
    }

    [Fact]
    public void A_seller_whose_agents_write_cleanly_has_no_conduct_violation()
    {
        var s = new EventScript("shop")
            .Ask("c", "b", "2026-05-05T10:00:00+08:00")
            .Answer("c", "a1", "2026-05-05T10:01:00+08:00", "Your parcel ships today, tracking follows in the app.")
            .Answer("c", "a1", "2026-05-05T10:02:00+08:00", "您好，订单今天发货，请在平台内查看物流。");

        var result = PackEvaluation.Evaluate("pinduoduo", s.Events, AsOf);

        Assert.All(result.Metrics.Where(m => m.Id.StartsWith("conduct_", StringComparison.Ordinal)), m => Assert.Equal(0, m.Value));
        Assert.False(result.Outcomes.Single(o => o.Id == "conduct_violation").Triggered);
    }

    [Theory]
    [InlineData("Pay directly to my card 4111 1111 1111 1111 for a discount", "conduct_bank_card")]
    [InlineData("Оплатите напрямую на карту, будет дешевле", "conduct_bank_card")]
    [InlineData("Add me on WeChat: cheap_shop_88", "conduct_advertising")]
    [InlineData("Scan this QR code to pay with Alipay", "conduct_payment_qr")]
    [InlineData("Read the description yourself, I am not your servant", "conduct_insult")]
    [InlineData("+86 138 1234 5678 call me", "conduct_advertising")]           // a mobile number with +86 and spaces
    [InlineData("my WeChat ID: shop_888", "conduct_advertising")]
    [InlineData("加我V信 shop888", "conduct_advertising")]                      // 微信 spelled V信
    [InlineData("write to seller@example.org", "conduct_advertising")]         // an e-mail address
    [InlineData("4111111111111111 is fine for the transfer", "conduct_bank_card")] // bare, passes Luhn (30)
    [InlineData("6222021234567890123", "conduct_bank_card")]                    // UnionPay 62…, 19 digits
    [InlineData("buy at pinduoduo.com.cheap.cn", "conduct_third_party_link")]   // not the platform's own site
    [InlineData("订单退款请打到 4111 1111 1111 1111", "conduct_bank_card")]        // "order refund, pay to <card>": not an order-number label
    [InlineData("your order refund: 4111111111111111", "conduct_bank_card")]
    [InlineData("快递费转到6222021234567890123", "conduct_bank_card")]              // "transfer the courier fee to <UnionPay card>"
    [InlineData("https://pinduoduo.com/r?u=https://evil.cn", "conduct_third_party_link")] // a redirect out of the platform
    public void Each_kind_of_forbidden_message_is_caught_by_its_patterns(string text, string metric)
    {
        var s = new EventScript("shop").Ask("c", "b", "2026-05-05T10:00:00+08:00").Answer("c", "a1", "2026-05-05T10:01:00+08:00", text);

        var result = PackEvaluation.Evaluate("pinduoduo", s.Events, AsOf);

        Assert.Equal(1, result.Metric(metric)!.Value);
        Assert.True(result.Outcomes.Single(o => o.Id == "conduct_violation").Triggered);
    }

    // Hand-checked against the default patterns: an order number (Luhn fails: 57; and it follows 订单号),
    // a Luhn-valid number after "order no." (4111… passes, 30, but follows an order word), the
    // platform's own sites, a mobile number without a card word: none is forbidden content of its kind.
    [Theory]
    [InlineData("订单号 2306011234567890 已发货", "conduct_bank_card")]
    [InlineData("order no. 4111111111111111 has shipped", "conduct_bank_card")]
    [InlineData("运单号：4111111111111111", "conduct_bank_card")]                   // a waybill label with a full-width colon
    [InlineData("tracking number 4111 1111 1111 1111", "conduct_bank_card")]
    [InlineData("call 13812345678", "conduct_bank_card")]
    [InlineData("退款请到拼多多 www.pinduoduo.com 帮助中心", "conduct_third_party_link")]
    [InlineData("see https://mobile.yangkeduo.com/goods.html?id=1 for details", "conduct_third_party_link")]
    public void Order_numbers_and_the_platforms_own_links_are_not_flagged(string text, string metric)
    {
        var s = new EventScript("shop").Ask("c", "b", "2026-05-05T10:00:00+08:00").Answer("c", "a1", "2026-05-05T10:01:00+08:00", text);

        var result = PackEvaluation.Evaluate("pinduoduo", s.Events, AsOf);

        Assert.Equal(0, result.Metric(metric)!.Value);
    }
}
