using System.Text;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Tests.Ndjson;

/// <summary>Where each accepted event was read, over several files and a large read that sizes the log up front.</summary>
public sealed class EventLogSourceTests
{
    private static StandingEvent Event(string id) => new()
    {
        Id = id,
        Type = EventType.ShipmentDelivered,
        At = Instant.FromUtc(2026, 3, 2, 8, 0),
        Seller = "s",
        Order = "o-1",
    };

    [Fact]
    public void Each_event_keeps_its_file_and_line_across_files_read_in_turns()
    {
        var log = new EventLog();
        log.Add(Event("a1"), "a.ndjson", 1);
        log.Add(Event("a2"), "a.ndjson", 5);
        log.Add(Event("a1"), "b.ndjson", 1); // duplicate: not kept, no source of its own
        log.Add(Event("b2"), "b.ndjson", 2);
        log.Add(Event("a3"), "a.ndjson", 9);
        log.Add(Event("c1"), "c.ndjson", 1);

        Assert.Equal(
            ["a.ndjson:1", "a.ndjson:5", "b.ndjson:2", "a.ndjson:9", "c.ndjson:1"],
            Enumerable.Range(0, log.AcceptedCount).Select(i => log.SourceAt(i).ToString()));
        Assert.True(log.TryGetSource("b2", out var b2));
        Assert.Equal(new EventSource("b.ndjson", 2), b2);
        Assert.False(log.TryGetSource("nope", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.SourceAt(5));
    }

    [Fact]
    public void Making_room_ahead_changes_nothing_that_is_read()
    {
        var log = new EventLog(2);
        log.Add(Event("x"), "a.ndjson", 1);
        log.EnsureCapacity(10_000);
        log.Add(Event("y"), "a.ndjson", 2);
        log.EnsureCapacity(1);

        Assert.Equal(["x", "y"], log.Events.Select(e => e.Id));
        Assert.Equal(EventLogOutcome.Duplicate, log.Add(Event("x"), "b.ndjson", 1));
        Assert.Equal(new EventSource("a.ndjson", 2), log.SourceAt(1));
    }

    [Fact]
    public void A_large_stream_is_read_line_by_line_with_every_source_right()
    {
        // More than the first buffer, so the reader sizes the log from its first megabyte.
        var text = new StringBuilder();
        const int Count = 20_000;
        for (var i = 1; i <= Count; i++)
        {
            text.Append("{\"id\":\"e").Append(i).Append("\",\"type\":\"order.placed\",\"at\":\"2026-03-02T08:15:00Z\",\"seller\":\"shop-")
                .Append(i % 7).Append("\",\"order\":\"o-").Append(i).Append("\",\"buyer\":\"b-").Append(i % 13).Append("\",\"amount\":12.50,\"currency\":\"EUR\",\"padding\":\"")
                .Append('x', i % 97).Append("\"}\n");
            if (i % 1000 == 0) text.Append('\n'); // blank lines count as lines
        }
        var reader = new NdjsonEventReader();

        reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "big.ndjson");

        Assert.Empty(reader.Rejects);
        Assert.Equal(Count, reader.Log.AcceptedCount);
        Assert.Equal(Count + (Count / 1000), reader.LinesRead);
        Assert.Equal(new EventSource("big.ndjson", 1), reader.Log.SourceAt(0));
        Assert.Equal(new EventSource("big.ndjson", 1002), reader.Log.SourceAt(1000)); // the 1,001st event, after the first blank line
        Assert.Equal(new EventSource("big.ndjson", Count + (Count / 1000) - 1), reader.Log.SourceAt(Count - 1));
        Assert.Equal("o-20000", reader.Log.Events[^1].Order);
    }
}
