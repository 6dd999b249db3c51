using Standing.Core.Metrics;
using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

public sealed class PolicyLoaderTests
{
    private const string Valid = """
        id: shop-standard
        version: "2"
        effective_from: 2026-01-01
        time_zone: Europe/Warsaw
        calendar:
          business_days: [mon, tue, wed, thu, fri]
          hours: "08:00-24:00"
          holidays: [poland, 2026-12-31]
        metrics:
          - id: late_rate
            kind: rate
            subject: orders
            window: { rolling_days: 30, lag_days: 3 }
            attribute_by: placed_at
            population: { field: delivered_at, op: set }
            numerator: { field: delivered_at, op: gt, field_ref: deliver_by }
            standard: { direction: lower_is_better, threshold: 0.1, target: 0.05, min_sample: 5 }
        rules:
          - id: warn
            outcome: warning
            when: { metric: late_rate, status: breach }
        """;

    private static PolicyLoadException Fails(string yaml) =>
        Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "p.yaml"));

    [Fact]
    public void A_valid_policy_loads_into_the_canonical_model()
    {
        var policy = PolicyLoader.Load(Valid, "p.yaml");

        Assert.Equal("shop-standard", policy.Id);
        Assert.Equal("Europe/Warsaw", policy.Zone.Id);
        var metric = Assert.Single(policy.Metrics);
        Assert.Equal(MetricKind.Rate, metric.Kind);
        Assert.Equal(new RollingWindow(30, 3), metric.Window);
        Assert.Equal(new Standard(Direction.LowerIsBetter, 0.1, false, 0.05, 5), metric.Standard);
        Assert.True(policy.Calendar.Holidays.IsHoliday(new NodaTime.LocalDate(2026, 12, 31)));
        Assert.True(policy.Calendar.Holidays.IsHoliday(new NodaTime.LocalDate(2026, 4, 6))); // Easter Monday
        Assert.Equal("warn", Assert.Single(policy.Rules).Id);
    }

    [Fact]
    public void Every_error_in_a_bad_policy_is_listed_with_its_line_and_column()
    {
        var yaml = """
            id: Bad Id
            version: "1"
            effective_from: 2026-13-01
            time_zone: Mars/Olympus
            metrics:
              - id: m1
                kind: ratios
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
              - id: m2
                kind: rate
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: lowest_review_stars
                numerator: { field: no_such_field, op: eq, value: true }
                colour: blue
            rules:
              - id: r
                outcome: warning
                when: { metric: m3, op: ge, value: 1 }
            """;

        var errors = Fails(yaml).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("p.yaml:1:5: id must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:3:17: \"effective_from\" must be a date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:4:12: unknown time zone \"Mars/Olympus\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:7:11: unknown kind \"ratios\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:15:19: \"attribute_by\" of metric \"m2\" must name an instant field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:16:25: unknown field \"no_such_field\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:17:5: unknown key \"colour\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:21:21: rule \"r\" names metric \"m3\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operator_that_does_not_fit_the_field_type_is_refused()
    {
        var yaml = Valid.Replace("{ field: delivered_at, op: gt, field_ref: deliver_by }", "{ field: has_tracking, op: ge, value: 3 }", StringComparison.Ordinal);

        var error = Assert.Single(Fails(yaml).Errors);

        Assert.Equal(16, error.Line);
        Assert.Contains("op \"ge\" does not apply to has_tracking, which is bool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_on_the_wrong_side_of_the_threshold_is_refused()
    {
        var yaml = Valid.Replace("target: 0.05", "target: 0.2", StringComparison.Ordinal);

        Assert.Contains("on the wrong side of its threshold", Assert.Single(Fails(yaml).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_reported_at_its_position()
    {
        var error = Assert.Single(Fails("id: x\nmetrics: [\n  - a\n").Errors);

        Assert.Equal("p.yaml", error.File);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void A_share_within_without_a_limit_and_a_rate_without_a_numerator_are_refused()
    {
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            metrics:
              - { id: a, kind: share_within, subject: orders, window: lifetime, attribute_by: placed_at, start: open_at, end: confirmed_at }
              - { id: b, kind: rate, subject: orders, window: lifetime, attribute_by: placed_at }
            """;

        var messages = Fails(yaml).Errors.Select(e => e.Message).ToList();

        Assert.Contains(messages, m => m.Contains("it needs \"limit\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("it needs \"numerator\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_calendar_with_no_business_day_is_refused()
    {
        var yaml = Valid.Replace("business_days: [mon, tue, wed, thu, fri]", "business_days: []", StringComparison.Ordinal);

        Assert.Contains("at least one business day", Assert.Single(Fails(yaml).Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("congocrea")]
    [InlineData("mall")]
    public void Every_built_in_pack_loads_and_marks_its_defaults(string id)
    {
        var policy = BuiltInPacks.Load(id);

        Assert.Equal(id, policy.Id);
        Assert.NotEmpty(policy.Defaults);
        Assert.NotEmpty(policy.Metrics);
    }
}
