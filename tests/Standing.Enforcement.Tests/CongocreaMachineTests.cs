using NodaTime;
using Standing.Core.Metrics;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;
using Standing.Policies;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// Congocrea's warning and escalation (docs/standards/congocrea.md) with the built-in pack. The shop places 200
/// orders one an hour from 2026-04-01 (through 2026-04-09 07:00) and orders 1–3 get one-star reviews
/// on 2026-04-10: as of 2026-04-15, ODR = 3/200 = 1.5% ≥ 1%, 3 defective orders since the first sale,
/// 3 in the last 60 days — all three conditions of the automatic warning hold.
/// </summary>
public sealed class CongocreaMachineTests
{
    private const string Seller = "shop-c";
    private static readonly Instant Warned = HandMade.Day(2026, 4, 15);

    private readonly MachineDriver _driver = new(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);

    private static EventScript Shop()
    {
        var s = new EventScript(Seller).PlacedMany("o", 200, "2026-04-01T00:00:00Z");
        s.Review("o-1", 1, "2026-04-10T10:00:00Z").Review("o-2", 1, "2026-04-10T11:00:00Z").Review("o-3", 1, "2026-04-10T12:00:00Z");
        return s;
    }

    [Fact]
    public void The_warning_carries_the_performance_summary_and_is_sent_once_per_period()
    {
        var events = Shop().Events;
        _driver.Step(Warned, events);
        _driver.Step(Warned, events);
        for (var d = 1; d <= 10; d++) _driver.Step(Warned + Duration.FromDays(d), events);

        var warning = _driver.Only(CaseKinds.Warning);
        Assert.Equal(CaseStates.Issued, warning.State);
        Assert.Equal(Warned + Duration.FromDays(90), warning.DueAt);
        var notice = Assert.Single(_driver.Notices);
        Assert.Equal(CaseKinds.Warning, notice.Kind);
        Assert.Equal(["o-1", "o-2", "o-3"], notice.Items);
        Assert.Contains(notice.Lines, l => l.Contains("1.5%", StringComparison.Ordinal));
        Assert.Contains(notice.Lines, l => l.Contains("Answer buyer messages and questions promptly.", StringComparison.Ordinal));
        Assert.Contains("  o-2 (placed 2026-04-01): lowest review 1 of 5 stars", notice.Lines);
        Assert.Contains(notice.Metrics, m => m.Metric == "odr" && m.Numerator == 3 && m.Denominator == 200);
        var audit = Assert.Single(_driver.Audit);
        Assert.Equal("rule:congocrea/warning", audit.Actor);
        Assert.Equal(0.015, audit.Snapshot.Single(m => m.Metric == "odr").Value!.Value, 9);
    }

    /// <summary>
    /// An operator's copy of the pack with a 1.2% limit over 60 days (its ODR window and the rule's
    /// value): the shop's 3/200 = 1.5% still breaches, and the warning says the copy's numbers, not the
    /// standard's 1% over 90 days; its re-evaluation falls 60 days later.
    /// </summary>
    [Fact]
    public void A_copied_pack_with_another_limit_and_period_says_its_own_numbers()
    {
        var yaml = BuiltInPacks.Yaml("congocrea")
            .Replace("window: { rolling_days: 90 }", "window: { rolling_days: 60 }", StringComparison.Ordinal)
            .Replace("threshold: 0.01", "threshold: 0.012", StringComparison.Ordinal)
            .Replace("{ metric: odr, op: ge, value: 0.01 }", "{ metric: odr, op: ge, value: 0.012 }", StringComparison.Ordinal);
        var copy = Standing.Policies.Loading.PolicyLoader.Load(yaml, "my-congocrea.yaml");
        var driver = new MachineDriver(new CongocreaMachine(), copy, Seller);
        driver.Step(Warned, Shop().Events);

        var notice = Assert.Single(driver.Notices);
        Assert.Equal("Your order defect rate is 1.5% over the last 60 days; the standard is under 1.2%.", notice.Lines[0]);
        Assert.Equal(Warned + Duration.FromDays(60), driver.Only(CaseKinds.Warning).DueAt);
    }

