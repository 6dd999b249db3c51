using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Runs <c>standing evaluate --format json</c> on a hand-written scenario file and reads the result by
/// seller and metric id, the way an outside checker reads the JSON contract.
/// </summary>
internal sealed class AcceptanceRun
{
    private static readonly string ScenarioFolder = Path.Combine(AppContext.BaseDirectory, "Acceptance", "Scenarios");

    private readonly JsonElement _root;

    private AcceptanceRun(StandingProcess.Result result)
    {
        Result = result;
        _root = JsonDocument.Parse(result.Stdout).RootElement;
    }

    public StandingProcess.Result Result { get; }

    public static string Scenario(string name) => Path.Combine(ScenarioFolder, name);

    public static AcceptanceRun Evaluate(string scenario, string policy, string asOf)
    {
        var run = StandingProcess.Run("evaluate", "--events", Scenario(scenario), "--policy", policy, "--as-of", asOf, "--format", "json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        return new AcceptanceRun(run);
    }

    public JsonElement Seller(string seller) =>
        _root.GetProperty("sellers").EnumerateArray().Single(s => s.GetProperty("seller").GetString() == seller);

    public JsonElement Metric(string seller, string id) =>
        Seller(seller).GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    public bool Triggered(string seller, string outcome) =>
        Seller(seller).GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("id").GetString() == outcome)
            .GetProperty("triggered").GetBoolean();

    /// <summary>Asserts numerator, denominator, value (to 1e-9) and status of one metric.</summary>
    public void AssertRate(string seller, string id, long numerator, long denominator, double value, string status)
    {
        var m = Metric(seller, id);
        Assert.Equal(numerator, m.GetProperty("numerator").GetInt64());
        Assert.Equal(denominator, m.GetProperty("denominator").GetInt64());
        Assert.Equal(value, m.GetProperty("value").GetDouble(), 1e-9);
        Assert.Equal(status, m.GetProperty("status").GetString());
    }

    public string Status(string seller, string id) => Metric(seller, id).GetProperty("status").GetString()!;

    public double Value(string seller, string id) => Metric(seller, id).GetProperty("value").GetDouble();
}
