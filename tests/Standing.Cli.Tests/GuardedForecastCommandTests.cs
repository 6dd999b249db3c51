using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing forecast</c> and <c>standing explain</c> on a hand-written history under
/// examples/policies/congocrea-wilson.yaml: the forecast judges a guarded rate as the evaluation does, shows
/// the guard's reading, and explain's forecast lines agree with its status line. Numbers worked by hand below.
/// </summary>
public sealed class GuardedForecastCommandTests : IDisposable
{
    private static readonly string Wilson = Path.Combine(AppContext.BaseDirectory, "policies", "congocrea-wilson.yaml");
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Shop "w": 20 orders placed 2026-05-01 noon UTC, one with a 1-star review (EVENTS.md's format).</summary>
    private string Events()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 20; i++)
            lines.Add($$"""{"id":"p{{i}}","type":"order.placed","at":"2026-05-01T12:00:00Z","seller":"w","order":"o-{{i}}"}""");
        lines.Add("""{"id":"r1","type":"review.posted","at":"2026-05-03T12:00:00Z","seller":"w","review":"r-1","order":"o-1","stars":1}""");
        return _dir.File("w.ndjson", string.Join('\n', lines) + "\n");
    }

    // ODR 1/20 = 5 %, past Congocrea's 1 %; its Wilson 95 % interval is [0.888 %, 23.61 %] (z = 1.959964): not wholly at
    // or above 1 %, so at risk. One more defect, 2/20, has the interval [2.787 %, 30.10 %]: a breach, so the budget is
    // 0 because the next defect breaches. The defect leaves on 2026-07-31, the first day the window [05-02, 07-31)
    // starts after it; until then 1/(20 + floor(20k/90)) stays at or above 1 %: good again on 07-31, day 60.
    [Fact]
    public void The_forecast_of_a_guarded_rate_is_at_risk_like_its_evaluation_and_shows_the_interval()
    {
        var events = Events();

        var json = StandingProcess.Run("forecast", "--events", events, "--policy", Wilson, "--as-of", "2026-06-01", "--seller", "w", "--metric", "odr", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        JsonContractTests.Valid("forecast", json.Stdout);
        using var doc = JsonDocument.Parse(json.Stdout);
        var odr = doc.RootElement.GetProperty("metrics")[0];
        Assert.Equal("at_risk", odr.GetProperty("status").GetString());
        var guard = odr.GetProperty("guard");
        Assert.Equal(("breach", true), (guard.GetProperty("raw_status").GetString(), guard.GetProperty("changed_verdict").GetBoolean()));
        Assert.Equal(0.00888, guard.GetProperty("low").GetDouble(), 0.00001);
        Assert.Equal(0.23613, guard.GetProperty("high").GetDouble(), 0.00001);
        Assert.Equal(0, odr.GetProperty("error_budget").GetProperty("defects").GetInt64());
        Assert.Equal("1 more would breach (2/20 = 0.1)", odr.GetProperty("error_budget").GetProperty("reason").GetString());
        Assert.Equal("2026-07-31", odr.GetProperty("recovery").GetProperty("date").GetString());
        Assert.Equal("at_risk", odr.GetProperty("days")[0].GetProperty("status").GetString());

        var text = StandingProcess.Run("forecast", "--events", events, "--policy", Wilson, "--as-of", "2026-06-01", "--seller", "w", "--metric", "odr");
        Assert.Contains("odr = 5% (at_risk)  1/20", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("the guard changed the verdict: breach → at_risk", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("error budget: 0 more defects at the volume of now; 1 more would breach (2/20 = 0.1)", text.Stdout, StringComparison.Ordinal);

        var explain = StandingProcess.Run("explain", "--events", events, "--policy", Wilson, "--as-of", "2026-06-01", "--seller", "w", "--metric", "odr");
        Assert.Contains("odr = 5% (at_risk)", explain.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("already in breach", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("error budget: 0 more defects at the volume of now; 1 more would breach", explain.Stdout, StringComparison.Ordinal);
    }
}
