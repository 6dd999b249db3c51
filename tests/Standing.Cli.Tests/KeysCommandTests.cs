using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Cli.Tests;

/// <summary><c>standing keys create|list|revoke</c> through the real command.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Store()
    {
        var db = System.IO.Path.Combine(_temp.Path, "keys.db");
        using (EventStore.Open(db, create: true)) { }
        return db;
    }

    [Fact]
    public void A_created_key_is_printed_once_alone_and_the_store_keeps_only_its_hash()
    {
        var db = Store();
        var created = StandingProcess.Run("keys", "create", "--db", db, "--role", "seller", "--seller", "shop-1", "--name", "shop-1-api");
        Assert.Equal(0, created.ExitCode);
        var key = created.Stdout.TrimEnd('\n');
        Assert.Matches("^stk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key); // alone on stdout: nothing else
        Assert.DoesNotContain(key, File.ReadAllText(db, System.Text.Encoding.Latin1), StringComparison.Ordinal);

        var list = StandingProcess.Run("keys", "list", "--db", db);
        Assert.Contains("shop-1-api", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Stdout, StringComparison.Ordinal);

        using (var keys = KeyStore.Open(db)) Assert.Equal(("seller", "shop-1", false), (keys.Find(key)!.Role, keys.Find(key)!.Seller, keys.Find(key)!.Revoked));
        Assert.Equal(0, StandingProcess.Run("keys", "revoke", "--db", db, "shop-1-api").ExitCode);
        using (var keys = KeyStore.Open(db)) Assert.True(keys.Find(key)!.Revoked);
    }

    [Theory]
    [InlineData("--role", "boss", "--name", "x", "--role \"boss\" is not a role")]
    [InlineData("--role", "seller", "--name", "x", "--role seller needs --seller")]
    [InlineData("--role", "admin", "--name", " ", "--name must name")]
    public void A_bad_key_request_says_what_is_wrong_and_stores_nothing(string f1, string v1, string f2, string v2, string message)
    {
        var db = Store();
        var run = StandingProcess.Run("keys", "create", "--db", db, f1, v1, f2, v2);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        using var keys = KeyStore.Open(db);
        Assert.Empty(keys.List());
    }

    [Fact]
    public void A_key_of_a_new_marketplace_adds_the_marketplace_with_a_store_of_its_own()
    {
        var db = Store();
        var created = StandingProcess.Run("keys", "create", "--db", db, "--role", "integration", "--marketplace", "north", "--name", "north-feed");
        Assert.True(created.ExitCode == 0, created.Stderr);
        using (var store = EventStore.Open(db, create: false)) Assert.Equal(["north"], store.RegisteredMarketplaces());
        Assert.True(File.Exists(System.IO.Path.Combine(_temp.Path, "keys.north.db"))); // docs/marketplaces.md: the sibling file

        var unsafeId = StandingProcess.Run("keys", "create", "--db", db, "--role", "reviewer", "--marketplace", "North Side", "--name", "x");
        Assert.Equal(1, unsafeId.ExitCode);
        Assert.Contains("--marketplace: marketplace \"North Side\" is not a valid marketplace id", unsafeId.Stderr, StringComparison.Ordinal);
        using var keys = KeyStore.Open(db);
        Assert.Equal(["north-feed"], keys.List().Select(k => k.Name));
    }

    [Fact]
    public void Marketplace_with_events_files_chooses_among_their_events_and_says_what_was_left_out()
    {
        // Once refused ("needs --db"); now --marketplace chooses a marketplace of the files (EventsMarketplaceTests).
        var file = Path.Combine(Directory.CreateTempSubdirectory("standing-keys-").FullName, "x.ndjson");
        File.WriteAllText(file, "{\"id\":\"p1\",\"type\":\"order.placed\",\"at\":\"2026-05-01T10:00:00Z\",\"seller\":\"s\",\"order\":\"o1\"}\n");
        var run = StandingProcess.Run("evaluate", "--events", file, "--marketplace", "north", "--policy", "congocrea", "--as-of", "2026-06-01");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--events: marketplace north evaluated (0 events); left out: default (1 event)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
