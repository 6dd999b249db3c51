using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>
/// <c>excuse_only_unfinished</c> narrows a share_within's <c>excuse</c>: misplaced, it is an error at its place
/// (lines and columns counted by hand from the YAML below).
/// </summary>
public sealed class ExcuseOnlyUnfinishedTests
{
    private static List<string> Errors(string yaml) => LoadErrors.Of(yaml);

    [Fact]
    public void Without_an_excuse_or_on_a_rate_it_is_refused_at_its_place()
    {
        var yaml = """
            id: p
            version: "1"
            effective_from: 2026-01-01
            time_zone: UTC
            metrics:
              - id: m
                kind: share_within
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: ship_by
                start: placed_at
                end: shipped_at
                limit: { field: ship_by }
                excuse_only_unfinished: true
                standard: { direction: higher_is_better, threshold: 0.9 }
              - id: n
                kind: rate
                subject: orders
                window: { rolling_days: 30 }
                attribute_by: placed_at
                numerator: { field: shipped, op: eq, value: true }
                excuse_only_unfinished: true
                standard: { direction: higher_is_better, threshold: 0.9 }
            """;

        // "    excuse_only_unfinished: true": the value starts at column 29 on lines 14 and 22.
        Assert.Equal(
        [
            "p.yaml:14:29: \"excuse_only_unfinished\" of metric \"m\" needs an \"excuse\" field to narrow",
            "p.yaml:22:29: \"excuse_only_unfinished\" does not apply to metric \"n\", which is a rate",
        ], Errors(yaml));
    }

    [Fact]
    public void The_kuaishou_pack_narrows_its_on_time_shipping_excuse_but_not_its_pickup_one()
    {
        var pack = BuiltInPacks.Load("kuaishou");

        Assert.True(pack.Metrics.Single(m => m.Id == "on_time_shipping_rate").ExcuseOnlyUnfinished);
        Assert.False(pack.Metrics.Single(m => m.Id == "pickup_anomaly_rate").ExcuseOnlyUnfinished);
    }
}
