using Standing.Core.Events;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;
using Standing.Policies;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>The built-in packs whose enforcement is written in their YAML: MALL and Pinduoduo.</summary>
public sealed class PackEnforcementTests
{
    /// <summary>
    /// MALL (STANDARDS.md §8): ten orders placed Monday 2026-03-16 from 08:00 (+01:00), confirmed
    /// shipping within the hour, T8 and T9 shipped without tracking: as of Wednesday 2026-04-08
    /// (+02:00) tracking_rate = 8/10 = 80% under the 95% limit, the other SLAs met or without data.
    /// One breach notice for that SLA, with the two orders that missed it; re-checked 5 business days
    /// later (Thursday 04-09 … Wednesday 04-15).
    /// </summary>
    [Fact]
    public void Mall_sends_a_breach_notice_per_sla_with_the_orders_that_missed()
    {
        var s = new EventScript("partner");
        for (var i = 0; i < 10; i++)
        {
            var at = $"2026-03-16T{8 + i:00}:30:00+01:00";
            s.Placed($"T{i}", $"2026-03-16T{8 + i:00}:00:00+01:00").Status($"T{i}", OrderStatus.Shipping, at, "seller");
            if (i < 8) s.Shipped($"T{i}", at);
            else s.Shipped($"T{i}", at, tracking: null, url: null);
        }
        var driver = new MachineDriver(PackMachines.For(BuiltInPacks.Load("mall"))!, BuiltInPacks.Load("mall"), "partner");
        var asOf = EventScript.At("2026-04-08T00:00:00+02:00");
        driver.Step(asOf, s.Events);

        var breach = driver.Only("sla_breach");
        Assert.Equal("mall.sla_breach.partner.20260408.tracking_rate", breach.Id);
        Assert.Equal(EventScript.At("2026-04-15T00:00:00+02:00"), breach.DueAt);
        // (The run of April 8 also sends March's monthly SLA report: PeriodicReportTests.)
        var notice = Assert.Single(driver.Notices, n => n.Kind == "sla_breach");
        Assert.Equal("seller", notice.Audience);
        Assert.Equal("SLA breach: Shipped orders with tracking number and tracking link / shipped orders", notice.Title);
        Assert.Equal("tracking_rate is 80% (8 of 10 orders) from 2026-03-09 to 2026-04-08; the SLA limit is 95%.", notice.Lines[0]);
        Assert.Equal("Orders that missed the SLA (2): T8, T9", notice.Lines[1]);
        Assert.Equal(["T8", "T9"], notice.Items);

        driver.Step(asOf + NodaTime.Duration.FromDays(1), s.Events);
        Assert.Single(driver.Notices, n => n.Kind == "sla_breach"); // one notice per breach, not per day
    }

    /// <summary>
    /// Pinduoduo: two agent messages offering a QR payment ("scan this qr…") on 2026-05-10: one conduct
    /// case per message, for a person to confirm or dismiss within 3 days; a later run opens no more.
    /// </summary>
    [Fact]
    public void Pinduoduo_opens_a_conduct_case_per_flagged_message_for_a_person()
    {
        var s = new EventScript("shop-p")
            .Ask("c1", "b1", "2026-05-10T10:00:00+08:00", text: "hello")
            .Answer("c1", "agent-1", "2026-05-10T10:01:00+08:00", text: "please scan this qr to pay")
            .Answer("c1", "agent-1", "2026-05-10T10:02:00+08:00", text: "scan our qr, pay by qr is cheaper")
            .Answer("c1", "agent-1", "2026-05-10T10:03:00+08:00", text: "thank you");
        var pack = BuiltInPacks.Load("pinduoduo");
        var driver = new MachineDriver(PackMachines.For(pack)!, pack, "shop-p");
        var asOf = EventScript.At("2026-05-11T00:00:00+08:00");
        driver.Step(asOf, s.Events);
        driver.Step(asOf + NodaTime.Duration.FromDays(1), s.Events);

        var cases = driver.Cases.Where(c => c.Kind == "conduct_violation").ToList();
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c => Assert.Equal(CaseStates.AwaitingDecision, c.State));
        Assert.All(cases, c => Assert.Equal(asOf + NodaTime.Duration.FromDays(3), c.DueAt));
        Assert.All(cases, c => Assert.Equal(["confirm", "dismiss"], DecisionRules.Allowed(c)));
        Assert.Equal(2, driver.Notices.Count(n => n.Audience == "operator"));
        Assert.Contains("matched conduct_payment_qr", driver.Notices[0].Lines[0]);

