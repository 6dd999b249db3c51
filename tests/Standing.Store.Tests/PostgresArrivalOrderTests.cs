using Npgsql;
using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// PostgreSQL reads a seller's events in arrival order (schema version 10: an arrival number taken at insert),
/// so a batch can be folded onto stored facts there too. A store from before that version keeps the facts it
/// stored: its events, without a number, read first and by id, the order those facts were folded in.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresArrivalOrderTests(PostgresCluster cluster)
{
    [Fact]
    public void A_sellers_events_read_back_in_the_order_they_were_appended_not_by_id()
    {
        var target = cluster.NewDatabase();
        using var store = EventStore.Open(target, create: true);
        // Ids against the order of arrival, within a batch and across batches.
        store.Append([Events.Placed("z", "s", 1), Events.Placed("m", "s", 2)]);
        store.Append([Events.Placed("a", "s", 3), Events.Placed("k", "s", 4)]);
        Assert.Equal(["z", "m", "a", "k"], store.ReadSellers(["s"]).Select(e => e.Id));
        Assert.Equal(["z", "m", "a", "k"], store.ReadAll("s").Select(e => e.Id));
    }

    [Fact]
    public void A_store_from_before_arrival_numbers_is_migrated_on_open_and_its_stored_facts_advance_like_a_rebuild()
    {
        var target = cluster.NewDatabase();
        using (var store = EventStore.Open(target, create: true))
        {
            store.Append([Events.Placed("z", "s", 1), Events.Placed("m", "s", 2), Events.Placed("q", "t", 1)]);
        }
        // Back to version 9: no arrival numbers, and the facts that version stored, folded from the events by id.
        Execute(target, "ALTER TABLE events DROP COLUMN arrival"); // drops the sequence it owns too
        Execute(target, "UPDATE standing_meta SET value = '9' WHERE key = 'schema_version'");
        Execute(target, "DELETE FROM seller_facts");

        using (var migrated = EventStore.Open(target, create: false))
        {
            var rows = migrated.Sellers();
            var byId = migrated.ReadSellers(["s", "t"]);
            Assert.Equal(["m", "z", "q"], byId.Select(e => e.Id)); // the older events: by id, as version 9 read them
            migrated.WriteFacts([.. FactFolder.Fold(byId, Instant.MaxValue).Select(f =>
                new StoredFacts(f.Seller, rows.Single(r => r.Seller == f.Seller).Changed, FactSnapshot.Format, FactSnapshot.Write(f)))]);

            // Later orders, their ids before the older ones': they read after them, in arrival order, and are folded on.
            List<StandingEvent> batch = [Events.Placed("b", "s", 10), Events.Placed("a", "s", 11)];
            var projection = new FactProjection(migrated);
            var before = projection.RowsBefore(batch);
            var appended = migrated.Append(batch);
            Assert.Empty(projection.Advance(before, batch, appended));
            Assert.Equal(1, projection.LastAdvanced);
            Assert.Equal(["m", "z", "b", "a"], migrated.ReadSellers(["s"]).Select(e => e.Id));
        }

        using var reopened = EventStore.Open(target, create: false);
        var advanced = reopened.ReadFacts(["s"]).Single().Body;
        reopened.RebuildProjection();
        new FactProjection(reopened).Refresh();
        Assert.True(reopened.ReadFacts(["s"]).Single().Body.AsSpan().SequenceEqual(advanced), "the advanced facts differ from a rebuild's");
        Assert.Equal(["o-m", "o-z", "o-b", "o-a"], FactSnapshot.Read(advanced)!.Orders.Select(o => o.Order));
    }

    private static void Execute(string target, string sql)
    {
        using var connection = new NpgsqlConnection(target);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
