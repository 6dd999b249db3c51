using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// Writes that fold their events onto the stored facts (<see cref="FactProjection.Advance"/>, as
/// <c>POST /v1/events</c> does) leave every seller's stored facts equal, byte for byte, to a rebuild's from the
/// log, whatever order and batches the events come in: later order events (folded onto the facts), earlier
/// ones and other kinds (folded from the log), new orders that a stored review already names.
/// </summary>
public abstract partial class StoreContract
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Batches_folded_onto_stored_facts_in_any_order_equal_a_rebuild(int seed)
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(Events.Mixed(70));
        store.Append([Events.Review("early", "shop-1", "o-later-1", stars: 2, minute: 30)]); // names an order not placed yet
        new FactProjection(store).Refresh();

        // A later placement of a known order (its first placement stays) and a status: folded onto the facts where the store allows.
        var at = Events.T0.Plus(Duration.FromDays(2));
        List<StandingEvent> first =
        [
            new StandingEvent { Id = "again", Type = EventType.OrderPlaced, At = at, Seller = "shop-0", Order = "o-p0", Buyer = "b-9", ShipBy = at, Amount = 1m, Currency = "EUR" },
            new StandingEvent { Id = "shipped", Type = EventType.OrderStatus, At = at.Plus(Duration.FromMinutes(1)), Seller = "shop-0", Order = "o-p0", Status = OrderStatus.Shipped },
        ];
        var projection = new FactProjection(store);
        var rows = projection.RowsBefore(first);
        var appended = store.Append(first);
        projection.Advance(rows, first, appended);
        AssertStoredEqualAFold(store, appended.ChangedSellers);
        var advanced = projection.LastAdvanced;
        Assert.Equal(1, advanced);

        var random = new Random(seed);
        var later = LaterEvents(random);
        for (var start = 0; start < later.Count;)
        {
            var batch = later.GetRange(start, Math.Min(random.Next(1, 40), later.Count - start));
            start += batch.Count;
            var before = projection.RowsBefore(batch);
            var result = store.Append(batch);
            projection.Advance(before, batch, result);
            // After every batch: a later one may fold a seller from the log again and hide a wrong write.
            AssertStoredEqualAFold(store, result.ChangedSellers);
            advanced += projection.LastAdvanced;
        }

        AssertStoredEqualARebuild(store);
        // Both engines read a seller's events in arrival order, so both advance the later events.
        Assert.True(store.ReadsInArrivalOrder);
        Assert.InRange(advanced, 10, int.MaxValue);
    }

    /// <summary>
    /// <c>standing ingest</c> into a store that has facts folds each batch onto them as it commits (what
    /// <see cref="EventIngester"/> does with <c>advanceFacts</c>), leaves the sellers it cannot advance stale and
    /// folds them once at the end (<see cref="FactProjection.Refresh"/>, as the command does): after loads of
    /// chunks in batches of random sizes, every seller's stored facts equal a rebuild's, byte for byte.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Ingests_in_shuffled_chunks_folded_onto_stored_facts_equal_a_rebuild(int seed)
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(Events.Mixed(70));
        store.Append([Events.Review("early", "shop-1", "o-later-1", stars: 2, minute: 30)]); // names an order not placed yet
        new FactProjection(store).Refresh();

        var random = new Random(seed);
        var later = LaterEvents(random);
        long advanced = 0;
        for (var start = 0; start < later.Count;)
        {
            var chunk = later.GetRange(start, Math.Min(random.Next(20, 120), later.Count - start));
            start += chunk.Count;
            IngestSummary summary;
            using (var ingester = new EventIngester(store, batchSize: random.Next(1, 30), advanceFacts: true))
            {
                for (var line = 0; line < chunk.Count; line++) ingester.Add(chunk[line], "chunk.ndjson", line + 1);
                summary = ingester.Complete();
            }
            var projection = new FactProjection(store);
            var folded = projection.Refresh();
            AssertStoredEqualAFold(store, summary.ChangedSellers);
            // Folded at the end: only sellers the load could not advance (and never one it did not change).
            Assert.Subset(summary.ChangedSellers, folded.ToHashSet());
            advanced += summary.FactsAdvanced;
        }

        AssertStoredEqualARebuild(store);
        Assert.InRange(advanced, 10, int.MaxValue);
    }

    /// <summary>Every seller's stored facts are current and equal, byte for byte, what a rebuild stores.</summary>
    private static void AssertStoredEqualARebuild(IEventStore store)
    {
        var written = StoredBodies(store);
        Assert.Equal(store.Sellers().Select(r => r.Seller), written.Keys);
        store.RebuildProjection();
        new FactProjection(store).Refresh();
        var rebuilt = StoredBodies(store);
        Assert.Equal(rebuilt.Keys, written.Keys);
        foreach (var (seller, body) in rebuilt) Assert.True(body.AsSpan().SequenceEqual(written[seller]), $"{seller}: the facts written differ from a rebuild's");
    }

    /// <summary>
    /// Events after the first load, half in time order, half shuffled: statuses, shipments, tracking and cancellations of known orders,
    /// new orders (one of them named by a stored review), a review and, now and then, an event placed before a
    /// seller's latest one.
    /// </summary>
    private static List<StandingEvent> LaterEvents(Random random)
    {
        var late = Events.T0.Plus(Duration.FromDays(3));
        var list = new List<StandingEvent>();
        for (var i = 0; i < 300; i++)
        {
            var seller = $"shop-{i % 7}";
            var at = late.Plus(Duration.FromMinutes(i * 7 % 500));
            var order = i % 5 == 0 ? $"o-later-{i % 9}" : "o-p" + (i % 70);
            list.Add((i % 6) switch
            {
                0 => new StandingEvent { Id = $"l{i}", Type = EventType.OrderPlaced, At = at, Seller = seller, Order = order, Buyer = "b-2", ShipBy = at.Plus(Duration.FromDays(2)), Amount = 12.5m, Currency = "EUR" },
                1 => new StandingEvent { Id = $"l{i}", Type = EventType.OrderStatus, At = at, Seller = seller, Order = order, Status = (OrderStatus)(i / 6 % 6) },
                2 => new StandingEvent { Id = $"l{i}", Type = EventType.ShipmentShipped, At = at, Seller = seller, Order = order, Tracking = $"t-{i}", TrackingUrl = $"https://carrier.example/{i}" },
                3 => new StandingEvent { Id = $"l{i}", Type = EventType.ShipmentDelivered, At = at, Seller = seller, Order = order },
                4 when i % 4 == 0 => new StandingEvent { Id = $"l{i}", Type = EventType.OrderStatus, At = Events.T0.Plus(Duration.FromMinutes(i % 50)), Seller = seller, Order = order, Status = OrderStatus.Shipped },
                4 => new StandingEvent { Id = $"l{i}", Type = EventType.ShipmentTrackingAdded, At = at, Seller = seller, Order = order, Tracking = $"t2-{i}" },
                _ when i % 25 == 5 => Events.Review($"lr{i}", seller, order, stars: 1 + (i % 5), minute: 5_000 + i),
                _ => new StandingEvent { Id = $"l{i}", Type = EventType.OrderStatus, At = at, Seller = seller, Order = order, Status = OrderStatus.Cancelled, By = "seller" },
            });
        }
        // The first half in time order (as a live feed sends them, mostly folded onto the facts), the rest shuffled.
        var shuffled = list.OrderBy(_ => random.Next()).ToList();
        return [.. shuffled.Take(150).OrderBy(e => e.At), .. shuffled.Skip(150)];
    }

    /// <summary>The stored facts of <paramref name="sellers"/> are current and byte for byte what a fold of their events gives.</summary>
    private static void AssertStoredEqualAFold(IEventStore store, IReadOnlyCollection<string> sellers)
    {
        var stored = StoredBodies(store);
        foreach (var facts in FactFolder.Fold(store.ReadSellers(sellers), Instant.MaxValue))
        {
            Assert.True(stored.TryGetValue(facts.Seller, out var body), $"{facts.Seller}: no current facts stored");
            Assert.True(FactSnapshot.Write(facts).AsSpan().SequenceEqual(body), $"{facts.Seller}: the facts written differ from a fold of the log");
        }
    }

    /// <summary>Every seller's stored facts that are current (same position as its row), by seller.</summary>
    private static SortedDictionary<string, byte[]> StoredBodies(IEventStore store)
    {
        var rows = store.Sellers().ToDictionary(r => r.Seller, r => r.Changed, StringComparer.Ordinal);
        var bodies = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var f in store.ReadFacts())
        {
            if (f.Format == FactSnapshot.Format && rows.TryGetValue(f.Seller, out var changed) && changed == f.Changed) bodies[f.Seller] = f.Body;
        }
        return bodies;
    }
}
