using NodaTime;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// An operator's own late-shipment standard, enforced from its <c>enforcement</c> section alone. The
/// shop places 20 orders one an hour from 2026-05-01 and ships o-3…o-20 on 2026-05-02: as of
/// 2026-05-04, late_rate = unshipped / orders over 30 days = 2/20 = 10%, over the 4% limit.
/// </summary>
public sealed class PolicyMachineTests
{
    private const string Seller = "shop-l";

    private static string Late(string recheck = "{ days: 7 }") => $$"""
        id: late
        version: "2"
        name: Late shipment standard
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: late_rate
            title: Orders not shipped
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: false }
            standard: { direction: lower_is_better, threshold: 0.04 }
        rules:
          - { id: late_warning, outcome: late_warning, when: { metric: late_rate, status: breach } }
        guidance: [Ship within two days.]
        enforcement:
          cases:
            - kind: late_warning
              outcome: late_warning
              recheck: {{recheck}}
              escalate_to: late_penalty
              notices:
                - on: opened
                  to: seller
                  title: { en: "Late shipments: {value}", fr: "Expéditions en retard : {value}" }
                  lines:
                    en: ["{numerator} of {denominator} orders from {window_start} to {window_end} are not shipped; the limit is {threshold}.", "Orders: {items}", "Re-check on {recheck_date}. {guidance}"]
                - on: cleared
                  to: seller
                  title: { en: "Shipments back on time" }
                - on: escalated
                  to: operator
                  title: { en: "Late shipments still at {value}: penalty proposed for {seller}" }
            - kind: late_penalty
              clears: person
              decisions: [fine, dismiss]
              fine: { min: 100, max: 300, currency: EUR }
              deadline: { days: 14 }
        """;

    private static EventScript Shop()
    {
        var s = new EventScript(Seller).PlacedMany("o", 20, "2026-05-01T00:00:00Z");
        for (var i = 3; i <= 20; i++) s.Shipped($"o-{i}", "2026-05-02T10:00:00Z");
        return s;
    }

    private static MachineDriver Driver(string yaml) => new(new PolicyMachine("late"), PolicyLoader.Load(yaml, "late.yaml"), Seller);

    [Fact]
    public void A_breach_opens_the_case_with_its_notice_and_still_in_breach_at_the_recheck_it_escalates_to_a_persons_fine()
    {
        var driver = Driver(Late());
        var events = Shop().Events;
        driver.Step(HandMade.Day(2026, 5, 4), events);

        var warning = driver.Only("late_warning");
        Assert.Equal(CaseStates.Open, warning.State);
        Assert.Equal(HandMade.Day(2026, 5, 11), warning.DueAt); // 7 calendar days
        Assert.Equal("2", warning.Get(CaseRules.PolicyVersion));
        var notice = Assert.Single(driver.Notices);
        Assert.Equal("Late shipments: 10%", notice.Title);
        Assert.Equal(
        [
            "2 of 20 orders from 2026-04-04 to 2026-05-04 are not shipped; the limit is 4%.",
            "Orders: o-1, o-2",
            "Re-check on 2026-05-11. Ship within two days.",
        ], notice.Lines);
        Assert.Equal(["o-1", "o-2"], notice.Items);

        for (var d = 5; d <= 10; d++) driver.Step(HandMade.Day(2026, 5, d), events);
        Assert.Single(driver.Audit); // re-checked on schedule only

        driver.Step(HandMade.Day(2026, 5, 11), events);
        Assert.Equal(CaseStates.Escalated, driver.Only("late_warning").State);
        var penalty = driver.Only("late_penalty");
        Assert.Equal(CaseStates.AwaitingDecision, penalty.State);
        Assert.Equal(HandMade.Day(2026, 5, 25), penalty.DueAt); // 14 days to decide
        Assert.Equal("Late shipments still at 10%: penalty proposed for shop-l", driver.Notices.Last().Title);
        Assert.Equal(["fine:100..300", "dismiss"], DecisionRules.Allowed(penalty));

        var book = driver.Book();
        Assert.Equal($"fine 50 EUR is outside the range 100–300 EUR the case was opened with",
            DecisionRules.Apply(book, penalty, new Decision(Decision.Fine, 50), "marie", "late again", HandMade.Day(2026, 5, 12), []));
        Assert.Null(DecisionRules.Apply(book, penalty, new Decision(Decision.Fine, 200), "marie", "late again", HandMade.Day(2026, 5, 12), []));
        driver.Apply(book);
        Assert.Equal(CaseStates.Fined, driver.Only("late_penalty").State);
        Assert.Equal("200", driver.Only("late_penalty").Get("fine"));
    }

