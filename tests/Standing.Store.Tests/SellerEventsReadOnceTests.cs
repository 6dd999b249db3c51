using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// A backtest's events read in one pass in the file's order (<see cref="SellerEventsReadOnce"/>) must give each batch
/// exactly what the store's own read by seller gives: the sellers in id order, each one's events in log order, none
/// missing, none twice, none of a seller not asked for; and the same when the events do not fit and each batch is read
/// from the store instead.
/// </summary>
public sealed class SellerEventsReadOnceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(SellerEventsReadOnce.EventsAtMost, SellerEventsReadOnce.BytesAtMost, true)] // held in memory
    [InlineData(1_000L, SellerEventsReadOnce.BytesAtMost, false)] // more events than the bound: read batch by batch
    [InlineData(SellerEventsReadOnce.EventsAtMost, 1L << 16, false)] // past the bytes bound (a block of the compact form): let go, read batch by batch
    public void Each_batch_gets_what_the_stores_read_by_seller_gives(long eventsAtMost, long bytesAtMost, bool held)
    {
        using var store = EventStore.Open(_temp.File("events.db"), create: true);
        // Seven shops' events interleaved over many appends, more than one chunk of the pass (4,096), with one shop's
        // later appends going back in time (log order is not time order), and an eighth shop that is not asked for.
        var all = Events.Mixed(3_000);
        for (var i = 0; i < 600; i++) all.Add(Events.Review($"late{i}", "shop-3", "o-p" + (i * 7), stars: 1 + (i % 5), minute: -i) with { Text = $"en retard {i} ✓" });
        for (var i = 0; i < 400; i++) all.Add(Events.Placed($"other{i}", "not-asked", minute: i));
        foreach (var batch in all.Chunk(997)) store.Append(batch);
        var asked = store.Sellers().Where(s => s.Seller != "not-asked").ToList();
        Assert.Equal(7, asked.Count);

        var read = SellerEventsReadOnce.Read(store, asked, eventsAtMost, bytesAtMost);

        Assert.Equal(held, read.Held);
        Assert.Equal(held ? all.Count - 400 : 0, read.HeldEvents);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Batches of one, of two given out of order, and of the rest: each as the store reads it, event for event.
        foreach (var batch in new[] { new[] { "shop-0" }, ["shop-5", "shop-2"], ["shop-1", "shop-3", "shop-4", "shop-6"] })
        {
            var want = store.ReadSellers(batch);
            var got = read.ReadSellers(batch);
            Assert.Equal(want.Count, got.Count);
            for (var i = 0; i < want.Count; i++) Assert.Equal(want[i], got[i]);
            foreach (var e in got) Assert.True(seen.Add(e.Id), $"{e.Id} given twice");
        }
        // Every stored event of the shops asked for was given once, and no other.
        Assert.Equal(all.Where(e => e.Seller != "not-asked").Select(e => e.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        if (held) Assert.Empty(read.ReadSellers(["not-asked"])); // not asked for, so not held
    }
}
