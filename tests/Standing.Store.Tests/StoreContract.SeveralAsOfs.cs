using NodaTime;
using Standing.Core.Facts;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// One read of a batch's stored facts for several as-ofs (one day's policies in their own time zones): each
/// as-of's facts are those a fold of the whole log as of that instant alone gives, byte for byte.
/// </summary>
public abstract partial class StoreContract
{
    [Fact]
    public void Facts_as_of_several_instants_equal_the_log_folded_separately_as_of_each()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        // Day 1: DayOne's five sellers and seven more-or-less busy ones (reviews, cancellations), stored
        // facts current; then day 2 touches shop-2 and shop-4 without a refresh (their stored facts stale).
        store.Append([.. DayOne(), .. Events.Mixed(60)]);
        var projection = new FactProjection(store);
        projection.Refresh();
        store.Append(DayTwo());

        // Out of order and once twice: before any event, during day 1, inside day 2 (after shop-2's first
        // day-2 order, before its second, before shop-4's review), after it, and long after.
        Instant[] asOfs =
        [
            Day2.Plus(Duration.FromDays(10)), Events.T0.Minus(Duration.FromHours(1)), Events.T0.Plus(Duration.FromMinutes(30)),
            Day2.Plus(Duration.FromMinutes(1)), Day2.Plus(Duration.FromMinutes(90)), Day2.Plus(Duration.FromMinutes(1)),
        ];
        var log = store.ReadAll();
        var seen = new List<Instant>();
        foreach (var (asOf, facts) in projection.FactsAsOf(asOfs, store.Sellers()))
        {
            seen.Add(asOf);
            // Each as-of's facts are used before the next is asked for, as the lazy sequence requires.
            Assert.Equal(Bytes(FactFolder.Fold(log, asOf)), Bytes(facts));
        }
        Assert.Equal(asOfs.Distinct().Order(), seen);

        // From inside day 2 on: the five sellers without a day-2 event come from their stored facts, decoded
        // once for all three as-ofs; shop-2 and shop-4 are folded from their events.
        var later = new FactProjection(store);
        var shop2 = new List<int>();
        foreach (var (_, facts) in later.FactsAsOf([Day2.Plus(Duration.FromMinutes(1)), Day2.Plus(Duration.FromMinutes(90)), Day2.Plus(Duration.FromDays(10))], store.Sellers()))
        {
            shop2.Add(facts.Single(f => f.Seller == "shop-2").Orders.Count);
        }
        Assert.Equal(7 - 2, later.LastReused);
        Assert.Equal(["shop-2", "shop-4"], later.LastFolded);
        // Worked by hand: shop-2 has DayOne's 4 orders and Mixed's 9 (i % 7 == 2 for i < 60: 2, 9, …, 58);
        // day 2 adds one at minute 1440 (before Day2 + 1 min) and two more before Day2 + 90 min.
        Assert.Equal([14, 16, 16], shop2);
        // The last as-of follows every event: what was folded then is stored, and nothing is left to fold.
        Assert.Empty(later.Refresh());
    }

    private static List<string> Bytes(IEnumerable<SellerFacts> facts) => [.. facts.Select(f => $"{f.Seller} {Convert.ToBase64String(FactSnapshot.Write(f))}")];
}
