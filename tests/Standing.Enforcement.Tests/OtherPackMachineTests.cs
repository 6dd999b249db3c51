using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Metrics;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;

namespace Standing.Enforcement.Tests;

/// <summary>Douyin's restriction, E-confiance's badge and Kuaishou's violations and attitude fines, on hand-made evaluations.</summary>
public sealed class OtherPackMachineTests
{
    private const string Seller = "shop-x";

    // Douyin: half months [1 Mar, 16 Mar) judged on 16 Mar, [16 Mar, 1 Apr) on 1 Apr, [1 Apr, 16 Apr) on 16 Apr.
    private static readonly MetricDefinition Reply2Min = HandMade.Metric("reply_2min", new CalendarWindow(CalendarPeriod.HalfMonth));

    private static SellerEvaluation HalfMonth(Instant start, Instant end, bool failed) =>
        HandMade.Evaluation(Seller, [HandMade.Result(Reply2Min, failed ? 0.7 : 0.9, failed ? MetricStatus.Breach : MetricStatus.Good, start, end)],
            (ActivityRestrictionMachine.Outcome, failed));

    [Fact]
    public void Douyin_restricts_until_the_next_passing_half_month_assessment()
    {
        var driver = new MachineDriver(new ActivityRestrictionMachine(), HandMade.Policy("douyin"), Seller);
        var mar1 = HandMade.Day(2026, 3, 1);
        var mar16 = HandMade.Day(2026, 3, 16);
        var apr1 = HandMade.Day(2026, 4, 1);
        var apr16 = HandMade.Day(2026, 4, 16);

        // Every day from 16 to 31 March sees the failed assessment of 1–15 March: one restriction.
        for (var d = mar16; d < apr1; d += Duration.FromDays(1)) driver.Step(d, [], HalfMonth(mar1, mar16, failed: true));
        Assert.Equal(CaseStates.Restricted, driver.Only(CaseKinds.ActivityRestriction).State);
        Assert.Single(driver.Audit);

        // 16–31 March fails too: the restriction continues (audited once).
        for (var d = apr1; d < apr16; d += Duration.FromDays(1)) driver.Step(d, [], HalfMonth(mar16, apr1, failed: true));
        Assert.Equal(CaseStates.Restricted, driver.Only(CaseKinds.ActivityRestriction).State);
        Assert.Equal(2, driver.Audit.Count);

        driver.Step(apr16, [], HalfMonth(apr1, apr16, failed: false));
        var lifted = driver.Only(CaseKinds.ActivityRestriction);
        Assert.Equal(CaseStates.Lifted, lifted.State);
        Assert.Equal(apr16, lifted.ClosedAt);
        Assert.Equal([CaseKinds.ActivityRestriction, "restriction_lifted"], driver.Notices.Select(n => n.Kind));
    }

    [Fact]
    public void Douyin_keeps_the_restriction_through_a_half_month_with_too_little_data()
    {
        // docs/standards/douyin.md: restricted "until the next passing assessment"; a half month with too few sessions to
        // judge (insufficient data, never a breach) is not a pass either.
        var driver = new MachineDriver(new ActivityRestrictionMachine(), HandMade.Policy("douyin"), Seller);
        var mar1 = HandMade.Day(2026, 3, 1);
        var mar16 = HandMade.Day(2026, 3, 16);
        var apr1 = HandMade.Day(2026, 4, 1);
        var apr16 = HandMade.Day(2026, 4, 16);
        driver.Step(mar16, [], HalfMonth(mar1, mar16, failed: true));

        var thin = HandMade.Evaluation(Seller, [HandMade.Result(Reply2Min, null, MetricStatus.InsufficientData, mar16, apr1)],
            (ActivityRestrictionMachine.Outcome, false));
        driver.Step(apr1, [], thin);
        Assert.Equal(CaseStates.Restricted, driver.Only(CaseKinds.ActivityRestriction).State);
        Assert.Contains("too little data for reply_2min", driver.Audit[^1].Reason);
        Assert.Single(driver.Notices);

        driver.Step(apr16, [], HalfMonth(apr1, apr16, failed: false));
        Assert.Equal(CaseStates.Lifted, driver.Only(CaseKinds.ActivityRestriction).State);
    }

