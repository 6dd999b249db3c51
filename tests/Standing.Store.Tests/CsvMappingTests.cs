using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>CSV mappings on small hand-made exports, through the real command and a SQLite store.</summary>
public sealed class CsvMappingTests : IDisposable
{
    private const string Mapping = """
        version: 1
        time_zone: America/Sao_Paulo
        timestamp_formats: ["uuuu-MM-dd HH:mm:ss"]
        files:
          orders: orders.csv
          items: items.csv
        sources:
          - rows: orders
            join:
              - file: items
                on: order_id
                per: seller_id
                aggregate: { ship_by: min(shipping_limit_date), amount: sum(price) }
                unmatched: skip
            events:
              - type: order.placed
                id: "{order_id}:{seller_id}:placed"
                at: "{purchased}"
                seller: "{seller_id}"
                order: "{order_id}:{seller_id}"
                ship_by: "{ship_by}"
                amount: "{amount}"
              - type: shipment.delivered
                id: "{order_id}:{seller_id}:delivered"
                at: "{delivered}"
                seller: "{seller_id}"
                order: "{order_id}:{seller_id}"
              - type: order.status
                when: { status: [canceled] }
                id: "{order_id}:{seller_id}:cancelled"
                at: "{purchased}"
                seller: "{seller_id}"
                order: "{order_id}:{seller_id}"
                status: cancelled
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (StandingProcess.Result Run, IReadOnlyList<StandingEvent> Stored) Ingest(string orders, string items, string mapping = Mapping)
    {
        var folder = Path.Combine(_temp.Path, "export");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "orders.csv"), orders);
        File.WriteAllText(Path.Combine(folder, "items.csv"), items);
        var mappingFile = _temp.Write("mapping.yaml", mapping);
        var db = _temp.File("store.db");
        var run = StandingProcess.Run("ingest", folder, "--db", db, "--mapping", mappingFile, "--rejects", _temp.File("rejects.ndjson"));
        if (!File.Exists(db)) return (run, []);
        using var store = EventStore.Open(db, create: false);
        return (run, store.ReadAll());
    }

    private const string Items = """
        order_id,seller_id,shipping_limit_date,price
        o1,s1,2018-03-05 10:00:00,10.50
        o1,s2,2018-03-06 10:00:00,5
        o1,s1,2018-03-04 09:00:00,1.25
        o2,s1,2018-03-07 10:00:00,3
        """;

    [Fact]
    public void An_order_with_items_of_two_sellers_becomes_one_order_per_seller_with_their_own_ship_by()
    {
        var (run, stored) = Ingest("""
            order_id,status,purchased,delivered
            o1,delivered,2018-03-02 12:00:00,2018-03-10 15:30:00
            """, Items);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var placed = stored.Where(e => e.Type == EventType.OrderPlaced).OrderBy(e => e.Seller).ToList();
        Assert.Equal(["o1:s1", "o1:s2"], placed.Select(e => e.Order));
        // Local Sao Paulo time (UTC-3 in March 2018): the earliest item's limit of s1, 09:00 local.
        Assert.Equal(NodaTime.Instant.FromUtc(2018, 3, 4, 12, 0), placed[0].ShipBy);
        Assert.Equal(11.75m, placed[0].Amount);
        Assert.Equal(NodaTime.Instant.FromUtc(2018, 3, 2, 15, 0), placed[0].At);
        Assert.Equal(2, stored.Count(e => e.Type == EventType.ShipmentDelivered));
    }

    [Fact]
    public void An_empty_cell_means_it_did_not_happen_and_a_condition_picks_cancellations()
    {
        var (run, stored) = Ingest("""
            order_id,status,purchased,delivered
            o2,canceled,2018-03-02 12:00:00,
            """, Items);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(stored, e => e.Type == EventType.ShipmentDelivered);
        Assert.Equal(OrderStatus.Cancelled, Assert.Single(stored, e => e.Type == EventType.OrderStatus).Status);
    }

    [Fact]
    public void Rows_with_a_bad_date_or_the_wrong_number_of_fields_are_rejected_with_file_and_line()
    {
        var (run, stored) = Ingest("""
            order_id,status,purchased,delivered
            o1,delivered,2018-03-02 12:00:00,yesterday
            o2,delivered,2018-03-02 12:00:00
            o3,delivered,2018-03-02 12:00:00,,
            """, Items);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("orders.csv:2: at: \"yesterday\" is not a date/time", run.Stderr);
        Assert.Contains("orders.csv:3: 3 fields, the header has 4", run.Stderr);
        Assert.Contains("orders.csv:4: 5 fields, the header has 4", run.Stderr);
        Assert.Equal(3, File.ReadAllLines(_temp.File("rejects.ndjson")).Length);
        Assert.Empty(stored);
    }

    [Fact]
    public void An_unknown_column_stops_before_anything_is_stored()
    {
        var (run, _) = Ingest("order_id,status,purchased,delivered\n", Items, Mapping.Replace("{delivered}", "{delivered_at}"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown column \"delivered_at\"", run.Stderr);
        Assert.Matches(@"mapping\.yaml:\d+:\d+: ", run.Stderr);
        Assert.False(File.Exists(_temp.File("store.db")));
    }

    [Fact]
    public void A_mapping_error_is_listed_with_file_line_and_column()
    {
        var (run, _) = Ingest("order_id,status,purchased,delivered\n", Items, Mapping.Replace("type: shipment.delivered", "type: shipment.teleported"));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"mapping\.yaml:23:\d+: unknown event type ""shipment.teleported""", run.Stderr);
    }
}