    /// <summary>
    /// The same shop registered in French (fr-FR): the pack's French text. Worked out by hand from the
    /// standard: ODR 3/200 = 1.5% over the 90-day period, limit "under 1%", breach ("non respecté");
    /// re-evaluation 90 days after 2026-04-15 = 2026-07-14; early re-evaluation at 0.5 points.
    /// </summary>
    [Fact]
    public void A_french_shop_is_warned_in_french()
    {
        var events = Shop().Add(Standing.Core.Events.EventType.SellerRegistered, "2026-03-01T09:00:00+01:00", e => e with { Language = "fr-FR" }).Events;
        _driver.Step(Warned, events);

        var notice = Assert.Single(_driver.Notices);
        Assert.Equal("Avertissement relatif au service client", notice.Title);
        Assert.Equal("Le taux de commandes défectueuses (ODR) de votre boutique est de 1.5% sur les 90 derniers jours ; la norme exige moins de 1%.", notice.Lines[0]);
        Assert.Equal("Bilan de vos performances :", notice.Lines[1]);
        Assert.Equal("  odr : 1.5% (3 sur 200, non respecté)", notice.Lines[2]);
        // The counts the rule reads have no standard: no verdict (not "respecté").
        Assert.Equal("  defective_orders_lifetime : 3 (3 sur 200)", notice.Lines[3]);
        Assert.Contains("Commandes comptées comme défectueuses (3) :", notice.Lines);
        // Each defective order in French: o-1 was placed on 2026-04-01 and reviewed 1 star (the numerator's ≤ 2 stars).
        Assert.Contains("  o-1 (passée le 2026-04-01) : avis le plus bas noté 1 sur 5", notice.Lines);
        Assert.Contains("  o-3 (passée le 2026-04-01) : avis le plus bas noté 1 sur 5", notice.Lines);
        Assert.Contains("  Répondez rapidement aux messages et aux questions des acheteurs.", notice.Lines);
        Assert.Equal("Votre boutique sera réévaluée le 2026-07-14, ou plus tôt si son ODR varie de 0.5 points de pourcentage ou plus ; une boutique qui dépasse toujours la limite peut être suspendue.", notice.Lines[^1]);
        Assert.Equal(["o-1", "o-2", "o-3"], notice.Items);
        EnglishWords.AssertNone(notice);
    }

    private static EventScript French(EventScript s) =>
        s.Add(Standing.Core.Events.EventType.SellerRegistered, "2026-03-01T09:00:00+01:00", e => e with { Language = "fr-FR" });

    /// <summary>
    /// A French shop whose order o-4 (placed 2026-04-01 03:00) got a case on 2026-04-12: ODR 4/200 = 2% on 2026-04-15.
    /// Every defective order is said in French, the case as a case, the one-star reviews as reviews, and the guidance
    /// is the pack's French list: no English word is left.
    /// </summary>
    [Fact]
    public void A_french_warning_says_each_defective_order_and_the_guidance_in_french()
    {
        _driver.Step(Warned, French(Shop().Case("o-4", "2026-04-12T10:00:00Z")).Events);

        var notice = Assert.Single(_driver.Notices);
        Assert.Equal("Le taux de commandes défectueuses (ODR) de votre boutique est de 2% sur les 90 derniers jours ; la norme exige moins de 1%.", notice.Lines[0]);
        Assert.Contains("  o-1 (passée le 2026-04-01) : avis le plus bas noté 1 sur 5", notice.Lines);
        Assert.Contains("  o-4 (passée le 2026-04-01) : une réclamation a été ouverte", notice.Lines);
        Assert.Contains("  Préparez et expédiez les commandes dans les délais de traitement et de livraison annoncés.", notice.Lines);
        EnglishWords.AssertNone(notice);
    }

