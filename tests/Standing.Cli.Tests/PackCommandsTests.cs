using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>The new packs through the real command: peer fields, tiers with fines, and the root-cause report.</summary>
public sealed class PackCommandsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>p01..p19: 20 reviews, 1 negative; p20: 20 reviews, 10 negative, texts naming causes.</summary>
    private string PromuaEvents()
    {
        var lines = new StringBuilder();
        var n = 0;
        void Review(string seller, int i, int stars, string? text)
        {
            var textField = text is null ? "" : $",\"text\":\"{text}\"";
            lines.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"e{++n}\",\"type\":\"review.posted\",\"at\":\"2026-05-20T12:00:00+03:00\",\"seller\":\"{seller}\",\"review\":\"{seller}-r{i}\",\"order\":\"{seller}-o{i}\",\"stars\":{stars}{textField}}}\n");
        }
        for (var s = 1; s <= 19; s++)
        {
            for (var i = 0; i < 20; i++) Review($"p{s:00}", i, i == 0 ? 2 : 5, null);
        }
        for (var i = 0; i < 20; i++)
        {
            var text = i switch { < 6 => "Немає в наявності", < 8 => "Delivery cost was too high", < 10 => "bad", _ => "great" };
            Review("p20", i, i < 10 ? 1 : 5, text);
        }
        return _dir.File("promua.ndjson", lines.ToString());
    }

    [Fact]
    public void Evaluating_one_seller_against_its_peers_gives_percentile_p_value_and_peer_rate()
    {
        var events = PromuaEvents();

        var run = StandingProcess.Run("evaluate", "--events", events, "--policy", "promua", "--as-of", "2026-06-01T00:00:00+03:00", "--seller", "p20", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var seller = doc.RootElement.GetProperty("sellers").EnumerateArray().Single();
        Assert.Equal("p20", seller.GetProperty("seller").GetString());
        var m = seller.GetProperty("metrics").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "negative_review_rate_30d");
        // 10/20 against a catalog of 29/400; p20 is the worst of 20 ranked sellers.
        Assert.Equal("breach", m.GetProperty("status").GetString());
        Assert.Equal(1, m.GetProperty("percentile").GetDouble());
        Assert.Equal(0.0725, m.GetProperty("peer_rate").GetDouble(), 12);
        Assert.True(m.GetProperty("p_value").GetDouble() < 0.01);
        var exclusion = seller.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "catalog_exclusion");
        Assert.True(exclusion.GetProperty("triggered").GetBoolean());
    }

    [Fact]
    public void The_causes_command_groups_negative_reviews_with_counts_and_examples()
    {
        var events = PromuaEvents();

        var run = StandingProcess.Run("causes", "--events", events, "--policy", "promua", "--as-of", "2026-06-01T00:00:00+03:00", "--seller", "p20", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var seller = doc.RootElement.GetProperty("sellers").EnumerateArray().Single();
        // 10 negative: 6 "немає в наявності" (out of stock), 2 delivery cost, 2 with no keyword (other).
        Assert.Equal(10, seller.GetProperty("negative_reviews").GetInt32());
        var causes = seller.GetProperty("causes").EnumerateArray().ToList();
        Assert.Equal(["out_of_stock", "delivery_cost", "other"], causes.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([6, 2, 2], causes.Select(c => c.GetProperty("count").GetInt32()));
        Assert.Equal(0.6, causes[0].GetProperty("share").GetDouble(), 12);
        Assert.Equal(3, causes[0].GetProperty("examples").GetArrayLength());
        Assert.Equal("Немає в наявності", causes[0].GetProperty("examples")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void A_policy_without_a_keyword_table_is_refused_by_causes()
    {
        var events = PromuaEvents();

        var run = StandingProcess.Run("causes", "--events", events, "--policy", "congocrea", "--as-of", "2026-06-01T00:00:00Z");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no root-cause table", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiered_outcome_carries_its_fine_range_in_json()
    {
        // 25 neutral May ratings, 3 for bad attitude: 12 % → serious (fine 100–300 CNY).
        var lines = new StringBuilder();
        for (var i = 1; i <= 25; i++)
        {
            var reason = i <= 3 ? ",\"reason\":\"bad_attitude\"" : "";
            lines.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"k{i}\",\"type\":\"chat.rated\",\"at\":\"2026-05-10T10:00:00+08:00\",\"seller\":\"shop\",\"conversation\":\"c{i}\",\"rating\":\"neutral\"{reason}}}\n");
        }
        var events = _dir.File("kuaishou.ndjson", lines.ToString());

        var run = StandingProcess.Run("evaluate", "--events", events, "--policy", "kuaishou", "--as-of", "2026-06-10T00:00:00+08:00", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var outcomes = doc.RootElement.GetProperty("sellers")[0].GetProperty("outcomes").EnumerateArray().ToList();
        var serious = outcomes.Single(o => o.GetProperty("id").GetString() == "attitude_serious");
        Assert.True(serious.GetProperty("triggered").GetBoolean());
        Assert.Equal("attitude", serious.GetProperty("rule").GetString());
        Assert.Equal(100, serious.GetProperty("fine").GetProperty("min").GetDouble());
        Assert.Equal(300, serious.GetProperty("fine").GetProperty("max").GetDouble());
        Assert.False(outcomes.Single(o => o.GetProperty("id").GetString() == "attitude_minor").GetProperty("triggered").GetBoolean());
    }
}
