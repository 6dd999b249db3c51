using Standing.Core.Metrics;
using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>
/// Mistakes a policy author can make: each is listed as file:line:column, all at once, and nothing
/// loads. Every expected line and column below was counted by hand from the YAML text of its test
/// (lines and columns from 1; a node's position is its first character, a quoted text's its quote).
/// </summary>
public sealed class PolicyMistakesTests
{
    /// <summary>Lines 1–12; a test appends its own lines from line 13 on.</summary>
    private const string Head = """
        id: p
        version: "1"
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: m
            kind: count
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: true }
            standard: { direction: lower_is_better, threshold: 1 }
        """;

    private static List<string> Errors(string yaml) => LoadErrors.Of(yaml);

    [Fact]
    public void An_unclosed_bracket_followed_by_more_lines_is_reported_at_the_bracket_not_thrown()
    {
        // "name: [unclosed": "name:" is columns 1–5, a space, "[" at column 7; reading stops at line 4.
        var yaml = """
            id: x
            version: "1"
            name: [unclosed
            effective_from: 2026-01-01
            """;

        Assert.Equal(["p.yaml:3:7: not valid YAML: the \"[\" opened here is not closed (reading stopped at line 4, column 1)"], Errors(yaml));
    }

    [Fact]
    public void A_setting_whose_name_is_not_text_is_an_error_not_a_crash()
    {
        // Line 5 "settings: { [a]: 1 }": "{" at column 11, the key "[a]" at column 13.
        var yaml = Head.Split('\n')[..4].Aggregate((a, b) => a + "\n" + b) + "\nsettings: { [a]: 1 }";

        Assert.Equal(["p.yaml:5:13: each setting's name must be plain text"], Errors(yaml));
    }

    [Fact]
    public void Windows_longer_than_36500_days_are_refused_with_their_position()
    {
        // Line 9 "    window: { rolling_days: 999999999, lag_days: 36501 }": "{" at 13, "rolling_days:" 15–27,
        // its value at 29 (9 digits, 29–37), "," 38, "lag_days:" 40–48, its value at 50.
        var yaml = Head.Replace("window: { rolling_days: 30 }", "window: { rolling_days: 999999999, lag_days: 36501 }", StringComparison.Ordinal);

        Assert.Equal(
        [
            "p.yaml:9:29: \"rolling_days\" must be at most 36,500 days (about 100 years)",
            "p.yaml:9:50: \"lag_days\" must be at most 36,500 days (about 100 years)",
        ], Errors(yaml));
    }

    [Fact]
    public void A_window_of_exactly_36500_days_and_lag_loads()
    {
        var yaml = Head.Replace("window: { rolling_days: 30 }", "window: { rolling_days: 36500, lag_days: 36500 }", StringComparison.Ordinal);

        Assert.Equal(new RollingWindow(36_500, 36_500), Assert.Single(PolicyLoader.Load(yaml, "p.yaml").Metrics).Window);
    }

    [Fact]
    public void A_conversion_horizon_over_36500_days_is_refused()
    {
        // Line 8 "  conversion_hours: 1e300": "conversion_hours:" 3–19, the value at 21.
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            scorecard:
              window: { calendar: week }
              response_target_seconds: 15
              conversion_hours: 1e300
            """;

        Assert.Equal(["p.yaml:8:21: conversion_hours must be at most 876,000 (36,500 days, about 100 years)"], Errors(yaml));
    }

    [Fact]
    public void A_limit_over_36500_days_is_refused()
    {
        // Line 20 "    limit: { hours: 1e300 }" of metric "s" (lines 13–20): "limit:" 5–10, "{" 12, "hours:" 14–19, the value at 21.
        var yaml = Head + """

              - id: s
                kind: share_within
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
                start: placed_at
                end: shipped_at
                limit: { hours: 1e300 }
            """;

        Assert.Equal(["p.yaml:20:21: \"hours\" of the limit of metric \"s\" must not be negative or longer than 36,500 days"], Errors(yaml));
    }

    [Fact]
    public void Empty_all_and_any_lists_are_refused_in_rules_and_filters()
    {
        // Line 11 "    numerator: { any: [] }": "numerator:" 5–14, "{" 16, "any:" 18–21, "[" 23.
        // Line 16 "    when: { all: [] }": "when:" 5–9, "{" 11, "all:" 13–16, "[" 18.
        // Line 20 "      any: []": "any:" 7–10, "[" 12.
        var yaml = Head.Replace("numerator: { field: shipped, op: eq, value: true }", "numerator: { any: [] }", StringComparison.Ordinal) + """

            rules:
              - id: y
                outcome: o
                when: { all: [] }
              - id: z
                outcome: o
                when:
                  any: []
            """;

        Assert.Equal(
        [
            "p.yaml:11:23: the numerator of metric \"m\": \"any\" lists no conditions; give at least one",
            "p.yaml:16:18: rule \"y\": \"all\" lists no tests; give at least one",
            "p.yaml:20:12: rule \"z\": \"any\" lists no tests; give at least one",
        ], Errors(yaml));
    }

    [Fact]
    public void A_test_with_both_a_status_and_op_and_value_is_refused()
    {
        // Line 16 "    when: { metric: m, status: breach, op: ge, value: 1 }": "{" 11, "metric:" 13–19, "m" 21,
        // "," 22, "status:" 24–30, "breach" 32–37, "," 38, "op:" 40–42, "ge" at 44.
        var yaml = Head + """

            rules:
              - id: w
                outcome: o
                when: { metric: m, status: breach, op: ge, value: 1 }
            """;

        Assert.Equal(["p.yaml:16:44: a test of rule \"w\" checks either \"status\" or \"op\" and \"value\", not both"], Errors(yaml));
    }

    [Fact]
    public void Keys_that_do_not_apply_to_the_kind_are_refused_numerator_pointing_to_population()
    {
        // Line 14 "    numerator: { ... }": the mapping's "{" at column 16.
        // Line 21 "    business_clock: true": "business_clock:" 5–19, "true" at 21.
        // Line 29 "    numerator: { ... }" of the mean_duration: "{" at 16.
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            metrics:
              - id: s
                kind: share_within
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
                start: placed_at
                end: shipped_at
                limit: { hours: 8 }
                numerator: { field: has_tracking, op: eq, value: true }
              - id: r
                kind: rate
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
                numerator: { field: shipped, op: eq, value: true }
                business_clock: true
              - id: d
                kind: mean_duration
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
                start: placed_at
                end: shipped_at
                numerator: { field: shipped, op: eq, value: true }
            """;

        Assert.Equal(
        [
            "p.yaml:14:16: \"numerator\" does not apply to metric \"s\", which is a share_within: to choose which items are measured, use \"population\"",
            "p.yaml:21:21: \"business_clock\" does not apply to metric \"r\", which is a rate",
            "p.yaml:29:16: \"numerator\" does not apply to metric \"d\", which is a mean_duration: to choose which items are measured, use \"population\"",
        ], Errors(yaml));
    }