    /// <summary>
    /// The French shop's escalation as in <see cref="A_half_point_rise_escalates_only_after_the_time_to_act"/> (ODR 1.5% on
    /// 2026-04-15, 2% on 2026-05-15 after a case on o-4): the proposal records the shop's language, and the reviewer's
    /// confirmation and later reinstatement reach the shop in French, with the reviewer's note as written.
    /// </summary>
    [Fact]
    public void A_french_shop_is_told_its_suspension_and_reinstatement_in_french()
    {
        var s = French(Shop());
        _driver.Step(Warned, s.Events);
        s.Case("o-4", "2026-04-20T10:00:00Z");
        _driver.Step(HandMade.Day(2026, 5, 15), s.Events);
        var proposal = _driver.Only(CaseKinds.SuspensionProposal);
        Assert.Equal("fr-FR", proposal.Get(CaseRules.LanguageKey));

        var pack = BuiltInPacks.Load("congocrea");
        var book = _driver.Book();
        Assert.Null(DecisionRules.Apply(book, proposal, new Decision(Decision.Confirm), "amina", "aucune amélioration constatée", HandMade.Day(2026, 5, 16), [], pack));
        var confirmed = book.Find(proposal.Id)!;
        Assert.Null(DecisionRules.Apply(book, confirmed, new Decision(Decision.Reinstate), "amina", "plan d’action accepté", HandMade.Day(2026, 5, 20), [], pack));
        _driver.Apply(book);

        var suspension = Assert.Single(_driver.Notices, n => n.Kind == "suspension");
        Assert.Equal("Vos privilèges d’achat et de vente sont suspendus sur tous vos comptes", suspension.Title);
        Assert.Equal(["Après un avertissement, le taux de commandes défectueuses de votre boutique est resté au-dessus de la limite ; un examinateur a confirmé la suspension.",
            "Motif : aucune amélioration constatée"], suspension.Lines);
        var reinstatement = Assert.Single(_driver.Notices, n => n.Kind == "reinstatement");
        Assert.Equal("Vos privilèges d’achat et de vente sont rétablis", reinstatement.Title);
        Assert.Equal(["Motif : plan d’action accepté"], reinstatement.Lines);
        Assert.All(_driver.Notices.Where(n => n.Audience == "seller"), EnglishWords.AssertNone);
    }

    /// <summary>What a person opens by hand for the French shop, as <c>standing cases open</c> does.</summary>
    private string? OpenByHand(IReadOnlyList<Standing.Core.Events.StandingEvent> events, Instant at, string kind, string note)
    {
        var pack = BuiltInPacks.Load("congocrea");
        var facts = Standing.Core.Facts.FactFolder.Fold(events, at).Single(f => f.Seller == Seller);
        var book = _driver.Book();
        var refusal = new CongocreaMachine().OpenManually(new MachineInput
        {
            Policy = pack,
            AsOf = at,
            Evaluation = new Standing.Core.Evaluation.PolicyEvaluator(pack).EvaluateSeller(facts, at),
            Facts = facts,
        }, book, kind, "amina", note);
        _driver.Apply(book);
        return refusal;
    }

    /// <summary>
    /// A reviewer's own suspension proposal (a shop that never served its buyers, no warning before it), confirmed:
    /// the French text for a suspension without a warning, not the one that speaks of a warning.
    /// </summary>
    [Fact]
    public void A_reviewers_own_suspension_is_told_in_french_without_speaking_of_a_warning()
    {
        Assert.Null(OpenByHand(French(Shop()).Events, Warned, CaseKinds.SuspensionProposal, "aucune réponse aux acheteurs depuis un mois"));
        var proposal = _driver.Only(CaseKinds.SuspensionProposal);
        var book = _driver.Book();
        Assert.Null(DecisionRules.Apply(book, proposal, new Decision(Decision.Confirm), "amina", "boutique abandonnée", Warned + Duration.FromDays(1), [],
            BuiltInPacks.Load("congocrea")));
        _driver.Apply(book);

        var suspension = Assert.Single(_driver.Notices, n => n.Kind == "suspension");
        Assert.Equal(["Un examinateur a confirmé la suspension de votre boutique.", "Motif : boutique abandonnée"], suspension.Lines);
        EnglishWords.AssertNone(suspension);
    }

