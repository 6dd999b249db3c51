using System.Text;
using System.Text.Json;
using NodaTime;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// One deployment, several marketplaces (docs/marketplaces.md): each event goes to its marketplace's
/// store, and nothing — sellers, facts, Prom.ua's peer pool, cases — crosses from one to another.
/// </summary>
public abstract partial class StoreContract
{
    private const string AsOf = "2026-04-01T00:00:00+03:00";

    /// <summary>
    /// Two marketplaces with a seller "c-bad" in each, every order placed 2026-03-20 and reviewed
    /// 2026-03-25 (so every review counts in Prom.ua's 30-day window as of 2026-04-01):
    /// <list type="bullet">
    /// <item>default (no "marketplace" field): c-00…c-19 with 20 reviews each, one of 1 star; c-bad with
    /// 20 reviews, 15 of 2 stars. 21 sellers × 20 orders × 2 events = 840 events.</item>
    /// <item>"b": c-bad as above and b-00…b-09, each as bad as c-bad. 11 × 40 = 440 events.</item>
    /// </list>
    /// </summary>
    private string TwoMarketplaces(int othersInB = 10, int negativeOfOthersInB = 15)
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
        for (var s = 0; s < othersInB; s++) Seller($"b-{s:00}", "b", negativeOfOthersInB);
        return Temp.Write($"two-marketplaces-{Guid.NewGuid():N}.ndjson", lines.ToString());
    }

    private static StandingProcess.Result Ok(params string[] args)
    {
        var run = StandingProcess.Run(args);
        Assert.True(run.ExitCode == 0, $"standing {string.Join(' ', args)}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        return run;
    }

    private static JsonElement Metric(JsonElement evaluation, string seller, string metric) =>
        evaluation.GetProperty("sellers").EnumerateArray().Single(s => s.GetProperty("seller").GetString() == seller)
            .GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == metric);

    [Fact]
    public void Events_without_the_field_go_to_the_default_marketplace_and_the_others_to_stores_of_their_own()
    {
        var target = NewTarget();
        var ingest = Ok("ingest", TwoMarketplaces(), "--db", target);

        // Counted by hand in TwoMarketplaces: 840 events of 21 sellers in default, 440 of 11 in b.
        Assert.Matches(@"accepted \(new\)\s+1280", ingest.Stdout);
        Assert.Matches(@"\n    default\s+840\s+0\s+0\s+21\s", ingest.Stdout);
        Assert.Matches(@"\n    b\s+440\s+0\s+0\s+11\s", ingest.Stdout);
        using (var main = EventStore.Open(target, create: false))
        {
            Assert.Equal(840, main.Count());
            Assert.Equal(21, main.Sellers().Count);
            Assert.Equal(["b"], main.RegisteredMarketplaces());
        }
        using (var b = EventStore.Open(MarketplaceStores.Target(target, "b"), create: false))
        {
            Assert.Equal(440, b.Count());
            Assert.Equal(["b-00", "b-01", "b-02", "b-03", "b-04", "b-05", "b-06", "b-07", "b-08", "b-09", "c-bad"], b.Sellers().Select(s => s.Seller));
            Assert.Equal(11, b.ReadFacts(bodies: false).Count); // facts current after the ingest, in b's own store
        }

        // Loading the same file again: every event a duplicate, in its own marketplace.
        var again = Ok("ingest", TwoMarketplaces(), "--db", target);
        Assert.Matches(@"\n    default\s+0\s+840\s+0\s+0\s", again.Stdout);
        Assert.Matches(@"\n    b\s+0\s+440\s+0\s+0\s", again.Stdout);
    }

    [Fact]
    public void The_same_seller_in_two_marketplaces_is_measured_against_its_own_marketplace_only()
    {
        var target = NewTarget();
        Ok("ingest", TwoMarketplaces(), "--db", target);
        var inDefault = JsonDocument.Parse(Ok("evaluate", "--db", target, "--policy", "promua", "--as-of", AsOf, "--format", "json").Stdout).RootElement;
        var inB = JsonDocument.Parse(Ok("evaluate", "--db", target, "--marketplace", "b", "--policy", "promua", "--as-of", AsOf, "--format", "json").Stdout).RootElement;

        Assert.Equal(21, inDefault.GetProperty("sellers").GetArrayLength());
        Assert.Equal(11, inB.GetProperty("sellers").GetArrayLength());
        Assert.DoesNotContain(inDefault.GetProperty("sellers").EnumerateArray(), s => s.GetProperty("seller").GetString()!.StartsWith("b-", StringComparison.Ordinal));

        // Default: the catalog's rate is (20·1 + 15)/420 = 8.3%; c-bad's 15/20 = 75% is the worst of 21
        // ranked (1/21 = 4.8% ≤ 5%) and P(X ≥ 15 | n = 20, p = 0.083) ≈ 10⁻¹² < 0.01: breach.
        var bad = Metric(inDefault, "c-bad", "negative_review_rate_30d");
        Assert.Equal(15, bad.GetProperty("numerator").GetInt64());
        Assert.Equal(20, bad.GetProperty("denominator").GetInt64());
        Assert.Equal("breach", bad.GetProperty("status").GetString());

        // b: every seller at 15/20, so the catalog's rate is 165/220 = 75% and P(X ≥ 15 | n = 20, p = 0.75)
        // ≈ 0.62 > 0.01: the same seller id, with the same events, is not significantly worse there.
        var same = Metric(inB, "c-bad", "negative_review_rate_30d");
        Assert.Equal(15, same.GetProperty("numerator").GetInt64());
        Assert.Equal(20, same.GetProperty("denominator").GetInt64());
        Assert.Equal("good", same.GetProperty("status").GetString());
    }

    [Fact]
    public void Run_enforces_every_marketplace_in_its_own_store_and_cases_never_cross()
    {
        var target = NewTarget();
        Ok("ingest", TwoMarketplaces(), "--db", target);
        var run = Ok("run", "--db", target, "--policy", "promua", "--as-of", "2026-04-01");
        Assert.Contains("marketplace default:", run.Stdout);
        Assert.Contains("marketplace b:", run.Stdout);

        // Only the default marketplace's c-bad breaches (see the test above): one catalog exclusion there, none in b.
        var cases = JsonDocument.Parse(Ok("cases", "list", "--db", target, "--format", "json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["c-bad"], cases.Select(c => c.GetProperty("seller").GetString()));
        Assert.Equal(0, JsonDocument.Parse(Ok("cases", "list", "--db", target, "--marketplace", "b", "--format", "json").Stdout).RootElement.GetArrayLength());

        // Running b alone again changes nothing (its day was run).
        var onlyB = Ok("run", "--db", target, "--marketplace", "b", "--policy", "promua", "--as-of", "2026-04-01");
        Assert.DoesNotContain("marketplace default:", onlyB.Stdout);
    }

    [Fact]
    public void Notices_name_their_marketplace_in_the_webhook_the_folder_and_the_outbox_list()
    {
        // b as the default marketplace: 20 sellers with 1 bad review of 20 and c-bad with 15, so c-bad
        // is excluded in both (the worst of 21, 1/21 ≤ 5%, as worked out in the test above).
        var target = NewTarget();
        Ok("ingest", TwoMarketplaces(othersInB: 20, negativeOfOthersInB: 1), "--db", target);
        using var receiver = new Enforcement.WebhookReceiver(Enforcement.WebhookReceiver.FreePort());
        var folder = Temp.File("notices-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Ok("run", "--db", target, "--policy", "promua", "--as-of", "2026-04-01", "--notify-webhook", receiver.Url, "--notify-folder", folder);

        var received = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var byMarketplace = received.GroupBy(b => b.GetProperty("marketplace").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(["b", "default"], byMarketplace.Keys.Order(StringComparer.Ordinal));
        Assert.All(received, b => Assert.Equal("c-bad", b.GetProperty("seller").GetString()));
        Assert.Equal(byMarketplace["default"].Count, byMarketplace["b"].Count); // the same events in each: the same notices

        // The folder: b's notices in b/, each naming b; the default's at the top, naming default.
        var inB = Directory.GetFiles(Path.Combine(folder, "b"), "*.json");
        Assert.Equal(byMarketplace["b"].Count, inB.Length);
        Assert.All(inB, f => Assert.Equal("b", JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("marketplace").GetString()));
        Assert.All(Directory.GetFiles(folder, "*.json"), f => Assert.Equal("default", JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("marketplace").GetString()));

        var listed = JsonDocument.Parse(Ok("outbox", "list", "--db", target, "--marketplace", "b", "--format", "json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(byMarketplace["b"].Count, listed.Count);
        Assert.All(listed, n => Assert.Equal("b", n.GetProperty("marketplace").GetString()));
    }

    [Fact]
    public void An_unsafe_marketplace_id_is_rejected_at_its_line_and_an_unknown_one_is_named()
    {
        var target = NewTarget();
        var file = Temp.Write($"bad-marketplace-{Guid.NewGuid():N}.ndjson",
            "{\"id\":\"a\",\"type\":\"order.placed\",\"at\":\"2026-03-20T10:00:00Z\",\"seller\":\"s\",\"order\":\"o\"}\n" +
            "{\"id\":\"b\",\"type\":\"order.placed\",\"at\":\"2026-03-20T10:00:00Z\",\"seller\":\"s\",\"order\":\"o2\",\"marketplace\":\"../etc\"}\n");
        var ingest = StandingProcess.Run("ingest", file, "--db", target);
        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains($"{file}:2: marketplace \"../etc\" is not a valid marketplace id", ingest.Stderr);
        using (var store = EventStore.Open(target, create: false))
        {
            Assert.Empty(store.RegisteredMarketplaces());
            Assert.Equal(1, store.Count());
        }

        var unknown = StandingProcess.Run("evaluate", "--db", target, "--marketplace", "zz", "--policy", "promua", "--as-of", AsOf);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--marketplace zz: no such marketplace", unknown.Stderr);
        Assert.Contains("(it holds default)", unknown.Stderr);
        Assert.DoesNotContain("   at ", unknown.Stderr); // a message, not a stack trace
    }

    [Fact]
    public void Registering_a_marketplace_twice_keeps_it_once()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.RegisterMarketplace("m-2", Instant.FromUtc(2026, 1, 1, 0, 0));
        store.RegisterMarketplace("m_1", Instant.FromUtc(2026, 1, 2, 0, 0));
        store.RegisterMarketplace("m-2", Instant.FromUtc(2026, 1, 3, 0, 0));
        Assert.Equal(["m-2", "m_1"], store.RegisteredMarketplaces()); // ordinal order: '-' before '_'
    }
}
