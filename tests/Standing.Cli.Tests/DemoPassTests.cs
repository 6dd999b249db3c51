using NodaTime;
using Standing.Cli.Commands;
using Standing.Core.Facts;
using Standing.Data.Store;
using Standing.Simulation;

namespace Standing.Cli.Tests;

/// <summary>
/// The demo's one pass folds each seller as its events go by and stores those facts: they must be what
/// folding the store's own log gives, and the store must take them as current.
/// </summary>
public sealed class DemoPassTests : IDisposable
{
    private static readonly Instant End = Instant.FromUtc(2026, 6, 1, 0, 0);

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Facts_folded_on_the_way_equal_the_logs_and_are_stored_current()
    {
        using var store = SqliteEventStore.Open(Path.Combine(_dir.Path, "one.db"), create: true);
        var pass = Walk(store, End);

        // The same facts as a fold of everything the store holds, seller for seller, byte for byte.
        Assert.Equal(Snapshots(FactFolder.Fold(store.ReadEvery(), End)), Snapshots(pass.Facts));
        Assert.Equal(6, pass.StoreFacts(store));

        var rows = store.Sellers().ToDictionary(r => r.Seller, StringComparer.Ordinal);
        var stored = store.ReadFacts();
        Assert.Equal(rows.Keys.Order(StringComparer.Ordinal), stored.Select(f => f.Seller).Order(StringComparer.Ordinal));
        foreach (var facts in stored)
        {
            Assert.Equal(rows[facts.Seller].Changed, facts.Changed);
            var fromLog = FactFolder.Fold(store.ReadSellers([facts.Seller]), Instant.MaxValue).Single();
            Assert.Equal(FactSnapshot.Write(fromLog), facts.Body);
        }
        // A read as of the end takes every seller from the stored facts and folds none.
        var projection = new FactProjection(store);
        Assert.Equal(Snapshots(pass.Facts), Snapshots(projection.FactsAsOf(End)));
        Assert.Empty(projection.LastFolded);
    }

    [Fact]
    public void A_seller_with_events_at_or_after_the_as_of_gets_no_stored_facts()
    {
        using var store = SqliteEventStore.Open(Path.Combine(_dir.Path, "two.db"), create: true);
        var asOf = End - Duration.FromDays(10);
        var pass = Walk(store, asOf);

        Assert.Equal(Snapshots(FactFolder.Fold(store.ReadEvery(), asOf)), Snapshots(pass.Facts));
        // Facts as of an instant before a seller's last event are not those of all its events: never stored.
        var ending = store.Sellers().Count(r => r.LastAt >= asOf);
        Assert.True(ending > 0);
        Assert.Equal(store.Sellers().Count - ending, pass.StoreFacts(store));
        Assert.DoesNotContain(store.ReadFacts(), f => store.Sellers(f.Seller).Single().LastAt >= asOf);
    }

    /// <summary>Six generated sellers over 30 days passed through a pass into the store.</summary>
    private static DemoPass Walk(SqliteEventStore store, Instant asOf)
    {
        var simulator = new MarketplaceSimulator(new SimulationOptions { Seed = 7, Sellers = 6, Days = 30, End = End });
        using var ingester = new EventIngester(store, batchSize: 500);
        var pass = new DemoPass(asOf);
        var line = 0;
        foreach (var e in pass.Through(simulator.Generate())) ingester.Add(e, "events.ndjson", ++line);
        Assert.True(line > 1_000);
        Assert.Empty(ingester.Complete().Rejects);
        return pass;
    }

    private static List<string> Snapshots(IEnumerable<SellerFacts> facts) =>
        [.. facts.Select(f => f.Seller + " " + Convert.ToHexString(FactSnapshot.Write(f)))];
}