    [Fact]
    public void Douyin_does_not_judge_a_passed_half_month_again_when_it_later_looks_failed()
    {
        // docs/standards/douyin.md: assessed on the 1st and the 16th. A session still pending at the 16th's run that turns
        // late, or a late event, makes the same half month look failed the next day: no restriction.
        var driver = new MachineDriver(new ActivityRestrictionMachine(), HandMade.Policy("douyin"), Seller);
        var mar1 = HandMade.Day(2026, 3, 1);
        var mar16 = HandMade.Day(2026, 3, 16);
        driver.Step(mar16, [], HalfMonth(mar1, mar16, failed: false));
        driver.Step(mar16 + Duration.FromDays(1), [], HalfMonth(mar1, mar16, failed: true));
        Assert.Empty(driver.Cases);

        // A first run after the assessment day (none on the 16th) still judges the half month.
        var late = new MachineDriver(new ActivityRestrictionMachine(), HandMade.Policy("douyin"), Seller);
        late.Step(mar16 + Duration.FromDays(2), [], HalfMonth(mar1, mar16, failed: true));
        Assert.Equal(CaseStates.Restricted, late.Only(CaseKinds.ActivityRestriction).State);
    }

    [Fact]
    public void Douyin_judges_the_half_month_once_even_beside_a_rolling_metric()
    {
        var driver = new MachineDriver(new ActivityRestrictionMachine(), HandMade.Policy("douyin"), Seller);
        var mar1 = HandMade.Day(2026, 3, 1);
        var mar16 = HandMade.Day(2026, 3, 16);
        var rolling = HandMade.Metric("daily_volume", new RollingWindow(7));
        for (var d = mar16; d < mar16 + Duration.FromDays(5); d += Duration.FromDays(1))
        {
            var failed = HalfMonth(mar1, mar16, failed: true);
            var evaluation = failed with { Metrics = [.. failed.Metrics, HandMade.Result(rolling, 1, MetricStatus.Good, d - Duration.FromDays(7), d)] };
            driver.Step(d, [], evaluation);
        }
        Assert.Single(driver.Audit);
    }

    private static SellerEvaluation Index(double index) =>
        HandMade.Evaluation(Seller, [HandMade.Result(HandMade.Metric("trust_index", new RollingWindow(365)), index, MetricStatus.Good, null, Instant.MinValue)],
            (TrustBadgeMachine.Outcome, index >= 80));

    [Fact]
    public void Econfiance_grants_the_badge_at_the_threshold_and_withdraws_it_below()
    {
        var driver = new MachineDriver(new TrustBadgeMachine(), HandMade.Policy("econfiance"), Seller);
        driver.Step(HandMade.Day(2026, 5, 1), [], Index(79.9));
        Assert.Empty(driver.Cases);
        driver.Step(HandMade.Day(2026, 5, 2), [], Index(80));
        driver.Step(HandMade.Day(2026, 5, 3), [], Index(85));
        Assert.Equal(CaseStates.Granted, driver.Only(CaseKinds.TrustBadge).State);
        driver.Step(HandMade.Day(2026, 5, 4), [], Index(70));
        Assert.Equal(CaseStates.Withdrawn, driver.Only(CaseKinds.TrustBadge).State);
        driver.Step(HandMade.Day(2026, 5, 5), [], Index(90));
        Assert.Equal(2, driver.Cases.Count);
        Assert.Equal(["badge_granted", "badge_withdrawn", "badge_granted"], driver.Notices.Select(n => n.Kind));
    }

