using Microsoft.Data.Sqlite;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// The demo writes each event's line to its file and hands the same bytes to the store's ingester, so no line is
/// rendered twice. A load fed that way must store exactly what a load that renders the lines itself stores,
/// repeats inside a batch and repeats deferred across batches of a first load included.
/// </summary>
public sealed class RenderedLinesLoadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(1_000)]
    public void A_load_given_the_lines_as_written_stores_what_a_load_that_renders_them_stores(int batchSize)
    {
        // Orders, then some again (duplicates) and some with another body (conflicts): with a batch of 7 or 40 the
        // repeats fall in later batches (deferred by the first load), with 1,000 all in the one batch.
        var orders = Enumerable.Range(0, 60).Select(i => Events.Placed($"r{i}", $"s-{i % 9}", minute: i)).ToList();
        var again = orders.Where((_, i) => i % 3 == 0).ToList();
        var changed = orders.Where((_, i) => i % 5 == 1).Select(e => Events.Placed(e.Id, e.Seller, minute: 900)).ToList();
        var events = orders.Concat(again).Concat(changed).Concat(again).ToList();

        var rendering = _temp.File("rendering.db");
        using (var store = EventStore.Open(rendering, create: true))
        using (var ingester = new EventIngester(store, batchSize))
        {
            var line = 0;
            foreach (var e in events) ingester.Add(e, "in.ndjson", ++line);
            ingester.Complete();
        }

        var given = _temp.File("given.db");
        var file = _temp.File("in.ndjson");
        using (var store = EventStore.Open(given, create: true))
        using (var ingester = new EventIngester(store, batchSize))
        {
            NdjsonEventWriter.WriteFile(file, events, (e, line, canonical) => ingester.Add(e, "in.ndjson", line, canonical));
            var summary = ingester.Complete();
            Assert.Equal((60, again.Count * 2, changed.Count), (summary.Accepted, summary.Duplicates, summary.Conflicts));
        }

        // The file is the one written without handing the lines on.
        var plain = _temp.File("plain.ndjson");
        NdjsonEventWriter.WriteFile(plain, events);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(file));
        foreach (var sql in new[]
        {
            "SELECT * FROM events ORDER BY rowid",
            "SELECT * FROM seller_projection ORDER BY seller",
        })
        {
            Assert.Equal(Query(rendering, sql), Query(given, sql));
        }
    }

    [Fact]
    public void A_batch_with_one_event_added_without_its_line_renders_them_all()
    {
        var target = _temp.File("mixed.db");
        var events = Enumerable.Range(0, 10).Select(i => Events.Placed($"m{i}", "s-m", minute: i)).ToList();
        using (var store = EventStore.Open(target, create: true))
        using (var ingester = new EventIngester(store, batchSize: 4))
        {
            for (var i = 0; i < events.Count; i++)
            {
                // A wrong line given for event 5: its batch (events 4–7) has event 6 added without one, so the
                // batch renders its lines itself and the wrong bytes are never stored.
                if (i == 6) ingester.Add(events[i], "in.ndjson", i + 1);
                else ingester.Add(events[i], "in.ndjson", i + 1, System.Text.Encoding.UTF8.GetBytes(NdjsonEventWriter.ToLine(events[i == 5 ? 0 : i])));
            }
            Assert.Equal(10, ingester.Complete().Accepted);
        }
        Assert.Equal(events.Select(NdjsonEventWriter.ToLine), Query(target, "SELECT body FROM events ORDER BY rowid"));
    }

    private static List<string> Query(string target, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(string.Join(" | ", row.Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
