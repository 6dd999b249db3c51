using Standing.Core.Events;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;
using Standing.Policies;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// The reports of the packs' enforcement sections: MALL's monthly SLA report to the partner and Tmall's
/// weekly agent scorecard to the shop's manager, with the numbers worked by hand from the standards'
/// pages (docs/standards/mall.md, docs/standards/tmall.md).
/// </summary>
public sealed class PeriodicReportTests
{
    /// <summary>
    /// Ten orders placed Monday 2026-05-04 from 08:00 (+02:00, Europe/Warsaw), set to shipping by the
    /// partner half an hour later (within 1 business day), T8 and T9 shipped without tracking; none
    /// cancelled, corrected or delivered. May (2026-05-01 to 05-31) by order date: cancellation 0/10 =
    /// 0% (limit 2%), status errors 0/10 = 0% (limit 1%), tracking 8/10 = 80% under 95% (missed: T8,
    /// T9), shipping confirmation 10/10 = 100%, on-time delivery and delivery confirmation have no
    /// delivered order to measure.
    /// </summary>
    private static EventScript May(string? language = null)
    {
        var s = new EventScript("partner");
        if (language is not null) s.Add(EventType.SellerRegistered, "2026-04-01T09:00:00+02:00", e => e with { Language = language });
        for (var i = 0; i < 10; i++)
        {
            var at = $"2026-05-04T{8 + i:00}:30:00+02:00";
            s.Placed($"T{i}", $"2026-05-04T{8 + i:00}:00:00+02:00").Status($"T{i}", OrderStatus.Shipping, at, "seller");
            if (i < 8) s.Shipped($"T{i}", at);
            else s.Shipped($"T{i}", at, tracking: null, url: null);
        }
        return s;
    }

    private static MachineDriver Driver(string pack, string seller)
    {
        var policy = BuiltInPacks.Load(pack);
        return new MachineDriver(PackMachines.For(policy)!, policy, seller);
    }

    [Fact]
    public void Mall_sends_the_partner_a_monthly_report_of_every_sla_with_the_orders_that_missed()
    {
        var driver = Driver("mall", "partner");
        var events = May().Events;
        driver.Step(EventScript.At("2026-06-01T00:00:00+02:00"), events);

        var report = Assert.Single(driver.Notices, n => n.Kind == "sla_report");
        Assert.Equal("seller", report.Audience);
        Assert.Equal("Monthly SLA report: 2026-05-01 to 2026-05-31", report.Title);
        Assert.Equal(
        [
            "Your results against each SLA for orders placed from 2026-05-01 to 2026-05-31:",
            "cancellation_rate: 0% (0 of 10 orders), limit 2%: met. Orders that missed the SLA (0): none",
            "status_error_rate: 0% (0 of 10 orders), limit 1%: met. Orders that missed the SLA (0): none",
            "tracking_rate: 80% (8 of 10 orders), limit 95%: missed. Orders that missed the SLA (2): T8, T9",
            "on_time_delivery: not enough data to measure (0 of 0 orders), limit 95%: not judged (too few orders). Orders that missed the SLA (0): none",
            "shipping_confirmation_sla: 100% (10 of 10 orders), limit 95%: met. Orders that missed the SLA (0): none",
            "delivery_confirmation_sla: not enough data to measure (0 of 0 orders), limit 95%: not judged (too few orders). Orders that missed the SLA (0): none",
        ], report.Lines);
        Assert.Equal(["T8", "T9"], report.Items);
        var sent = driver.Only("sla_report");
        Assert.Equal(("mall.sla_report.partner.20260501", CaseStates.Sent, false), (sent.Id, sent.State, sent.IsOpen));

        // Once per month: the next day sends nothing; June had no orders, so July 1 sends nothing either.
        driver.Step(EventScript.At("2026-06-02T00:00:00+02:00"), events);
        driver.Step(EventScript.At("2026-07-01T00:00:00+02:00"), events);
        Assert.Single(driver.Notices, n => n.Kind == "sla_report");
    }

    [Fact]
    public void Mall_writes_the_monthly_report_in_polish_for_a_partner_registered_in_polish()
    {
        var driver = Driver("mall", "partner");
        driver.Step(EventScript.At("2026-06-01T00:00:00+02:00"), May("pl").Events);

        var report = Assert.Single(driver.Notices, n => n.Kind == "sla_report");
        Assert.Equal("Miesięczny raport SLA: od 2026-05-01 do 2026-05-31", report.Title);
        Assert.Equal("Wyniki względem każdego SLA dla zamówień złożonych od 2026-05-01 do 2026-05-31:", report.Lines[0]);
        Assert.Equal("cancellation_rate: 0% (0 z 10 zamówień), limit 2%: SLA spełnione. Zamówienia niespełniające SLA (0): brak", report.Lines[1]);
        Assert.Equal("tracking_rate: 80% (8 z 10 zamówień), limit 95%: SLA niespełnione. Zamówienia niespełniające SLA (2): T8, T9", report.Lines[3]);
        Assert.Equal("on_time_delivery: za mało danych do pomiaru (0 z 0 zamówień), limit 95%: SLA nieoceniane (za mało zamówień). Zamówienia niespełniające SLA (0): brak", report.Lines[4]);
        EnglishWords.AssertNone(report);
    }

