using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>Bad input on either engine: a clear message, exit code 1, and the store as it was.</summary>
public abstract partial class StoreContract
{
    private static readonly string[] StoredBefore = [.. Events.Mixed(20).Select(NdjsonEventWriter.ToLine).Order(StringComparer.Ordinal)];

    /// <summary>A store holding <see cref="Events.Mixed"/>(20), its projection folded once.</summary>
    private string StoreWithEvents()
    {
        var target = NewTarget();
        using var store = EventStore.Open(target, create: true);
        store.Append(Events.Mixed(20));
        return target;
    }

    private static void AssertUnchanged(string target)
    {
        using var store = EventStore.Open(target, create: false);
        Assert.Equal(StoredBefore, store.ReadAll().Select(NdjsonEventWriter.ToLine).Order(StringComparer.Ordinal));
        Assert.Equal(7, store.Sellers().Count); // shop-0 … shop-6
    }

    [Fact]
    public void An_unreadable_file_among_good_ones_stops_the_ingest_before_anything_is_stored()
    {
        var target = StoreWithEvents();
        var good = Temp.File("good.ndjson");
        NdjsonEventWriter.WriteFile(good, [Events.Placed("new-1", "shop-9")]);
        var run = StandingProcess.Run("ingest", good, Temp.File("missing.ndjson"), "--db", target);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.ndjson: cannot read", run.Stderr);
        AssertUnchanged(target);
    }

    [Fact]
    public void An_unknown_mapping_column_stops_the_ingest_and_leaves_the_store_as_it_was()
    {
        var target = StoreWithEvents();
        var export = Path.Combine(Temp.Path, "export");
        Directory.CreateDirectory(export);
        File.WriteAllText(Path.Combine(export, "orders.csv"), "order_id,seller_id,purchased\no1,s1,2018-03-02 12:00:00\n");
        var mapping = Temp.Write("mapping.yaml", """
            version: 1
            time_zone: UTC
            timestamp_formats: ["uuuu-MM-dd HH:mm:ss"]
            files:
              orders: orders.csv
            sources:
              - rows: orders
                events:
                  - type: order.placed
                    id: "{order_id}"
                    at: "{purchased_at}"
                    seller: "{seller_id}"
                    order: "{order_id}"
            """);
        var run = StandingProcess.Run("ingest", export, "--db", target, "--mapping", mapping);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"mapping\.yaml:\d+:\d+: .*unknown column ""purchased_at""", run.Stderr);
        AssertUnchanged(target);
    }

    [Fact]
    public void A_store_from_a_newer_version_is_refused_by_every_command_and_left_as_it_was()
    {
        var target = StoreWithEvents();
        // Keep the real version aside to put it back afterwards.
        ExecuteSql(target, "INSERT INTO standing_meta (key, value) SELECT 'saved_version', value FROM standing_meta WHERE key = 'schema_version'");
        ExecuteSql(target, "UPDATE standing_meta SET value = '99' WHERE key = 'schema_version'");
        var events = Temp.File("more.ndjson");
        NdjsonEventWriter.WriteFile(events, [Events.Placed("new-1", "shop-9")]);
        foreach (var args in new[]
        {
            new[] { "ingest", events, "--db", target },
            ["evaluate", "--db", target, "--policy", "congocrea", "--as-of", "2026-06-01"],
            ["rebuild", "--db", target],
        })
        {
            var run = StandingProcess.Run(args);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("schema version 99, newer than this Standing knows", run.Stderr);
            Assert.Contains("upgrade Standing", run.Stderr);
        }
        ExecuteSql(target, "UPDATE standing_meta SET value = (SELECT value FROM standing_meta WHERE key = 'saved_version') WHERE key = 'schema_version'");
        ExecuteSql(target, "DELETE FROM standing_meta WHERE key = 'saved_version'");
        AssertUnchanged(target);
    }
}