    /// <summary>
    /// A manual warning on a French shop without any order: ODR cannot be measured, and the French notice says so
    /// in French (never "0%", never English), its summary's statuses too.
    /// </summary>
    [Fact]
    public void A_manual_warning_without_orders_says_in_french_that_nothing_could_be_measured()
    {
        Assert.Null(OpenByHand(French(new EventScript(Seller)).Events, Warned, CaseKinds.Warning, "plaintes répétées par messagerie"));

        var notice = Assert.Single(_driver.Notices);
        Assert.Equal("Taux de commandes défectueuses (ODR) de votre boutique sur les 90 derniers jours : pas assez de données pour mesurer ; la norme exige moins de 1%.", notice.Lines[0]);
        Assert.Contains("  odr : pas assez de données pour mesurer (0 sur 0, non évalué (trop peu de commandes))", notice.Lines);
        EnglishWords.AssertNone(notice);
    }

    /// <summary>The pack's English text says, line for line, what the machine wrote before the text moved to the pack.</summary>
    [Fact]
    public void The_packs_english_warning_is_the_machines_own()
    {
        var pack = BuiltInPacks.Load("congocrea");
        var fromPack = new MachineDriver(new CongocreaMachine(), pack, Seller);
        var fromCode = new MachineDriver(new CongocreaMachine(), pack with { Notices = [] }, Seller);
        fromPack.Step(Warned, Shop().Events);
        fromCode.Step(Warned, Shop().Events);

        Assert.Equal(Assert.Single(fromCode.Notices).Title, Assert.Single(fromPack.Notices).Title);
        Assert.Equal(fromCode.Notices[0].Lines, fromPack.Notices[0].Lines);
        Assert.Equal("Your shop will be re-evaluated on 2026-07-14, or sooner if its ODR changes by 0.5 percentage points or more; a shop that still exceeds the limit may be suspended.", fromPack.Notices[0].Lines[^1]);
    }

    /// <summary>A case on order 4 on 2026-04-20: ODR 4/200 = 2.0%, up 0.5 points from 1.5% — the
    /// default early re-evaluation change; still ≥ 1%. The rise is acted on only once the shop had its
    /// time to act (<c>min_days_to_act</c>, Default 30 days after the warning of 2026-04-15: 2026-05-15);
    /// the orders of 2026-04-01…09 are still in the 90-day window then, so ODR is still 4/200.</summary>
    [Fact]
    public void A_half_point_rise_escalates_only_after_the_time_to_act()
    {
        var s = Shop();
        _driver.Step(Warned, s.Events);
        s.Case("o-4", "2026-04-20T10:00:00Z");
        for (var day = 16; day <= 30; day++) _driver.Step(HandMade.Day(2026, 4, day), s.Events);
        for (var day = 1; day <= 14; day++) _driver.Step(HandMade.Day(2026, 5, day), s.Events);
        Assert.Equal(CaseStates.Issued, _driver.Only(CaseKinds.Warning).State);
        Assert.Single(_driver.Audit);

        _driver.Step(HandMade.Day(2026, 5, 15), s.Events);
        Assert.Equal(CaseStates.Escalated, _driver.Only(CaseKinds.Warning).State);
        var proposal = _driver.Only(CaseKinds.SuspensionProposal);
        Assert.Equal(CaseStates.Proposed, proposal.State);
        Assert.Equal("0.02", proposal.Get("odr"));
        Assert.Contains("ODR moved from 1.5% to 2%", _driver.Audit.Last().Reason);
        Assert.Contains("after the time to act that ended 2026-05-15", _driver.Audit.Last().Reason);
        Assert.Equal("operator", _driver.Notices.Last().Audience);
    }

