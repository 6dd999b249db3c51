using System.Text;
using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>--events</c> files mixing marketplaces are split by the events' <c>marketplace</c> field, as a
/// store keeps them apart (docs/marketplaces.md): the default marketplace unless <c>--marketplace</c>
/// names another, the others named on stderr with their counts, and Prom.ua's peers never cross.
/// </summary>
public sealed class EventsMarketplaceTests : IDisposable
{
    private const string AsOf = "2026-04-01T00:00:00+03:00";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("standing-events-marketplace-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// Every order placed 2026-03-20, reviewed 2026-03-25 (inside Prom.ua's 30 days as of 1 April):
    /// default (no field): c-00…c-19 with 1 review of 1 star in 20, c-bad with 15 of 2 stars in 20 —
    /// 21 sellers, 840 events; "b": c-bad again and b-00…b-09, all 15 bad in 20 — 11 sellers, 440 events.
    /// </summary>
    private string File()
    {
        var lines = new StringBuilder();
        void Seller(string seller, string? marketplace, int negative)
        {
            var field = marketplace is null ? "" : $",\"marketplace\":\"{marketplace}\"";
            var prefix = (marketplace ?? "default") + "-" + seller;
            for (var i = 0; i < 20; i++)
            {
                var stars = i < negative ? (negative == 1 ? 1 : 2) : 5;
                lines.Append($"{{\"id\":\"{prefix}-p{i}\",\"type\":\"order.placed\",\"at\":\"2026-03-20T10:00:00+02:00\",\"seller\":\"{seller}\"{field},\"order\":\"o-{i}\"}}\n");
                lines.Append($"{{\"id\":\"{prefix}-r{i}\",\"type\":\"review.posted\",\"at\":\"2026-03-25T10:00:00+02:00\",\"seller\":\"{seller}\"{field},\"review\":\"r-{i}\",\"order\":\"o-{i}\",\"stars\":{stars}}}\n");
            }
        }
        for (var s = 0; s < 20; s++) Seller($"c-{s:00}", null, 1);
        Seller("c-bad", null, 15);
        Seller("c-bad", "b", 15);
        for (var s = 0; s < 10; s++) Seller($"b-{s:00}", "b", 15);
        var path = Path.Combine(_folder.FullName, "mixed.ndjson");
        System.IO.File.WriteAllText(path, lines.ToString());
        return path;
    }

    private static JsonElement Bad(StandingProcess.Result run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sellers = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sellers");
        return sellers.EnumerateArray().Single(s => s.GetProperty("seller").GetString() == "c-bad")
            .GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "negative_review_rate_30d");
    }

    [Fact]
    public void Evaluate_takes_the_default_marketplace_and_names_the_one_left_out()
    {
        var run = StandingProcess.Run("evaluate", "--events", File(), "--policy", "promua", "--as-of", AsOf, "--format", "json");
        Assert.Equal(21, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sellers").GetArrayLength());
        // The catalog's rate is (20·1 + 15)/420 = 8.3%; c-bad's 15/20 = 75% is the worst of 21 (1/21 ≤ 5%)
        // and P(X ≥ 15 | n = 20, p = 0.083) ≈ 10⁻¹² < 0.01: a breach. Pooled with b, c-bad would have 40 orders.
        var bad = Bad(run);
        Assert.Equal((15, 20, "breach"), (bad.GetProperty("numerator").GetInt64(), bad.GetProperty("denominator").GetInt64(), bad.GetProperty("status").GetString()));
        Assert.Contains("--events: marketplace default evaluated (840 events); left out: b (440 events)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Marketplace_chooses_another_and_its_peers_are_its_own()
    {
        var run = StandingProcess.Run("evaluate", "--events", File(), "--marketplace", "b", "--policy", "promua", "--as-of", AsOf, "--format", "json");
        Assert.Equal(11, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sellers").GetArrayLength());
        // In b every seller is at 15/20: the catalog's rate is 165/220 = 75% and P(X ≥ 15 | n = 20, p = 0.75)
        // ≈ 0.62 > 0.01: the same seller id with the same events is not significantly worse there.
        var bad = Bad(run);
        Assert.Equal((15, 20, "good"), (bad.GetProperty("numerator").GetInt64(), bad.GetProperty("denominator").GetInt64(), bad.GetProperty("status").GetString()));
        Assert.Contains("--events: marketplace b evaluated (440 events); left out: default (840 events)", run.Stderr, StringComparison.Ordinal);

        // explain, causes and forecast read the files the same way.
        foreach (var command in new[] { "explain", "causes", "forecast" })
        {
            var other = StandingProcess.Run(command, "--events", File(), "--marketplace", "b", "--policy", "promua", "--as-of", AsOf, "--seller", "c-bad");
            Assert.True(other.ExitCode == 0, command + ": " + other.Stderr);
            Assert.Contains("left out: default (840 events)", other.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unsafe_marketplace_is_refused()
    {
        var run = StandingProcess.Run("evaluate", "--events", File(), "--marketplace", "../x", "--policy", "promua", "--as-of", AsOf);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--marketplace: marketplace \"../x\" is not a valid marketplace id", run.Stderr, StringComparison.Ordinal);
    }
}
