using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>The example policies shipped for operators load as documented.</summary>
public sealed class ExamplePolicyTests
{
    private static string ExamplesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "examples", "policies"))) dir = dir.Parent;
        Assert.True(dir is not null, "examples/policies not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir!.FullName, "examples", "policies");
    }

    [Fact]
    public void Every_example_policy_loads()
    {
        var files = Directory.GetFiles(ExamplesFolder(), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var policy = PolicyLoader.LoadFile(file);
            // Named after its id; a candidate version of a standard (for standing backtest) keeps the standard's
            // id and is named ID-VARIANT (congocrea-tightened.yaml).
            var name = Path.GetFileNameWithoutExtension(file);
            Assert.True(name == policy.Id || name.StartsWith(policy.Id + "-", StringComparison.Ordinal), $"{name}.yaml holds policy {policy.Id}");
        }
    }
}

public sealed class LateShipmentExampleTests
{
    [Fact]
    public void Late_and_never_shipped_orders_count_and_cancelled_unshipped_ones_do_not()
    {
        // 21 orders due Sun 2026-05-10 18:00 (+02:00): 18 shipped on time, s18 shipped late, s19 never
        // shipped, s20 cancelled before shipping (not due). Late rate = 2/20 = 10% > 4%: breach.
        var shop = new Standing.Testing.EventScript("shop");
        const string due = "2026-05-10T18:00:00+02:00";
        for (var i = 0; i < 21; i++) shop.Placed($"s{i}", "2026-05-08T10:00:00+02:00", shipBy: due);
        for (var i = 0; i < 18; i++) shop.Shipped($"s{i}", "2026-05-09T10:00:00+02:00");
        shop.Shipped("s18", "2026-05-11T09:00:00+02:00")
            .Status("s20", Standing.Core.Events.OrderStatus.Cancelled, "2026-05-08T12:00:00+02:00", "buyer");
        var policy = PolicyLoader.LoadFile(Path.Combine(FindRepo(), "examples", "policies", "late-shipment.yaml"));
        var asOf = Standing.Testing.EventScript.At("2026-06-01T00:00:00+02:00");

        var facts = Standing.Core.Facts.FactFolder.Fold(shop.Events, asOf);
        var result = new Standing.Core.Evaluation.PolicyEvaluator(policy).EvaluateSeller(facts[0], asOf).Metric("late_shipment_rate")!;

        Assert.Equal((2, 20), (result.Numerator, result.Denominator));
        Assert.Equal(Standing.Core.Metrics.MetricStatus.Breach, result.Status);
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Standing.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