    /// <summary>
    /// The demo's improving shops. 100 orders placed one an hour from 2026-01-01 (o-1…o-100, through
    /// 2026-01-05 03:00), o-1…o-3 reviewed 1 star; 100 more from 2026-03-01 (p-1…p-100), p-1 and p-2
    /// reviewed 1 star. As of 2026-03-31: ODR over [01-01, 03-31) = 5/200 = 2.5%, 5 defective since
    /// the first sale, 2 in [01-30, 03-31): warned. As of 2026-04-01 the window is [01-01, 04-01):
    /// nothing changes. As of 2026-04-02 it starts 01-02: o-1…o-24 (placed 01-01) leave, with the three
    /// defects: ODR = 2/176 ≈ 1.14%, a fall of 1.36 points — an early re-evaluation, still ≥ 1%, yet a
    /// fall: the warning stays, never escalated.
    /// </summary>
    [Fact]
    public void A_fall_in_odr_never_escalates_even_while_still_over_the_limit()
    {
        var s = new EventScript(Seller).PlacedMany("o", 100, "2026-01-01T00:00:00Z").PlacedMany("p", 100, "2026-03-01T00:00:00Z");
        s.Review("o-1", 1, "2026-01-10T10:00:00Z").Review("o-2", 1, "2026-01-10T11:00:00Z").Review("o-3", 1, "2026-01-10T12:00:00Z");
        s.Review("p-1", 1, "2026-03-10T10:00:00Z").Review("p-2", 1, "2026-03-10T11:00:00Z");
        _driver.Step(HandMade.Day(2026, 3, 31), s.Events);
        Assert.Equal("0.025", _driver.Only(CaseKinds.Warning).Get("odr"));

        _driver.Step(HandMade.Day(2026, 4, 1), s.Events);
        Assert.Single(_driver.Audit);
        _driver.Step(HandMade.Day(2026, 4, 2), s.Events);

        var warning = _driver.Only(CaseKinds.Warning);
        Assert.Equal(CaseStates.Issued, warning.State);
        Assert.Equal(2.0 / 176, warning.GetNumber("odr")!.Value, 9);
        Assert.DoesNotContain(_driver.Cases, c => c.Kind == CaseKinds.SuspensionProposal);
        Assert.Contains("ODR fell but is still 1.136%", _driver.Audit.Last().Reason);
        Assert.Contains("the warning period continues", _driver.Audit.Last().Reason);
    }

    /// <summary>Warned at 1.2%; ODR falls to 0.6% (−0.6 points, under 1%) on day 5: the early
    /// re-evaluation resolves the warning at once.</summary>
    [Fact]
    public void A_fall_back_under_the_limit_resolves_the_warning_early()
    {
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        driver.Step(Warned + Duration.FromDays(5), [], Odr(0.006, MetricStatus.Good, warn: false));
        var warning = driver.Only(CaseKinds.Warning);
        Assert.Equal(CaseStates.Resolved, warning.State);
        Assert.Equal(Warned + Duration.FromDays(5), warning.ClosedAt);
        Assert.Equal("0.006", warning.Get("odr"));
        Assert.DoesNotContain(driver.Cases, c => c.Kind == CaseKinds.SuspensionProposal);
    }

    /// <summary>
    /// Warned at 12 defective of 1,000 orders (1.2%). On day 35 ODR is 2% but still 12 defective of 600
    /// orders: clean orders left the window, no new defect — the rise is not the shop doing worse and is
    /// left to the period's end. On day 36, 20 of 1,000 (8 new defects): escalated.
    /// </summary>
    [Fact]
    public void A_rise_made_only_by_clean_orders_leaving_the_window_does_not_escalate()
    {
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        var shrunk = Odr(0.02, MetricStatus.Breach, warn: true);
        shrunk = shrunk with { Metrics = [shrunk.Metrics[0] with { Numerator = 12, Denominator = 600 }] };
        driver.Step(Warned + Duration.FromDays(35), [], shrunk);
        Assert.Equal(CaseStates.Issued, driver.Only(CaseKinds.Warning).State);
        Assert.Single(driver.Audit);

        driver.Step(Warned + Duration.FromDays(36), [], Odr(0.02, MetricStatus.Breach, warn: true));
        Assert.Equal(CaseStates.Escalated, driver.Only(CaseKinds.Warning).State);
    }

