using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Engine;

/// <summary>Every mistake in the new constructs is reported with file:line:column, all at once.</summary>
public sealed class NewConstructErrorTests
{
    private const string Bad = """
        id: bad
        version: "1"
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: r1
            kind: ratio
            subject: orders
            window: { rolling_days: 30 }
            numerator: { subject: complainz, attribute_by: opened_at }
          - id: s1
            kind: score
            window: { rolling_days: 30 }
            components:
              - { metric: nowhere, best: 0, worst: 1 }
              - { metric: r1, best: 0, worst: 1, weight: -1 }
          - id: p1
            kind: rate
            subject: reviews
            window: { calendar: fortnight }
            attribute_by: posted_at
            numerator: { field: stars, op: le, value: 2 }
            standard: { direction: lower_is_better, threshold: 0.1, peer: { worst_share: 5, alpha: 0.01, min_sample: 20 } }
          - id: w1
            kind: share_within
            subject: orders
            window: lifetime
            attribute_by: placed_at
            start: placed_at
            end: shipped_at
            limit: { field: amount }
            counts: sometimes
        rules:
          - id: v
            outcome: v
            versions:
              - { effective: 2026-06-01, when: { metric: w1, op: ge, value: 1 } }
              - { effective: 2026-01-01, when: { metric: w1, op: ge, value: 2 } }
          - id: t
            tiers:
              - { id: minor }
              - { id: major, when: { metric: w1, op: ge, value: 1 }, fine: { min: 300, max: 100, currency: CNY } }
        """;

    [Fact]
    public void Every_mistake_in_ratios_scores_peers_limits_versions_and_tiers_is_listed_with_its_position()
    {
        var errors = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(Bad, "bad.yaml")).Errors.Select(e => e.ToString()).ToList();

        void Has(string prefix) => Assert.Contains(errors, e => e.StartsWith(prefix, StringComparison.Ordinal));
        Has("bad.yaml:6:5: metric \"r1\" is a ratio: it needs \"denominator\"");
        Has("bad.yaml:8:14: \"subject\" does not apply to metric \"r1\", which is a ratio");
        Has("bad.yaml:10:27: unknown subject \"complainz\"");
        Has("bad.yaml:13:13: \"window\" does not apply to metric \"s1\", which is a score");
        Has("bad.yaml:15:19: score \"s1\" names metric \"nowhere\", which the policy does not define");
        Has("bad.yaml:16:50: the weight of a component of metric \"s1\" must be above 0");
        Has("bad.yaml:20:13: the window of metric \"p1\" needs rolling_days: N, calendar: day|week|half_month|month");
        Has("bad.yaml:23:56: \"threshold\" does not go with \"peer\"");
        Has("bad.yaml:23:82: worst_share of metric \"p1\" must be above 0 and at most 1");
        Has("bad.yaml:31:21: \"field\" of the limit of metric \"w1\" must name an instant field; \"amount\" is number");
        Has("bad.yaml:32:13: \"counts\" of metric \"w1\" must be on_time or late");
        Has("bad.yaml:38:22: the versions of rule \"v\" must be listed oldest first");
        Has("bad.yaml:41:9: a tier of rule \"t\" needs \"when\"");
        Has("bad.yaml:42:68: the fine of a tier of rule \"t\": min (300) is above max (100)");
        Assert.Equal(14, errors.Count);
    }
}