    /// <summary>
    /// Tmall's week of Monday 2026-05-04 to Sunday 05-10 (Asia/Shanghai), as worked in the pack's
    /// scorecard test: anna answers T1 in 10 s then 25 s, T2 in 20 s of shift time, T4 in 30 s, T5 in
    /// 15 s → first responses 10, 20, 30, 15 = 18.75 s and all responses 100 / 5 = 20 s, both over the
    /// 15 s target; 4 sessions, satisfaction 1/2 = 50%, conversion 1/4 = 25%. bo's first response 5 s
    /// and average 45 / 3 = 15 s are not over it. The scorecard of the run of Monday 05-11 names anna only.
    /// </summary>
    private static EventScript Week(string? language = null)
    {
        var s = new EventScript("shop");
        if (language is not null) s.Add(EventType.SellerRegistered, "2026-04-01T09:00:00+08:00", e => e with { Language = language });
        return s
            .Ask("T1", "b1", "2026-05-05T10:00:00+08:00")
            .Answer("T1", "anna", "2026-05-05T10:00:10+08:00")
            .Ask("T1", "b1", "2026-05-05T10:01:00+08:00")
            .Ask("T1", "b1", "2026-05-05T10:01:05+08:00")
            .Answer("T1", "anna", "2026-05-05T10:01:25+08:00")
            .Rated("T1", "2026-05-05T10:05:00+08:00", stars: 5)
            .PlacedBy("o1", "b1", "2026-05-05T11:00:00+08:00")
            .Ask("T2", "b2", "2026-05-06T07:00:00+08:00")
            .Answer("T2", "anna", "2026-05-06T08:30:20+08:00")
            .Rated("T2", "2026-05-06T08:40:00+08:00", stars: 3)
            .Ask("T3", "b3", "2026-05-06T16:30:00+08:00")
            .Answer("T3", "bo", "2026-05-06T16:30:05+08:00")
            .Ask("T3", "b3", "2026-05-06T23:29:50+08:00")
            .Answer("T3", "bo", "2026-05-06T23:30:30+08:00")
            .Ask("T3", "b3", "2026-05-06T23:40:00+08:00")
            .Answer("T3", "bo", "2026-05-06T23:40:08+08:00")
            .Rated("T3", "2026-05-06T23:50:00+08:00", stars: 1)
            .PlacedBy("o3", "b3", "2026-05-07T23:00:00+08:00")
            .Ask("T4", "b4", "2026-05-07T12:00:00+08:00")
            .Bot("T4", "2026-05-07T12:00:02+08:00")
            .Ask("T4", "b4", "2026-05-07T12:01:00+08:00", human: true)
            .Answer("T4", "anna", "2026-05-07T12:01:30+08:00")
            .Answer("T4", "bo", "2026-05-07T12:05:00+08:00")
            .PlacedBy("o4", "b4", "2026-05-09T12:00:00+08:00")
            .Ask("T5", "b5", "2026-05-09T23:50:00+08:00")
            .Answer("T5", "anna", "2026-05-10T08:30:15+08:00");
    }

    [Fact]
    public void Tmall_sends_the_weekly_scorecard_with_the_agents_over_target()
    {
        var driver = Driver("tmall", "shop");
        var events = Week().Events;
        driver.Step(EventScript.At("2026-05-11T00:00:00+08:00"), events);

        var card = Assert.Single(driver.Notices);
        Assert.Equal(("agent_scorecard", "seller"), (card.Kind, card.Audience));
        Assert.Equal("Weekly agent scorecard: 2026-05-04 to 2026-05-10", card.Title);
        Assert.Equal(
        [
            "Agents whose first or average response was over the target from 2026-05-04 to 2026-05-10: 1",
            "anna: first response 18.75 s, average response 20 s (target 15 s), sessions: 4; satisfaction 50%, conversion 25%",
        ], card.Lines);

        // The week is reported once; the next week had no session, so nothing is sent for it.
        driver.Step(EventScript.At("2026-05-12T00:00:00+08:00"), events);
        driver.Step(EventScript.At("2026-05-18T00:00:00+08:00"), events);
        Assert.Single(driver.Notices);
    }

    [Fact]
    public void Tmall_writes_the_scorecard_in_chinese_for_a_shop_registered_in_chinese()
    {
        var driver = Driver("tmall", "shop");
        driver.Step(EventScript.At("2026-05-11T00:00:00+08:00"), Week("zh-CN").Events);

        var card = Assert.Single(driver.Notices);
        Assert.Equal("客服周度考核：2026-05-04 至 2026-05-10", card.Title);
        Assert.Equal(
        [
            "2026-05-04 至 2026-05-10 首次响应或平均响应超出目标的客服：1 人",
            "anna：首次响应 18.75 秒，平均响应 20 秒（目标 15 秒），接待会话 4 个；满意度 50%，转化率 25%",
        ], card.Lines);
        EnglishWords.AssertNone(card);
    }
}
