using System.Text;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Tests.Ndjson;

public sealed class NdjsonEventWriterTests
{
    [Fact]
    public void Every_event_type_written_then_read_back_gives_equal_records()
    {
        var events = SampleEvents.OfEveryType();
        Assert.Equal(Enum.GetValues<EventType>().Length, events.Select(e => e.Type).Distinct().Count());
        var stream = new MemoryStream();

        using (var writer = new NdjsonEventWriter(stream, leaveOpen: true))
        {
            writer.WriteAll(events);
            Assert.Equal(events.Count, writer.Count);
        }
        stream.Position = 0;
        var reader = new NdjsonEventReader();
        reader.Read(stream, "mem");

        Assert.Empty(reader.Rejects);
        Assert.Equal(events, reader.Log.Events);
        Assert.Equal(events.Count, reader.LinesRead);
    }

    [Fact]
    public void A_file_written_by_the_writer_reads_back_equal_including_events_with_only_the_envelope()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.ndjson");
        var bare = new StandingEvent { Id = "bare", Type = EventType.ReviewUpdated, At = Instant.FromUnixTimeSeconds(0), Seller = "s", Review = "r", Stars = 1 };
        var events = SampleEvents.OfEveryType().Append(bare).ToList();

        Assert.Equal(events.Count, NdjsonEventWriter.WriteFile(path, events));
        var result = NdjsonEventReader.ReadFiles(path);

        Assert.Empty(result.Rejects);
        Assert.Equal(events, result.Log.Events);
    }

    [Fact]
    public void The_canonical_line_has_the_envelope_first_snake_case_names_utc_instants_and_no_null_fields()
    {
        var ev = new StandingEvent
        {
            Id = "e1",
            Type = EventType.OrderPlaced,
            At = Instant.FromUtc(2026, 3, 2, 8, 15, 0),
            Seller = "shop-7",
            Order = "o-100",
            Buyer = "b-1",
            ShipBy = Instant.FromUtc(2026, 3, 4, 22, 59, 59).PlusNanoseconds(500_000_000),
            Amount = 12.50m,
        };

        Assert.Equal(
            """{"id":"e1","type":"order.placed","at":"2026-03-02T08:15:00Z","seller":"shop-7","order":"o-100","buyer":"b-1","ship_by":"2026-03-04T22:59:59.5Z","amount":12.50}""",
            NdjsonEventWriter.ToLine(ev));
    }

    [Fact]
    public void Status_fields_are_written_with_their_wire_names()
    {
        var corrected = SampleEvents.Of(EventType.OrderStatusCorrected);
        var status = SampleEvents.Of(EventType.OrderStatus);
        var chat = SampleEvents.Of(EventType.ChatMessage);

        Assert.Contains("\"from\":\"delivered\",\"to\":\"shipped\"", NdjsonEventWriter.ToLine(corrected), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"shipped\",\"by\":\"seller\"", NdjsonEventWriter.ToLine(status), StringComparison.Ordinal);
        Assert.Contains("\"from\":\"agent\",\"agent\":\"a-3\",\"buyer\":\"b-1\",\"human_requested\":true,\"text\":\"Hello, how can I help?\"", NdjsonEventWriter.ToLine(chat), StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_a_type_does_not_carry_are_not_written()
    {
        var ev = SampleEvents.Of(EventType.SellerRegistered) with { Order = "o-1", Stars = 3 };

        Assert.Equal(
            """{"id":"e0","type":"seller.registered","at":"2026-03-02T08:15:00.123456789Z","seller":"shop-7","marketplace":"mall-1"}""",
            NdjsonEventWriter.ToLine(ev));
    }

    [Fact]
    public void Many_events_are_written_one_per_line_across_buffer_flushes()
    {
        var events = Enumerable.Range(0, 30_000)
            .Select(i => SampleEvents.Of((EventType)(i % Enum.GetValues<EventType>().Length), i))
            .ToList();
        var stream = new MemoryStream();

        using (var writer = new NdjsonEventWriter(stream, leaveOpen: true))
        {
            writer.WriteAll(events);
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(events.Count, text.Count(c => c == '\n'));
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        stream.Position = 0;
        var reader = new NdjsonEventReader();
        reader.Read(stream, "mem");
        Assert.Equal(events, reader.Log.Events);
    }
}
