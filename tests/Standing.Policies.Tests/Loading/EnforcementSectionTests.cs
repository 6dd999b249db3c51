using Standing.Core.Policies.Enforcement;
using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>
/// The <c>enforcement</c> section of a policy: read into its typed model, and every mistake reported
/// at file:line:column, all at once, with nothing loaded. Lines and columns were counted by hand from
/// the YAML text below (a node's position is its first character).
/// </summary>
public sealed class EnforcementSectionTests
{
    /// <summary>Lines 1–15: a late-shipment policy; a test appends its enforcement section from line 16 on.</summary>
    private const string Head = """
        id: late
        version: "2"
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: late_rate
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: false }
            standard: { direction: lower_is_better, threshold: 0.04 }
        rules:
          - { id: late_warning, outcome: late_warning, when: { metric: late_rate, status: breach } }
        guidance: [Ship on time.]
        """;

    private static List<string> Errors(string section) =>
        Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(Head + "\n" + section, "late.yaml")).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void A_section_reads_into_cases_with_their_deadlines_rechecks_escalation_decisions_and_notices()
    {
        var policy = PolicyLoader.Load(Head + "\n" + """
            enforcement:
              cases:
                - kind: late_warning
                  outcome: late_warning
                  recheck: { business_days: 5 }
                  escalate_to: late_penalty
                  notices:
                    - on: opened
                      to: seller
                      title: { en: "Late shipments: {value}", fr: "Expéditions en retard : {value}" }
                      lines: { en: ["Limit {threshold}; re-check {recheck_date}."] }
                - kind: late_penalty
                  clears: person
                  decisions: [fine, dismiss]
                  fine: { min: 100, max: 300, currency: EUR }
                  deadline: { days: 14 }
            """, "late.yaml");

        var spec = Assert.IsType<EnforcementSpec>(policy.Enforcement);
        var warning = spec.Rule("late_warning")!;
        Assert.Equal(new DayCount(5, true), warning.Recheck);
        Assert.Equal("late_penalty", warning.EscalateTo);
        Assert.Equal(Clearing.OutcomeStops, warning.Clears);
        var notice = Assert.Single(warning.Notices);
        Assert.Equal(CaseTransition.Opened, notice.On);
        Assert.Equal("Expéditions en retard : {value}", notice.Title["fr"]);
        var penalty = spec.Rule("late_penalty")!;
        Assert.Null(penalty.Outcome);
        Assert.Equal(Clearing.Person, penalty.Clears);
        Assert.Equal(["fine", "dismiss"], penalty.Decisions);
        Assert.Equal(new Core.Policies.FineRange(100, 300, "EUR"), penalty.Fine);
        Assert.Equal(new DayCount(14, false), penalty.Deadline);
    }

    [Fact]
    public void Unknown_outcome_kind_placeholder_and_state_are_located_errors()
    {
        // Line 16 "enforcement:", 17 "  cases:", 18 "    - kind: late_warning" ("kind" at column 7),
        // 19 "      outcome: late_warnin" (value at 16), 20 "      escalate_to: nowhere" (value at 20),
        // 21 "      recheck: { days: 7 }", 22 "      notices:", 23 "        - on: closed" (value at 15),
        // 24 "          to: seller", 25 "          title: { en: \"{valeur}\" }" ("{" at 18, the text at 24).
        var errors = Errors("""
            enforcement:
              cases:
                - kind: late_warning
                  outcome: late_warnin
                  escalate_to: nowhere
                  recheck: { days: 7 }
                  notices:
                    - on: closed
                      to: seller
                      title: { en: "{valeur}" }
            """);

        Assert.Equal(
        [
            "late.yaml:19:16: unknown outcome \"late_warnin\"; the policy's rules give: late_warning",
            "late.yaml:20:20: unknown case kind \"nowhere\"; the section defines: late_warning",
            "late.yaml:23:15: unknown state change \"closed\"; a notice is sent on: opened, rechecked, cleared, escalated, decided",
            "late.yaml:25:24: unknown placeholder {valeur}; a notice may use: " + string.Join(", ", NoticePlaceholders.Known.Select(p => "{" + p + "}")),
        ], errors);
    }

    [Fact]
    public void An_escalation_cycle_and_a_fine_range_upside_down_are_located_errors()
    {
        // Line 18 "    - kind: a", 19 outcome, 20 "      recheck: { days: 7 }", 21 "      escalate_to: b" (value at 20),
        // 22 "    - kind: b", 23 "      recheck: { days: 7 }", 24 "      escalate_to: a" (value at 20),
        // 25 "      decisions: [fine]", 26 "      fine: { min: 500, max: 100, currency: CNY }" ("min:" at 15).
        var errors = Errors("""
            enforcement:
              cases:
                - kind: a
                  outcome: late_warning
                  recheck: { days: 7 }
                  escalate_to: b
                - kind: b
                  recheck: { days: 7 }
                  escalate_to: a
                  decisions: [fine]
                  fine: { min: 500, max: 100, currency: CNY }
            """);

        Assert.Equal(
        [
            "late.yaml:21:20: escalation cycle: a → b → a",
            "late.yaml:24:20: escalation cycle: b → a → b",
            "late.yaml:26:20: the fine's min (500) is above its max (100)",
        ], errors);
    }

    [Fact]
    public void Built_in_packs_with_a_section_load_it_and_english_is_required()
    {
        Assert.Equal(CasePer.Metric, BuiltInPacks.Load("mall").Enforcement!.Rule("sla_breach")!.Per);
        var conduct = BuiltInPacks.Load("pinduoduo").Enforcement!.Rule("conduct_violation")!;
        Assert.Equal(CasePer.Item, conduct.Per);
        Assert.Equal(["confirm", "dismiss"], conduct.Decisions);
        var scorecard = Assert.Single(BuiltInPacks.Load("tmall").Enforcement!.Reports);
        Assert.Equal((ReportPeriod.Weekly, ReportRows.AgentsOverTarget, "seller"), (scorecard.Period, scorecard.Rows, scorecard.To));
        var sla = Assert.Single(BuiltInPacks.Load("mall").Enforcement!.Reports);
        Assert.Equal((ReportPeriod.Monthly, ReportRows.Metrics), (sla.Period, sla.Rows));
        Assert.Contains("pl", sla.Row.Keys);

        // Line 23 "          title: { pl: x }": "title" at column 11, "{" at column 18.
        var errors = Errors("""
            enforcement:
              cases:
                - kind: late_warning
                  outcome: late_warning
                  notices:
                    - on: opened
                      to: seller
                      title: { pl: x }
            """);
        Assert.Equal(["late.yaml:23:18: \"title\" needs its English text (\"en\"), the language of sellers without one"], errors);
    }

    /// <summary>
    /// Reports: a period, recipient or rows outside the vocabulary, a row naming a placeholder of the
    /// other kind of row, a report without its row text. Lines from 16, columns counted by hand.
    /// </summary>
    [Fact]
    public void A_report_outside_the_vocabulary_is_refused_at_its_place()
    {
        var errors = Errors("""
            enforcement:
              reports:
                - id: monthly
                  period: yearly
                  to: partner
                  rows: metrics
                  title: { en: "Report {period_start}" }
                  row: { en: "{agent} {value}" }
                - id: weekly
                  period: weekly
                  to: seller
                  rows: sellers
                  title: { en: "Week" }
            """);

        Assert.Equal(new[]
        {
            "late.yaml:19:15: \"period\" must be one of: monthly, weekly (not \"yearly\")",
            "late.yaml:20:11: a report goes to the seller or the operator, not \"partner\"",
            "late.yaml:23:18: unknown placeholder {agent}; here one may use: {metric}, {metric_title}, {value}, {threshold}, {numerator}, {denominator}, {verdict}, {items}, {item_count}",
            "late.yaml:24:7: \"row\" is required here (one text per language, English first)",
            "late.yaml:27:13: \"rows\" must be one of: metrics, agents_over_target (not \"sellers\")",
        }.Order(StringComparer.Ordinal), errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_section_of_reports_alone_reads_without_cases()
    {
        var policy = PolicyLoader.Load(Head + "\n" + """
            enforcement:
              reports:
                - id: monthly
                  period: monthly
                  to: operator
                  rows: metrics
                  title: { en: "Late shipments {period_start} to {period_end}" }
                  row: { en: "{metric}: {value}, {verdict}" }
            """, "late.yaml");

        var spec = Assert.IsType<EnforcementSpec>(policy.Enforcement);
        Assert.Empty(spec.Cases);
        var report = Assert.Single(spec.Reports);
        Assert.Equal(("monthly", ReportPeriod.Monthly, "operator"), (report.Id, report.Period, report.To));
    }
}