    /// <summary>A pack that sets <c>min_days_to_act: 10</c>: warned at 1.2%, 2.0% on day 9 (+0.8
    /// points) waits, the same on day 10 escalates.</summary>
    [Fact]
    public void The_time_to_act_is_the_packs_setting()
    {
        var pack = BuiltInPacks.Load("congocrea");
        var policy = pack with { Settings = new Dictionary<string, double>(pack.Settings) { ["min_days_to_act"] = 10 } };
        var driver = new MachineDriver(new CongocreaMachine(), policy, Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        driver.Step(Warned + Duration.FromDays(9), [], Odr(0.02, MetricStatus.Breach, warn: true));
        Assert.Equal(CaseStates.Issued, driver.Only(CaseKinds.Warning).State);
        driver.Step(Warned + Duration.FromDays(10), [], Odr(0.02, MetricStatus.Breach, warn: true));
        Assert.Equal(CaseStates.Escalated, driver.Only(CaseKinds.Warning).State);
    }

    /// <summary>
    /// A policy change while a warning is open: warned under a version with <c>min_days_to_act: 10</c>, the
    /// warning records that version and its settings; a version "2" that sets 30 days does not change it —
    /// the same +0.8-point rise on day 10 escalates it, as the version it was opened under said.
    /// </summary>
    [Fact]
    public void An_open_warning_keeps_the_version_and_time_to_act_it_was_issued_under()
    {
        var pack = BuiltInPacks.Load("congocrea");
        var v1 = pack with { Settings = new Dictionary<string, double>(pack.Settings) { ["min_days_to_act"] = 10 } };
        var v2 = pack with { Version = "2", Settings = new Dictionary<string, double>(pack.Settings) { ["min_days_to_act"] = 30 } };
        var before = new MachineDriver(new CongocreaMachine(), v1, Seller);
        before.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        var warning = before.Only(CaseKinds.Warning);
        Assert.Equal(pack.Version, warning.Get(EnforcementCase.PolicyVersionKey));

        var after = new MachineDriver(new CongocreaMachine(), v2, Seller);
        after.Seed(warning);
        after.Step(Warned + Duration.FromDays(10), [], Odr(0.02, MetricStatus.Breach, warn: true));
        Assert.Equal(CaseStates.Escalated, after.Only(CaseKinds.Warning).State);
        // The proposal it opened is a case of the new version.
        Assert.Equal("2", after.Only(CaseKinds.SuspensionProposal).Get(EnforcementCase.PolicyVersionKey));
    }

    /// <summary>A shop with no orders: ODR has no value. A manual warning stores no ODR, its notice
    /// says it could not be measured, the snapshot keeps the missing value, and no early
    /// re-evaluation compares anything with it.</summary>
    [Fact]
    public void A_missing_odr_stays_missing_in_the_case_the_snapshot_and_the_notice()
    {
        var machine = new CongocreaMachine();
        var driver = new MachineDriver(machine, BuiltInPacks.Load("congocrea"), Seller);
        var policy = BuiltInPacks.Load("congocrea");
        var evaluation = new Core.Evaluation.PolicyEvaluator(policy).EvaluateSeller(new Core.Facts.SellerFacts(Seller, [], [], []), Warned);
        var book = driver.Book();
        Assert.Null(machine.OpenManually(new MachineInput { Policy = policy, AsOf = Warned, Evaluation = evaluation }, book, CaseKinds.Warning, "marie", "rude answers"));
        driver.Apply(book);

        var warning = driver.Only(CaseKinds.Warning);
        Assert.Null(warning.Get("odr"));
        Assert.Null(driver.Audit.Single().Snapshot.Single(m => m.Metric == "odr").Value);
        var notice = Assert.Single(driver.Notices);
        Assert.Equal("Your order defect rate over the last 90 days: not enough orders to measure; the standard is under 1%.", notice.Lines[0]);
        Assert.Contains("  odr: not enough orders to measure (0 of 0, insufficient_data)", notice.Lines);
        Assert.DoesNotContain(notice.Lines, l => l.Contains("no value", StringComparison.Ordinal) || l.Contains(" 0%", StringComparison.Ordinal));

        driver.Step(Warned + Duration.FromDays(40), [], Odr(0.03, MetricStatus.Breach, warn: true));
        Assert.Equal(CaseStates.Issued, driver.Only(CaseKinds.Warning).State); // nothing to compare 3% with
    }

    /// <summary>50 clean orders more: ODR 3/250 = 1.2%, a move of 0.3 points: no early re-evaluation.</summary>
    [Fact]
    public void A_smaller_move_waits_for_the_end_of_the_period()
    {
        var s = Shop();
        _driver.Step(Warned, s.Events);
        s.PlacedMany("p", 50, "2026-04-16T00:00:00Z");
        _driver.Step(HandMade.Day(2026, 4, 19), s.Events);
        Assert.Single(_driver.Audit);
        Assert.DoesNotContain(_driver.Cases, c => c.Kind == CaseKinds.SuspensionProposal);
    }

    private static Core.Evaluation.SellerEvaluation Odr(double value, MetricStatus status, bool warn)
    {
        var odr = HandMade.Metric("odr", new RollingWindow(90));
        // value of 1,000 orders: 1.2% = 12 defective, 2% = 20 (a rise with new defects).
        var result = HandMade.Result(odr, value, status, null, Instant.MinValue) with { Numerator = (long)Math.Round(value * 1000), Denominator = 1000 };
        return HandMade.Evaluation(Seller, [result], ("warning", warn));
    }

    [Fact]
    public void At_the_end_of_the_period_a_shop_back_under_the_limit_is_resolved()
    {
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        driver.Step(Warned + Duration.FromDays(89), [], Odr(0.009, MetricStatus.AtRisk, warn: false)); // 0.3 points: nothing yet
        Assert.Equal(CaseStates.Issued, driver.Only(CaseKinds.Warning).State);
        driver.Step(Warned + Duration.FromDays(90), [], Odr(0.009, MetricStatus.AtRisk, warn: false));
        Assert.Equal(CaseStates.Resolved, driver.Only(CaseKinds.Warning).State);
        Assert.DoesNotContain(driver.Cases, c => c.Kind == CaseKinds.SuspensionProposal);
    }

    [Fact]
    public void Still_over_the_limit_at_the_end_of_the_period_proposes_suspension_and_only_a_person_decides()
    {
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        driver.Step(Warned + Duration.FromDays(90), [], Odr(0.011, MetricStatus.Breach, warn: true));
        var proposal = driver.Only(CaseKinds.SuspensionProposal);
        Assert.Equal(CaseStates.Proposed, proposal.State);

        // While the proposal waits, the machine neither warns again nor decides.
        for (var d = 91; d <= 200; d += 10) driver.Step(Warned + Duration.FromDays(d), [], Odr(0.03, MetricStatus.Breach, warn: true));
        Assert.Single(driver.Cases, c => c.Kind == CaseKinds.Warning);
        Assert.Equal(CaseStates.Proposed, driver.Only(CaseKinds.SuspensionProposal).State);

        var book = driver.Book();
        var refused = DecisionRules.Apply(book, driver.Only(CaseKinds.Warning), new Decision(Decision.Confirm), "marie", "n/a", Warned + Duration.FromDays(201), []);
        Assert.Equal($"case {driver.Only(CaseKinds.Warning).Id} (warning) is escalated: \"confirm\" is not allowed there; no decision is open on it", refused);
        Assert.Null(DecisionRules.Apply(book, proposal, new Decision(Decision.Confirm), "marie", "no improvement", Warned + Duration.FromDays(201), []));
        driver.Apply(book);
        Assert.Equal(CaseStates.Confirmed, driver.Only(CaseKinds.SuspensionProposal).State);
        Assert.Equal("person:marie", driver.Audit.Last().Actor);
        Assert.Equal("suspension", driver.Notices.Last().Kind);
    }

    [Fact]
    public void A_decision_back_dated_before_the_case_last_changed_is_refused_and_changes_nothing()
    {
        // Warned on day 0, escalated on day 30 (ODR +0.8 points, after the 30 days to act): the proposal
        // opens on day 30; say it was last changed on day 32. A dismissal dated day 5 precedes the
        // proposal, one dated day 31 its last change: both refused; one dated day 32 is taken.
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        driver.Step(Warned + Duration.FromDays(30), [], Odr(0.02, MetricStatus.Breach, warn: true));
        var proposal = driver.Only(CaseKinds.SuspensionProposal) with { UpdatedAt = Warned + Duration.FromDays(32) };
        var book = driver.Book();
        Instant Day(int d) => Warned + Duration.FromDays(d);

        var beforeOpened = DecisionRules.Apply(book, proposal, new Decision(Decision.Dismiss), "marie", "seasonal", Day(5), []);
        var beforeChange = DecisionRules.Apply(book, proposal, new Decision(Decision.Dismiss), "marie", "seasonal", Day(31), []);

        Assert.Equal($"the decision at {Day(5)} would come before the case was opened ({Day(30)})", beforeOpened);
        Assert.Equal($"the decision at {Day(31)} would come before the case's last change ({Day(32)})", beforeChange);
        Assert.False(book.HasChanges);
        Assert.Null(DecisionRules.Apply(book, proposal, new Decision(Decision.Dismiss), "marie", "seasonal", Day(32), []));
    }

    [Fact]
    public void A_dismissed_proposal_lets_a_new_warning_come_in_a_later_period_only()
    {
        var driver = new MachineDriver(new CongocreaMachine(), BuiltInPacks.Load("congocrea"), Seller);
        driver.Step(Warned, [], Odr(0.012, MetricStatus.Breach, warn: true));
        driver.Step(Warned + Duration.FromDays(30), [], Odr(0.02, MetricStatus.Breach, warn: true)); // +0.8 points after the time to act: escalated
        var book = driver.Book();
        Assert.Null(DecisionRules.Apply(book, driver.Only(CaseKinds.SuspensionProposal), new Decision(Decision.Dismiss), "marie", "seasonal", Warned + Duration.FromDays(31), []));
        driver.Apply(book);

        driver.Step(Warned + Duration.FromDays(32), [], Odr(0.02, MetricStatus.Breach, warn: true));
        Assert.Single(driver.Cases, c => c.Kind == CaseKinds.Warning); // same 90-day period
        driver.Step(Warned + Duration.FromDays(90), [], Odr(0.02, MetricStatus.Breach, warn: true));
        Assert.Equal(2, driver.Cases.Count(c => c.Kind == CaseKinds.Warning));
    }

    [Fact]
    public void A_person_may_warn_for_a_pattern_of_problems_once_and_propose_suspension()
    {
        var machine = new CongocreaMachine();
        var driver = new MachineDriver(machine, BuiltInPacks.Load("congocrea"), Seller);
        var input = new MachineInput { Policy = BuiltInPacks.Load("congocrea"), AsOf = Warned, Evaluation = Odr(0.004, MetricStatus.Good, warn: false) };
        var book = driver.Book();
        Assert.Null(machine.OpenManually(input, book, CaseKinds.Warning, "marie", "rude answers to buyers"));
        driver.Apply(book);
        var warning = driver.Only(CaseKinds.Warning);
        Assert.Equal("person:marie", driver.Audit.Single().Actor);
        Assert.Equal("manual warning by marie: rude answers to buyers", driver.Audit.Single().Reason);
        Assert.Equal(Warned + Duration.FromDays(90), warning.DueAt);

        book = driver.Book();
        Assert.Equal("warning " + warning.Id + " is open until 2026-07-14", machine.OpenManually(input, book, CaseKinds.Warning, "marie", "again"));
        Assert.Equal("a person can open a warning or a suspension_proposal under congocrea, not \"fine\"", machine.OpenManually(input, book, "fine", "marie", "x"));
        Assert.Null(machine.OpenManually(input, book, CaseKinds.SuspensionProposal, "marie", "never shipped anything"));
        driver.Apply(book);
        Assert.Equal(CaseStates.Proposed, driver.Only(CaseKinds.SuspensionProposal).State);
    }
}