    [Fact]
    public void A_rule_naming_a_metric_with_its_own_error_is_not_told_it_is_undefined_and_ids_are_listed_once()
    {
        // Line 13 starts the second "m" (defined twice: reported at its "- id" mapping, column 5).
        // Line 20 "    kind: counts": the value at column 11.
        // Line 24 "    when: { any: [ { metric: m2, ... }, { metric: m3, ... } ] }": "{" 11, "any:" 13–16, "[" 18,
        // "{" 20, "metric:" 22–28, "m2" 30–31, "," 32, "op:" 34–36, "ge" 38–39, "," 40, "value:" 42–47,
        // "1" 49, "}" 51, "," 52, "{" 54, "metric:" 56–62, "m3" at 64.
        var yaml = Head + """

              - id: m
                kind: count
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
                numerator: { field: shipped, op: eq, value: true }
              - id: m2
                kind: counts
            rules:
              - id: r
                outcome: o
                when: { any: [ { metric: m2, op: ge, value: 1 }, { metric: m3, op: ge, value: 1 } ] }
            """;

        Assert.Equal(
        [
            "p.yaml:13:5: metric id \"m\" is defined twice",
            "p.yaml:20:11: unknown kind \"counts\" in metric \"m2\"; expected one of: rate, count, share_within, mean_duration, ratio, score",
            "p.yaml:24:64: rule \"r\" names metric \"m3\", which the policy does not define; defined: m, m2",
        ], Errors(yaml));
    }

    [Fact]
    public void A_metric_without_a_window_says_so()
    {
        // The metric's mapping starts at line 6, column 5 ("id: m" after "  - ").
        var yaml = Head.Replace("    window: { rolling_days: 30 }\n", "", StringComparison.Ordinal);

        Assert.Equal(["p.yaml:6:5: metric \"m\" needs \"window\" (rolling_days: N, calendar: day|week|half_month|month, or lifetime)"], Errors(yaml));
    }

    [Fact]
    public void Every_calendar_mistake_is_listed_at_its_item_in_block_and_flow_lists()
    {
        // Line 8 "    - tues": the item at column 7.
        // Line 9 "  hours: [...]": "[" 10, "\"17:00-09:00\"" 11–23, "," 24, "\"10:00-12:00\"" 26–38, "," 39,
        // "\"11:00-13:00\"" 41–53, "," 54, "\"09:00-25:00\"" 56.
        // Line 10 "  holidays: [poland, 2026-12-32]": "[" 13, "poland" 14–19, "," 20, "2026-12-32" at 22.
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            calendar:
              business_days:
                - mon
                - tues
              hours: ["17:00-09:00", "10:00-12:00", "11:00-13:00", "09:00-25:00"]
              holidays: [poland, 2026-12-32]
            """;

        Assert.Equal(
        [
            "p.yaml:8:7: unknown day \"tues\"; use mon, tue, wed, thu, fri, sat, sun",
            "p.yaml:9:11: working hours \"17:00-09:00\" start (17:00) after they end (09:00); hours across midnight are two intervals, e.g. [\"17:00-24:00\", \"00:00-09:00\"]",
            "p.yaml:9:41: working hours \"11:00-13:00\" overlap \"10:00-12:00\"",
            "p.yaml:9:56: working hours \"09:00-25:00\" must look like 08:00-24:00 (a start and an end, HH:MM-HH:MM)",
            "p.yaml:10:22: holiday \"2026-12-32\" must be a date like 2026-12-24 or a named set (poland)",
        ], Errors(yaml));
    }

    [Fact]
    public void An_empty_business_day_list_does_not_hide_the_other_calendar_mistakes()
    {
        // Line 6 "  business_days: []": "business_days:" 3–16, "[" at 18.
        // Line 8 "  holidays: [Poland]": "[" 13, "Poland" at 14.
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            calendar:
              business_days: []
              hours: "08:00-12:00"
              holidays: [Poland]
            """;

        Assert.Equal(
        [
            "p.yaml:6:18: \"business_days\" lists no days; the calendar needs at least one business day",
            "p.yaml:8:14: holiday \"Poland\" must be a date like 2026-12-24 or a named set (poland)",
        ], Errors(yaml));
    }

    [Fact]
    public void Adjacent_working_hours_are_not_an_overlap()
    {
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            calendar:
              hours: ["08:00-12:00", "12:00-13:00"]
            """;

        Assert.Equal("p", PolicyLoader.Load(yaml, "p.yaml").Id);
    }
}