    /// <summary>
    /// The policy with Polish texts, for a shop registered in Polish. {reason} is said in Polish from the rule's test
    /// (a status test: the metric's Polish title and "niespełnione"; a comparison: its value, 2/20 = 10%, and what the
    /// rule needs, "> 4%"), and {guidance} is the policy's Polish guidance, not its English.
    /// </summary>
    [Theory]
    [InlineData("{ metric: late_rate, status: breach }", "Powód: Zamówienia niewysłane: niespełnione")]
    [InlineData("{ metric: late_rate, op: gt, value: 0.04 }", "Powód: Zamówienia niewysłane = 10% (wymagane: > 4%)")]
    public void A_polish_notice_says_the_reason_and_the_guidance_in_polish(string when, string reason)
    {
        var yaml = Late()
            .Replace("title: Orders not shipped", "title: { en: Orders not shipped, pl: Zamówienia niewysłane }", StringComparison.Ordinal)
            .Replace("when: { metric: late_rate, status: breach }", "when: " + when, StringComparison.Ordinal)
            .Replace("guidance: [Ship within two days.]", "guidance: { en: [Ship within two days.], pl: [Wysyłaj w ciągu dwóch dni.] }", StringComparison.Ordinal)
            .Replace("fr: \"Expéditions en retard : {value}\" }", "pl: \"Opóźnione wysyłki: {value}\" }", StringComparison.Ordinal)
            .Replace("Re-check on {recheck_date}. {guidance}\"]", "Re-check on {recheck_date}. {guidance}\"]\n"
                + "            pl: [\"Powód: {reason}\", \"Zamówienia: {items}\", \"Ponowna kontrola: {recheck_date}. {guidance}\"]", StringComparison.Ordinal);
        var driver = Driver(yaml);
        driver.Step(HandMade.Day(2026, 5, 4), Shop().Add(Standing.Core.Events.EventType.SellerRegistered, "2026-04-01T00:00:00Z", e => e with { Language = "pl" }).Events);

        var notice = Assert.Single(driver.Notices);
        Assert.Equal("Opóźnione wysyłki: 10%", notice.Title);
        Assert.Equal([reason, "Zamówienia: o-1, o-2", "Ponowna kontrola: 2026-05-11. Wysyłaj w ciągu dwóch dni."], notice.Lines);
        EnglishWords.AssertNone(notice);
    }

    /// <summary>
    /// {policy_name} is the policy's name in the notice's language: the Polish name for a shop registered in Polish;
    /// the English one for a shop in French, a language the name is not given in (the notice is French, its text is).
    /// </summary>
    [Theory]
    [InlineData("pl", "Standard terminowej wysyłki: 10%")]
    [InlineData("fr", "Late shipment standard : 10%")]
    public void A_notice_names_the_policy_in_the_notices_language(string language, string title)
    {
        var yaml = Late()
            .Replace("name: Late shipment standard", "name: { en: Late shipment standard, pl: Standard terminowej wysyłki }", StringComparison.Ordinal)
            .Replace("fr: \"Expéditions en retard : {value}\" }", "fr: \"{policy_name} : {value}\", pl: \"{policy_name}: {value}\" }", StringComparison.Ordinal);
        var driver = Driver(yaml);
        driver.Step(HandMade.Day(2026, 5, 4), Shop().Add(Standing.Core.Events.EventType.SellerRegistered, "2026-04-01T00:00:00Z", e => e with { Language = language }).Events);

        Assert.Equal(title, Assert.Single(driver.Notices).Title);
    }

    /// <summary>o-1 and o-2 ship on 2026-05-06: at the re-check of 05-11 late_rate = 0/20: cleared.</summary>
    [Fact]
    public void Back_within_the_limit_at_the_recheck_the_case_clears()
    {
        var driver = Driver(Late());
        var s = Shop();
        driver.Step(HandMade.Day(2026, 5, 4), s.Events);
        s.Shipped("o-1", "2026-05-06T10:00:00Z").Shipped("o-2", "2026-05-06T10:00:00Z");
        driver.Step(HandMade.Day(2026, 5, 7), s.Events);
        Assert.Equal(CaseStates.Open, driver.Only("late_warning").State); // not before the re-check
        driver.Step(HandMade.Day(2026, 5, 11), s.Events);

        Assert.Equal(CaseStates.Cleared, driver.Only("late_warning").State);
        Assert.Equal("Shipments back on time", driver.Notices.Last().Title);
        Assert.DoesNotContain(driver.Cases, c => c.Kind == "late_penalty");
    }

    /// <summary>
    /// Version 3 of the policy re-checks after 30 days; the case opened under version 2 keeps its 7-day
    /// re-check and escalates on 05-11 all the same.
    /// </summary>
    [Fact]
    public void A_case_keeps_the_rules_of_the_policy_version_it_was_opened_under()
    {
        var events = Shop().Events;
        var v2 = Driver(Late());
        v2.Step(HandMade.Day(2026, 5, 4), events);
        var v3 = new MachineDriver(new PolicyMachine("late"), PolicyLoader.Load(Late("{ days: 30 }").Replace("version: \"2\"", "version: \"3\"", StringComparison.Ordinal), "late.yaml"), Seller);
        v3.Apply(Carry(v2));

        v3.Step(HandMade.Day(2026, 5, 11), events);
        Assert.Equal(CaseStates.Escalated, v3.Cases.Single(c => c.Kind == "late_warning").State);
        Assert.Equal("2", v3.Cases.Single(c => c.Kind == "late_warning").Get(CaseRules.PolicyVersion));
        Assert.Equal("3", v3.Only("late_penalty").Get(CaseRules.PolicyVersion));
    }

    private static CaseBook Carry(MachineDriver from)
    {
        var book = new CaseBook(Seller, "late", []);
        foreach (var c in from.Cases) book.Open(c with { AuditCount = 0 }, Actor.Person("copy"), "carried over", []);
        return book;
    }
}