        var book = driver.Book();
        Assert.Null(DecisionRules.Apply(book, cases[0], new Decision(Decision.Confirm), "li", "QR code to a personal account", asOf + NodaTime.Duration.FromDays(2), [], pack));
        driver.Apply(book);
        var told = driver.Notices.Last();
        Assert.Equal("seller", told.Audience);
        Assert.Equal($"Conduct review of message {cases[0].Get(CaseRules.Key)}: confirm", told.Title);
        Assert.Equal(CaseStates.Confirmed, driver.Cases.Single(c => c.Id == cases[0].Id).State);
    }

    /// <summary>
    /// The MALL breach above for a partner registered in Polish ("pl-PL"): the same numbers (80% = 8/10,
    /// limit 95%, window 2026-03-09 to 2026-04-08, orders T8 and T9), written by the pack's Polish template,
    /// and the SLA named by the Polish title of tracking_rate in the pack, not its English one.
    /// </summary>
    [Fact]
    public void Mall_writes_the_breach_notice_in_the_partners_language()
    {
        var s = new EventScript("partner");
        s.Add(EventType.SellerRegistered, "2026-03-01T09:00:00+01:00", e => e with { Language = "pl-PL" });
        for (var i = 0; i < 10; i++)
        {
            var at = $"2026-03-16T{8 + i:00}:30:00+01:00";
            s.Placed($"T{i}", $"2026-03-16T{8 + i:00}:00:00+01:00").Status($"T{i}", OrderStatus.Shipping, at, "seller");
            if (i < 8) s.Shipped($"T{i}", at);
            else s.Shipped($"T{i}", at, tracking: null, url: null);
        }
        var pack = BuiltInPacks.Load("mall");
        var driver = new MachineDriver(PackMachines.For(pack)!, pack, "partner");
        driver.Step(EventScript.At("2026-04-08T00:00:00+02:00"), s.Events);

        var notice = Assert.Single(driver.Notices, n => n.Kind == "sla_breach");
        Assert.Equal("Naruszenie SLA: Wysłane zamówienia z numerem i linkiem do śledzenia przesyłki / wysłane zamówienia", notice.Title);
        Assert.Equal("tracking_rate wynosi 80% (8 z 10 zamówień) od 2026-03-09 do 2026-04-08; limit SLA to 95%.", notice.Lines[0]);
        Assert.Equal("Zamówienia niespełniające SLA (2): T8, T9", notice.Lines[1]);
        // The re-check line ends with the pack's Polish guidance, not its English one.
        Assert.Equal("Ponowna kontrola: 2026-04-15. Gdy towaru brakuje lub jest uszkodzony, natychmiast anuluj zamówienie. "
            + "Aktualizuj stany magazynowe, aby do koszyka trafiały tylko dostępne towary. "
            + "Status DELIVERED wystawia fakturę klientowi i uruchamia odkup od partnera; status RETURNED zwalnia towar.", notice.Lines[2]);
        EnglishWords.AssertNone(notice);

        // Still 8 of 10 at the re-check 5 business days later (2026-04-15): the re-check notice, in Polish, sets the
        // next one 5 business days on (04-16, 17, 20, 21, 22).
        driver.Step(EventScript.At("2026-04-15T00:00:00+02:00"), s.Events);
        var again = Assert.Single(driver.Notices, n => n.Kind == "sla_breach" && n.Title.StartsWith("Nadal", StringComparison.Ordinal));
        Assert.Equal("Nadal poza SLA: Wysłane zamówienia z numerem i linkiem do śledzenia przesyłki / wysłane zamówienia", again.Title);
        Assert.Equal("Ponowna kontrola: 2026-04-22.", again.Lines[2]);
        EnglishWords.AssertNone(again);
    }

    /// <summary>
    /// Pinduoduo for a shop registered in "zh-CN": the operator's review request stays in English, the
    /// decision sent to the shop is in Chinese, from the language the case recorded when it opened.
    /// </summary>
    [Fact]
    public void Pinduoduo_tells_the_shop_in_chinese_and_the_operator_in_english()
    {
        var s = new EventScript("shop-p")
            .Add(EventType.SellerRegistered, "2026-05-01T09:00:00+08:00", e => e with { Language = "zh-CN" })
            .Ask("c1", "b1", "2026-05-10T10:00:00+08:00", text: "hello")
            .Answer("c1", "agent-1", "2026-05-10T10:01:00+08:00", text: "please scan this qr to pay");
        var pack = BuiltInPacks.Load("pinduoduo");
        var driver = new MachineDriver(PackMachines.For(pack)!, pack, "shop-p");
        var asOf = EventScript.At("2026-05-11T00:00:00+08:00");
        driver.Step(asOf, s.Events);

        var conduct = driver.Only("conduct_violation");
        Assert.Equal("zh-CN", conduct.Get(CaseRules.LanguageKey));
        var review = Assert.Single(driver.Notices, n => n.Audience == "operator");
        Assert.StartsWith("Shop shop-p: message ", review.Lines[0], StringComparison.Ordinal);
        var book = driver.Book();
        Assert.Null(DecisionRules.Apply(book, conduct, new Decision(Decision.Dismiss), "li", "a QR code of our own store", asOf + NodaTime.Duration.FromDays(1), [], pack));
        driver.Apply(book);
        var told = driver.Notices.Last();
        Assert.Equal("seller", told.Audience);
        // The decision in Chinese (驳回, "dismissed"), not the English verb given on the command line.
        Assert.Equal($"消息 {conduct.Get(CaseRules.Key)} 的违规审核结果：驳回", told.Title);
        Assert.Equal($"审核人员对消息 {conduct.Get(CaseRules.Key)} 的决定为「驳回」：a QR code of our own store", told.Lines[0]);
    }

    /// <summary>
    /// Pinduoduo's reply-rate notice for a shop registered in "zh-CN". Ten buyers consult on 2026-05-10
    /// (+08:00), one a minute from 10:00; the agent answers eight within a minute and two after five minutes:
    /// reply rate within 3 minutes = 8/10 = 80%, under the standard's 90% (STANDARDS.md, Pinduoduo), so the
    /// run of 2026-05-11 opens the breach and tells the shop in the pack's Chinese.
    /// </summary>
    [Fact]
    public void Pinduoduo_writes_the_reply_rate_notice_in_chinese()
    {
        var s = new EventScript("shop-p").Add(EventType.SellerRegistered, "2026-05-01T09:00:00+08:00", e => e with { Language = "zh-CN" });
        for (var i = 0; i < 10; i++)
        {
            s.Ask($"c{i}", $"b{i}", $"2026-05-10T10:{i:00}:00+08:00", text: "在吗");
            s.Answer($"c{i}", "agent-1", $"2026-05-10T10:{i + (i < 8 ? 1 : 5):00}:00+08:00", text: "您好");
        }
        var pack = BuiltInPacks.Load("pinduoduo");
        var driver = new MachineDriver(PackMachines.For(pack)!, pack, "shop-p");
        driver.Step(EventScript.At("2026-05-11T00:00:00+08:00"), s.Events);

        var notice = Assert.Single(driver.Notices, n => n.Kind == "reply_rate_breach");
        Assert.Equal("客服回复率未达标", notice.Title);
        Assert.Equal(["2026-05-10 3分钟回复率为 80%（10 个咨询中 8 个），标准为不低于 90%。"], notice.Lines);
        EnglishWords.AssertNone(notice);
    }
}
