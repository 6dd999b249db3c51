using NodaTime;
using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// A live feed's write: batches of new orders, each after the seller's stored events, folded onto the stored facts
/// by putting the new orders' bytes after the stored ones (no seller's history encoded again), and sellers of the
/// same batches whose events touch a stored order (encoded whole). Either way the stored facts must be, byte for
/// byte, what a fold of the log gives, after every batch and against a rebuild at the end.
/// </summary>
public abstract partial class StoreContract
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void New_orders_put_after_the_stored_ones_equal_a_fold_of_the_log(int seed)
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(Events.Mixed(70));
        new FactProjection(store).Refresh();

        var random = new Random(seed);
        var projection = new FactProjection(store);
        var minute = 10_000;
        var sequence = 0;
        long advanced = 0;
        for (var round = 0; round < 12; round++)
        {
            var batch = new List<StandingEvent>();
            for (var i = random.Next(1, 25); i > 0; i--)
            {
                var seller = $"shop-{random.Next(7)}";
                var at = Events.T0.Plus(Duration.FromMinutes(minute++));
                batch.Add(random.Next(5) switch
                {
                    // A stored order's status: this seller's facts are encoded whole.
                    0 => new StandingEvent { Id = $"s{sequence++}", Type = EventType.OrderStatus, At = at, Seller = seller, Order = "o-p" + random.Next(70), Status = OrderStatus.Shipped },
                    // Two events of one new order in the same batch (still only new orders).
                    1 => new StandingEvent { Id = $"n{sequence++}", Type = EventType.OrderPlaced, At = at, Seller = seller, Order = $"o-new-{round}", Buyer = "b-4", DeliverBy = at.Plus(Duration.FromDays(4)), Amount = 7.25m, Currency = "PLN" },
                    _ => new StandingEvent { Id = $"n{sequence++}", Type = EventType.OrderPlaced, At = at, Seller = seller, Order = $"o-new-{sequence}", Buyer = $"b-{sequence % 3}", ShipBy = at.Plus(Duration.FromDays(2)), Amount = 10m + sequence, Currency = "EUR" },
                });
                if (random.Next(4) == 0)
                {
                    batch.Add(new StandingEvent { Id = $"t{sequence++}", Type = EventType.OrderStatus, At = at.Plus(Duration.FromSeconds(1)), Seller = seller, Order = batch[^1].Order, Status = OrderStatus.Shipping });
                }
            }
            var before = projection.RowsBefore(batch);
            var result = store.Append(batch);
            projection.Advance(before, batch, result);
            AssertStoredEqualAFold(store, result.ChangedSellers);
            // Every event is after the seller's stored ones and of an order: every changed seller is advanced.
            Assert.Equal(result.ChangedSellers.Count, projection.LastAdvanced);
            advanced += projection.LastAdvanced;
        }

        AssertStoredEqualARebuild(store);
        Assert.InRange(advanced, 12, int.MaxValue);
    }
}