    /// <summary>A shop registered in French (fr-FR) on 2026-04-01.</summary>
    private static readonly StandingEvent[] French =
        [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 4, 1), Seller = Seller, Language = "fr-FR" }];

    /// <summary>
    /// The pack's own badge texts, in the shop's French, with the index and the pack's threshold (80,
    /// docs/standards/econfiance.md): 85 earns the badge, 70 loses it.
    /// </summary>
    [Fact]
    public void Econfiance_tells_a_french_shop_in_french_with_the_packs_numbers()
    {
        var pack = Standing.Policies.BuiltInPacks.Load("econfiance");
        var index = pack.Metrics.Single(m => m.Id == "trust_index");
        SellerEvaluation At(double value) => HandMade.Evaluation(Seller, [HandMade.Result(index, value, MetricStatus.Good, null, Instant.MinValue)],
            (TrustBadgeMachine.Outcome, value >= 80));
        var driver = new MachineDriver(new TrustBadgeMachine(), pack, Seller);
        driver.Step(HandMade.Day(2026, 5, 2), French, At(85));
        driver.Step(HandMade.Day(2026, 5, 3), French, At(70));

        Assert.Equal(["Badge de confiance attribué", "Badge de confiance retiré"], driver.Notices.Select(n => n.Title));
        Assert.Equal("Votre indice de confiance après-vente est de 85 sur 100, au niveau du seuil de 80 ou au-dessus : votre boutique obtient le badge de confiance.", driver.Notices[0].Lines[0]);
        Assert.Equal("Votre indice de confiance après-vente est descendu à 70 sur 100, sous le seuil de 80 : le badge de confiance est retiré à votre boutique.", driver.Notices[1].Lines[0]);
        Assert.All(driver.Notices, EnglishWords.AssertNone);

        // The same pack for a shop without a language: the English text, as the machine always wrote it.
        var english = new MachineDriver(new TrustBadgeMachine(), pack, Seller);
        english.Step(HandMade.Day(2026, 5, 2), [], At(85));
        Assert.Equal("Trust badge granted", english.Notices[0].Title);
        Assert.StartsWith("Your after-sales trust index earns the trust badge: ", english.Notices[0].Lines[0], StringComparison.Ordinal);
    }

    /// <summary>Douyin's restriction for a shop registered in Chinese (zh-CN): the pack's Chinese text with the half month judged.</summary>
    [Fact]
    public void Douyin_tells_a_chinese_shop_in_chinese()
    {
        var pack = Standing.Policies.BuiltInPacks.Load("douyin");
        var driver = new MachineDriver(new ActivityRestrictionMachine(), pack with { Metrics = [Reply2Min] }, Seller);
        StandingEvent[] chinese = [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 2, 1), Seller = Seller, Language = "zh-CN" }];
        // The half months at Asia/Shanghai midnights, as the pack's windows are; the notice names their local days.
        static Instant Shanghai(int month, int day) => HandMade.Day(2026, month, day) - Duration.FromHours(8);
        driver.Step(HandMade.Day(2026, 3, 16), chinese, HalfMonth(Shanghai(3, 1), Shanghai(3, 16), failed: true));

        var notice = Assert.Single(driver.Notices);
        Assert.Equal("平台活动报名受限", notice.Title);
        Assert.Equal(["您的店铺客服未通过 2026-03-01 – 2026-03-15 的半月考核。", "在考核通过之前，您不能报名参加平台活动（大促等）；考核于每月1日和16日进行。"], notice.Lines);
        EnglishWords.AssertNone(notice);

        // The next half month passes: lifted, in Chinese.
        driver.Step(HandMade.Day(2026, 4, 1), chinese, HalfMonth(Shanghai(3, 16), Shanghai(4, 1), failed: false));
        var lifted = Assert.Single(driver.Notices, n => n.Kind == "restriction_lifted");
        Assert.Equal("活动限制已解除", lifted.Title);
        Assert.Equal(["您的店铺客服已通过 2026-03-16 – 2026-03-31 的半月考核，可以重新报名参加平台活动。"], lifted.Lines);
        EnglishWords.AssertNone(lifted);
    }

    /// <summary>
    /// A person lifts a Chinese shop's restriction before any assessment passed: the restriction case recorded the
    /// shop's language when it opened, so the decision's notice is the pack's Chinese text with the note as written.
    /// </summary>
    [Fact]
    public void Douyin_tells_a_chinese_shop_a_person_lifted_its_restriction_in_chinese()
    {
        var pack = Standing.Policies.BuiltInPacks.Load("douyin");
        var driver = new MachineDriver(new ActivityRestrictionMachine(), pack with { Metrics = [Reply2Min] }, Seller);
        StandingEvent[] chinese = [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 2, 1), Seller = Seller, Language = "zh-CN" }];
        // The half months at Asia/Shanghai midnights, as the pack's windows are; the notice names their local days.
        static Instant Shanghai(int month, int day) => HandMade.Day(2026, month, day) - Duration.FromHours(8);
        driver.Step(HandMade.Day(2026, 3, 16), chinese, HalfMonth(Shanghai(3, 1), Shanghai(3, 16), failed: true));
        var restriction = driver.Only(CaseKinds.ActivityRestriction);
        Assert.Equal("zh-CN", restriction.Get(CaseRules.LanguageKey));

        var book = driver.Book();
        Assert.Null(DecisionRules.Apply(book, restriction, new Decision(Decision.Reinstate), "wang", "申诉已核实", HandMade.Day(2026, 3, 18), [], pack));
        driver.Apply(book);

        var lifted = Assert.Single(driver.Notices, n => n.Kind == "restriction_lifted");
        Assert.Equal("活动限制已解除", lifted.Title);
        Assert.Equal(["原因：申诉已核实"], lifted.Lines);
        EnglishWords.AssertNone(lifted);
    }

    private static readonly MetricDefinition RefundHandling = HandMade.Metric("refund_only_handling", new RollingWindow(30));
    private static readonly MetricDefinition WeeklySatisfaction = HandMade.Metric("cs_satisfaction_week", new CalendarWindow(CalendarPeriod.Week));
    private static readonly MetricDefinition Attitude = HandMade.Metric("attitude_rate", new CalendarWindow(CalendarPeriod.Month));

    private static SellerEvaluation Kuaishou(Instant asOf, bool refundViolation, bool weekViolation, string? attitudeTier, Instant weekStart)
    {
        var monthStart = Instant.FromUtc(2026, 3, 1, 0, 0);
        return HandMade.Evaluation(Seller,
            [
                HandMade.Result(RefundHandling, 13, MetricStatus.Breach, asOf - Duration.FromDays(30), asOf),
                HandMade.Result(WeeklySatisfaction, 0.8, MetricStatus.Breach, weekStart, weekStart + Duration.FromDays(7)),
                HandMade.Result(Attitude, 0.1, MetricStatus.Breach, monthStart, Instant.FromUtc(2026, 4, 1, 0, 0)),
            ],
            ("violation_refund_only_handling", refundViolation),
            ("violation_cs_satisfaction_week", weekViolation),
            ("attitude_minor", attitudeTier is not null),
            ("attitude_serious", attitudeTier is "attitude_serious" or "attitude_very_serious"),
            ("attitude_very_serious", attitudeTier is "attitude_very_serious"));
    }

    [Fact]
    public void Kuaishou_records_a_violation_per_threshold_once_per_window()
    {
        var driver = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou"), Seller);
        var week1 = HandMade.Day(2026, 4, 6); // a Monday
        var week2 = HandMade.Day(2026, 4, 13);
        // 13 days in a row: the rolling 30-day violation once; the weekly one once per week.
        for (var d = 0; d < 13; d++)
        {
            var asOf = HandMade.Day(2026, 4, 14) + Duration.FromDays(d);
            driver.Step(asOf, [], Kuaishou(asOf, refundViolation: true, weekViolation: true, null, asOf < week2 + Duration.FromDays(7) ? week1 : week2));
        }
        var violations = driver.Cases.Where(c => CaseKinds.Family(c.Kind) == CaseKinds.Violation).ToList();
        Assert.Single(violations, v => v.Kind == "violation_refund_only_handling");
        Assert.Equal(2, violations.Count(v => v.Get("metric") == "cs_satisfaction_week"));
        Assert.All(violations, v => Assert.Equal(CaseStates.Recorded, v.State));

        // 30 days after the first record the same rolling breach is new evidence.
        var later = HandMade.Day(2026, 5, 14);
        driver.Step(later, [], Kuaishou(later, refundViolation: true, weekViolation: false, null, week2));
        Assert.Equal(2, driver.Cases.Count(v => v.Get("metric") == "refund_only_handling"));
    }

    [Fact]
    public void Kuaishou_attitude_fine_range_comes_from_the_pack_when_it_sets_one()
    {
        // An operator's pack that sets the serious tier's fine to 200–400 CNY: the case carries that range.
        var driver = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou"), Seller);
        var asOf = HandMade.Day(2026, 4, 2);
        var evaluation = Kuaishou(asOf, false, false, "attitude_serious", asOf);
        evaluation = evaluation with
        {
            Outcomes = evaluation.Outcomes.Select(o => o.Outcome == "attitude_serious"
                ? o with { Fine = new Standing.Core.Policies.FineRange(200, 400, "CNY"), Penalty = "warning and a fine of 200–400 CNY" }
                : o).ToList(),
        };
        driver.Step(asOf, [], evaluation);
        var penalty = driver.Only("attitude_serious");
        Assert.Equal(200, penalty.GetNumber("fine_min"));
        Assert.Equal(400, penalty.GetNumber("fine_max"));
        Assert.Equal("warning and a fine of 200–400 CNY", penalty.Get("penalty"));
    }

    /// <summary>
    /// A shop registered in Chinese (zh-CN) gets the pack's Chinese texts. By hand from the standard: March's
    /// service-attitude bad-review rate of 10% is above 6% and above 9% but not 12%, the serious tier, whose
    /// fine is 100–300 CNY; the refund-only violation is judged over the rolling 30 days before 2026-04-02.
    /// </summary>
    [Fact]
    public void Kuaishou_tells_a_chinese_shop_in_chinese()
    {
        var policy = HandMade.Policy("kuaishou") with { Notices = Standing.Policies.BuiltInPacks.Load("kuaishou").Notices };
        var driver = new MachineDriver(new KuaishouMachine(), policy, Seller);
        StandingEvent[] chinese = [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 2, 1), Seller = Seller, Language = "zh-CN" }];
        var asOf = HandMade.Day(2026, 4, 2);
        driver.Step(asOf, chinese, Kuaishou(asOf, refundViolation: true, weekViolation: false, "attitude_serious", asOf));

        var violation = Assert.Single(driver.Notices, n => n.Kind == CaseKinds.Violation);
        Assert.Equal("违规记录：refund_only_handling", violation.Title);
        Assert.StartsWith("refund_only_handling 在 2026-03-03 – 2026-04-01 期间达到违规处理门槛", Assert.Single(violation.Lines), StringComparison.Ordinal);
        var penalty = Assert.Single(driver.Notices, n => n.Kind == CaseKinds.AttitudePenalty);
        Assert.Equal("服务态度处罚", penalty.Title);
        Assert.Equal(["您的店铺在 2026-03-01 – 2026-03-31 期间的服务态度差评率高于标准（不超过 6%）。",
            "处罚：警告、考试及罚款（100–300 元）。具体罚款金额由平台在上述范围内确定。"], penalty.Lines);
        Assert.All(driver.Notices, EnglishWords.AssertNone);
    }

    /// <summary>
    /// The serious tier's fine for the Chinese shop above: the operator sets 200 (within 100–300 CNY), and the shop is
    /// told in Chinese — the tier as the standard names it (严重), the penalty, the amount in 元, the note as written.
    /// </summary>
    [Fact]
    public void Kuaishou_tells_a_chinese_shop_its_fine_in_chinese()
    {
        var pack = Standing.Policies.BuiltInPacks.Load("kuaishou");
        var driver = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou") with { Notices = pack.Notices }, Seller);
        StandingEvent[] chinese = [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 2, 1), Seller = Seller, Language = "zh-CN" }];
        var asOf = HandMade.Day(2026, 4, 2);
        driver.Step(asOf, chinese, Kuaishou(asOf, refundViolation: false, weekViolation: false, "attitude_serious", asOf));
        var penalty = driver.Only("attitude_serious");
        Assert.Equal("zh-CN", penalty.Get(CaseRules.LanguageKey));

        var book = driver.Book();
        Assert.Null(DecisionRules.Apply(book, penalty, new Decision(Decision.Fine, 200), "li", "首次违规", asOf + Duration.FromDays(2), [], HandMade.Policy("kuaishou") with { Notices = pack.Notices }));
        driver.Apply(book);

        var fine = Assert.Single(driver.Notices, n => n.Kind == "fine");
        Assert.Equal("罚款 200 元", fine.Title);
        Assert.Equal(["服务态度处罚（严重，2026-03-01 – 2026-03-31）：警告、考试及罚款（100–300 元）。", "平台确定的罚款金额：200 元。", "原因：首次违规"], fine.Lines);
        EnglishWords.AssertNone(fine);
    }

    /// <summary>
    /// A violation of the pack's own refund-only handling metric for a shop registered in "zh-CN": the notice
    /// names the metric by its Chinese title in the pack (仅退款申请至商家首次处理的平均时长（小时）), not its English one.
    /// </summary>
    [Fact]
    public void Kuaishou_names_the_metric_by_its_chinese_title_from_the_pack()
    {
        var pack = Standing.Policies.BuiltInPacks.Load("kuaishou");
        var metric = pack.Metrics.Single(m => m.Id == "refund_only_handling_hours");
        var driver = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou") with { Notices = pack.Notices }, Seller);
        StandingEvent[] chinese = [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 2, 1), Seller = Seller, Language = "zh-CN" }];
        var asOf = HandMade.Day(2026, 4, 2);
        driver.Step(asOf, chinese, HandMade.Evaluation(Seller,
            [HandMade.Result(metric, 13, MetricStatus.Breach, asOf - Duration.FromDays(30), asOf)], ("violation_refund_only_handling_hours", true)));

        var violation = Assert.Single(driver.Notices, n => n.Kind == CaseKinds.Violation);
        Assert.Equal("违规记录：仅退款申请至商家首次处理的平均时长（小时）", violation.Title);
        // The 13 hours in Chinese (小时), not "13 h".
        Assert.Equal(["refund_only_handling_hours 在 2026-03-03 – 2026-04-01 期间达到违规处理门槛（当前值：13 小时），已记录一次违规，将由平台处理。"], violation.Lines);
    }

    /// <summary>
    /// An operator's copy of the pack whose service-attitude standard is "at most 5%" (its metric's threshold):
    /// a March rate of 10% is above it, and the penalty notice says 5%, in English and in Chinese, not the
    /// standard's 6%.
    /// </summary>
    [Theory]
    [InlineData(null, "Your service-attitude bad-review rate over 2026-03-01 – 2026-03-31 is above the standard (at most 5%).")]
    [InlineData("zh-CN", "您的店铺在 2026-03-01 – 2026-03-31 期间的服务态度差评率高于标准（不超过 5%）。")]
    public void Kuaishou_penalty_says_the_copied_packs_own_limit(string? language, string first)
    {
        var pack = Standing.Policies.BuiltInPacks.Load("kuaishou");
        var rate = pack.Metrics.Single(m => m.Id == "attitude_bad_rate_month");
        var copied = rate with { Standard = rate.Standard! with { Threshold = 0.05 } };
        var policy = HandMade.Policy("kuaishou") with { Rules = pack.Rules, Notices = pack.Notices, Metrics = [copied] };
        var driver = new MachineDriver(new KuaishouMachine(), policy, Seller);
        StandingEvent[] registered = language is null ? [] : [new() { Id = "r", Type = EventType.SellerRegistered, At = HandMade.Day(2026, 2, 1), Seller = Seller, Language = language }];
        var asOf = HandMade.Day(2026, 4, 2);
        driver.Step(asOf, registered, HandMade.Evaluation(Seller,
            [HandMade.Result(copied, 0.1, MetricStatus.Breach, Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0))],
            ("attitude_minor", true), ("attitude_serious", true), ("attitude_very_serious", false)));

        var penalty = Assert.Single(driver.Notices, n => n.Kind == CaseKinds.AttitudePenalty);
        Assert.Equal(first, penalty.Lines[0]);
    }

    /// <summary>The pack's English texts say what the machine wrote before they moved to the pack, for every tier.</summary>
    [Theory]
    [InlineData("attitude_minor")]
    [InlineData("attitude_serious")]
    [InlineData("attitude_very_serious")]
    public void Kuaishou_packs_english_is_the_machines_own(string tier)
    {
        var asOf = HandMade.Day(2026, 4, 2);
        var fromPack = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou") with { Notices = Standing.Policies.BuiltInPacks.Load("kuaishou").Notices }, Seller);
        var fromCode = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou"), Seller);
        fromPack.Step(asOf, [], Kuaishou(asOf, true, false, tier, asOf));
        fromCode.Step(asOf, [], Kuaishou(asOf, true, false, tier, asOf));

        Assert.Equal(2, fromCode.Notices.Count);
        Assert.Equal(fromCode.Notices.Select(n => (n.Title, string.Join("\n", n.Lines))), fromPack.Notices.Select(n => (n.Title, string.Join("\n", n.Lines))));
    }

    [Fact]
    public void Kuaishou_serious_attitude_waits_for_a_fine_within_100_to_300_cny()
    {
        var driver = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou"), Seller);
        var asOf = HandMade.Day(2026, 4, 2);
        driver.Step(asOf, [], Kuaishou(asOf, false, false, "attitude_serious", asOf));
        driver.Step(asOf + Duration.FromDays(1), [], Kuaishou(asOf, false, false, "attitude_serious", asOf));
        var penalty = driver.Only("attitude_serious");
        Assert.Equal(CaseStates.AwaitingFine, penalty.State);
        Assert.Equal("attitude_serious", penalty.Get("tier"));
        Assert.Equal(["fine:100..300", "dismiss"], DecisionRules.Allowed(penalty));

        var book = driver.Book();
        Assert.Equal($"fine 50 CNY is outside the range 100–300 CNY of tier attitude_serious",
            DecisionRules.Apply(book, penalty, new Decision(Decision.Fine, 50), "li", "first offence", asOf + Duration.FromDays(2), []));
        Assert.Null(DecisionRules.Apply(book, penalty, new Decision(Decision.Fine, 200), "li", "first offence", asOf + Duration.FromDays(2), []));
        driver.Apply(book);
        var fined = driver.Only("attitude_serious");
        Assert.Equal(CaseStates.Fined, fined.State);
        Assert.Equal("200", fined.Get("fine"));
        Assert.Contains(driver.Notices, n => n.Kind == "fine" && n.Title == "Fine of 200 CNY");
    }

    [Fact]
    public void Kuaishou_minor_attitude_has_no_fine_and_very_serious_ranges_500_to_1000()
    {
        var minor = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou"), Seller);
        var asOf = HandMade.Day(2026, 4, 2);
        minor.Step(asOf, [], Kuaishou(asOf, false, false, "attitude_minor", asOf));
        var m = minor.Only("attitude_minor");
        Assert.Equal(CaseStates.Recorded, m.State);
        Assert.NotNull(DecisionRules.Apply(minor.Book(), m, new Decision(Decision.Fine, 100), "li", "x", asOf, []));

        var severe = new MachineDriver(new KuaishouMachine(), HandMade.Policy("kuaishou"), Seller);
        severe.Step(asOf, [], Kuaishou(asOf, false, false, "attitude_very_serious", asOf));
        var v = severe.Only("attitude_very_serious");
        Assert.Equal("attitude_very_serious", v.Get("tier"));
        Assert.Equal(["fine:500..1000", "dismiss"], DecisionRules.Allowed(v));
    }

    [Fact]
    public void Decisions_name_the_person_and_the_reason()
    {
        Assert.Null(Decision.Parse("fine:abc", out var error));
        Assert.Contains("positive number", error);
        Assert.Null(Decision.Parse("approve", out error));
        Assert.Contains("not one of confirm, dismiss, reinstate, answer, fine:AMOUNT", error);
        Assert.Equal(new Decision(Decision.Fine, 250.5m), Decision.Parse("fine:250.5", out _));

        var driver = new MachineDriver(new TrustBadgeMachine(), HandMade.Policy("econfiance"), Seller);
        driver.Step(HandMade.Day(2026, 5, 2), [], Index(90));
        var badge = driver.Only(CaseKinds.TrustBadge);
        Assert.Equal($"case {badge.Id} (trust_badge) is granted: \"dismiss\" is not allowed there; no decision is open on it",
            DecisionRules.Apply(driver.Book(), badge, new Decision(Decision.Dismiss), "x", "y", HandMade.Day(2026, 5, 3), []));
        Assert.Equal("--note must say why", DecisionRules.Apply(driver.Book(), badge, new Decision(Decision.Dismiss), "x", " ", HandMade.Day(2026, 5, 3), []));
    }
}
