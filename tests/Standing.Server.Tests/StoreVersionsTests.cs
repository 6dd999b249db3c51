using Microsoft.Data.Sqlite;
using NodaTime;
using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Server.Tests;

/// <summary>
/// The data version a server's reads are kept under (<see cref="StoreVersions"/>): the same while nothing is committed
/// to the store file, whatever is read; another after any commit, by this process's other connections or another's.
/// </summary>
public sealed class StoreVersionsTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    private string NewStore()
    {
        var target = _stores.NewTarget();
        using var store = EventStore.Open(target, create: true);
        store.Append(ServerHarness.Parse(Marketplace.Placed("a-p1", "shop-a", "a-o1", 1)));
        return target;
    }

    [Fact]
    public void Reads_leave_the_version_as_it_was_and_each_commit_changes_it()
    {
        var target = NewStore();
        using var versions = new StoreVersions();
        var first = versions.Of(target);
        Assert.NotNull(first);

        using (var other = new SqliteConnection($"Data Source={target}"))
        {
            other.Open();
            using var read = other.CreateCommand();
            read.CommandText = "SELECT count(*) FROM seller_projection";
            Assert.Equal(1L, read.ExecuteScalar()); // shop-a, the one seller appended above
        }
        Assert.Equal(first, versions.Of(target));

        using (var store = EventStore.Open(target, create: false)) store.Append(ServerHarness.Parse(Marketplace.Placed("a-p2", "shop-a", "a-o2", 2)));
        var afterEvent = versions.Of(target);
        Assert.NotEqual(first, afterEvent);

        using (var keys = KeyStore.Open(target)) Assert.NotNull(keys.Create("a reviewer", "reviewer", seller: null, marketplace: null, Instant.FromUtc(2026, 4, 1, 0, 0)).Key);
        Assert.NotEqual(afterEvent, versions.Of(target));
    }

    [Fact]
    public void A_disposed_watch_gives_no_version_so_reads_go_to_the_store()
    {
        var target = NewStore();
        var versions = new StoreVersions();
        Assert.NotNull(versions.Of(target));
        versions.Dispose();
        Assert.Null(versions.Of(target));
    }

    [Fact]
    public void A_seller_read_is_given_again_only_at_the_version_it_was_made_at()
    {
        var kept = new KeptSellerReads();
        var reads = 0;
        SellerRead Read() => new(Position: ++reads, SellerChanged: 1, DataTime: null, Disputes: []);
        Assert.Equal(1, kept.Get((5, 5), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
        Assert.Equal(1, kept.Get((5, 5), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
        // Another key, seller or policy at the same version is read from the store.
        Assert.Equal(2, kept.Get((5, 5), "s", "congocrea", "shop-a", ("k2", "h2"), Read)!.Position);
        Assert.Equal(3, kept.Get((5, 5), "s", "congocrea", "shop-b", ("k1", "h1"), Read)!.Position);
        Assert.Equal(4, kept.Get((5, 5), "s", "promua", "shop-a", ("k1", "h1"), Read)!.Position);
        // A new version drops what was kept; an older one is read and never kept.
        Assert.Equal(5, kept.Get((6, 5), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
        Assert.Equal(5, kept.Get((6, 5), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
        Assert.Equal(6, kept.Get((5, 5), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
        Assert.Equal(5, kept.Get((6, 5), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
        // The keys' store's version counts as much as the marketplace's.
        Assert.Equal(7, kept.Get((6, 7), "s", "congocrea", "shop-a", ("k1", "h1"), Read)!.Position);
    }
}
