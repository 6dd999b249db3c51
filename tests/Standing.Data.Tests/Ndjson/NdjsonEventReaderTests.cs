using System.Text;
using System.Text.Json;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Tests.Ndjson;

public sealed class NdjsonEventReaderTests
{
    private const string Good1 = """{"id":"g1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100"}""";
    private const string Good2 = """{"id":"g2","type":"review.posted","at":"2026-03-12T18:00:00+01:00","seller":"shop-7","review":"r-9","order":"o-100","stars":2}""";

    public static TheoryData<string, string> BadLines => new()
    {
        { "this is not json", "not JSON: " },
        { """{"id":"e1","type":"order.placed" """, "not JSON: " },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s"} trailing""", "not JSON: " },
        { """[{"id":"e1"}]""", "not a JSON object" },
        { "42", "not a JSON object" },
        { """{"type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s"}""", "missing required field \"id\"" },
        { """{"id":"e1","at":"2026-03-02T09:15:00Z","seller":"s"}""", "missing required field \"type\"" },
        { """{"id":"e1","type":"seller.registered","seller":"s"}""", "missing required field \"at\"" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z"}""", "missing required field \"seller\"" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","buyer":"b"}""", "missing required field \"order\" for order.placed" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":null}""", "missing required field \"order\" for order.placed" },
        { """{"id":"e1","type":"review.posted","at":"2026-03-02T09:15:00Z","seller":"s","review":"r"}""", "missing required field \"stars\" for review.posted" },
        { """{"id":"e1","type":"order.exploded","at":"2026-03-02T09:15:00Z","seller":"s"}""", "unknown type \"order.exploded\"" },
        { """{"id":7,"type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s"}""", "field \"id\" must be a string, not a number" },
        { """{"id":"","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s"}""", "field \"id\" is empty" },
        { """{"id":"e1","type":"review.posted","at":"2026-03-02T09:15:00Z","seller":"s","review":"r","stars":"5"}""", "field \"stars\" must be a number, not a string" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":{"id":"o"}}""", "field \"order\" must be a string, not an object" },
        { """{"id":"e1","type":"chat.message","at":"2026-03-02T09:15:00Z","seller":"s","conversation":"m","from":"buyer","human_requested":"yes"}""", "field \"human_requested\" must be true or false, not a string" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","amount":"12,50"}""", "field \"amount\" is not a decimal number: \"12,50\"" },
        { """{"id":"e1","type":"order.status","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","status":"lost"}""", "field \"status\" has value \"lost\", allowed: open, shipping, shipped, delivered, returned, cancelled" },
        { """{"id":"e1","type":"refund.seller_action","at":"2026-03-02T09:15:00Z","seller":"s","refund":"f","action":"Approve"}""", "field \"action\" has value \"Approve\", allowed: approve, reject" },
        { """{"id":"e1","type":"chat.rated","at":"2026-03-02T09:15:00Z","seller":"s","conversation":"m","rating":"meh"}""", "field \"rating\" has value \"meh\", allowed: satisfied, neutral, disappointed" },
        { """{"id":"e1","type":"review.posted","at":"2026-03-02T09:15:00Z","seller":"s","review":"r","stars":6}""", "field \"stars\" must be a whole number from 1 to 5, got 6" },
        { """{"id":"e1","type":"review.updated","at":"2026-03-02T09:15:00Z","seller":"s","review":"r","stars":0}""", "field \"stars\" must be a whole number from 1 to 5, got 0" },
        { """{"id":"e1","type":"review.posted","at":"2026-03-02T09:15:00Z","seller":"s","review":"r","stars":4.5}""", "field \"stars\" must be a whole number from 1 to 5, got 4.5" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00","seller":"s"}""", "field \"at\": instant without offset: \"2026-03-02T09:15:00\"" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02","seller":"s"}""", "field \"at\": not an RFC 3339 instant: \"2026-03-02\"" },
        { """{"id":"e1","type":"seller.registered","at":1772439300,"seller":"s"}""", "field \"at\" must be an RFC 3339 instant string, not a number" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","ship_by":"2026-02-30T10:00:00Z"}""", "field \"ship_by\": invalid date: \"2026-02-30T10:00:00Z\"" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","deliver_by":"2026-03-05T24:00:00+01:00"}""", "field \"deliver_by\": invalid time of day: \"2026-03-05T24:00:00+01:00\"" },
        { """{"id":"e1","type":"chat.rated","at":"2026-03-02T09:15:00Z","seller":"s","conversation":"m","reason":"bad_attitude"}""", "chat.rated needs \"stars\" or \"rating\"" },
        { """{"id":"e1","id":"e2","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s"}""", "duplicate field \"id\"" },
        // Issue 16: an escaped half (byte = the opening quote of the string, counted by hand) of a surrogate pair aborted the process; it is no character, so the line is rejected.
        { """{"id":"e1","type":"chat.message","at":"2026-03-02T09:15:00Z","seller":"s","conversation":"m","from":"buyer","text":"bad \ud83d here"}""", "field \"text\" holds an escaped unpaired surrogate (a \\uD800–\\uDFFF escape without its pair), which is not text (at byte 116)" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s\udc00"}""", "field \"seller\" holds an escaped unpaired surrogate (a \\uD800–\\uDFFF escape without its pair), which is not text (at byte 76)" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s","\ud800x":1}""", "a field name holds an escaped unpaired surrogate (a \\uD800–\\uDFFF escape without its pair), which is not text (at byte 80)" },
        // Issue 16: a key of spaces only was accepted.
        { """{"id":"  ","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s"}""", "field \"id\" is blank (only white space)" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"\t"}""", "field \"seller\" is blank (only white space)" },
        { """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":" \u0020"}""", "field \"order\" is blank (only white space)" },
        // Issue 14: the seller's language is a BCP 47 tag.
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s","language":"French"}""", "field \"language\" must be a BCP 47 language tag such as \"fr\", \"pl\" or \"zh-CN\", not \"French\"" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s","language":"zh_CN"}""", "field \"language\" must be a BCP 47 language tag such as \"fr\", \"pl\" or \"zh-CN\", not \"zh_CN\"" },
        { """{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s","language":7}""", "field \"language\" must be a string, not a number" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void A_bad_line_is_rejected_with_its_reason_and_line_number_while_the_good_lines_around_it_are_accepted(string bad, string reason)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("events.ndjson", [Good1, bad, Good2]);

        var result = NdjsonEventReader.ReadFiles(path);

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(path, reject.File);
        Assert.Equal(2, reject.Line);
        if (reason.EndsWith(": ", StringComparison.Ordinal))
        {
            Assert.StartsWith(reason, reject.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(reason, reject.Reason);
        }
        Assert.Equal(bad, reject.Raw);
        Assert.Equal($"{path}:2: {reject.Reason}", reject.Message);
        Assert.Equal(["g1", "g2"], result.Log.Events.Select(e => e.Id));
        Assert.Equal(3, result.LinesRead);
    }

    [Fact]
    public void The_example_of_the_event_format_reads_into_the_records_it_describes()
    {
        const string Line = """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-100","buyer":"b-1","ship_by":"2026-03-04T23:59:59+01:00"}""";

        Assert.True(NdjsonEventParser.TryParse(Line, out var ev, out var reason), reason);

        var expected = new StandingEvent
        {
            Id = "e1",
            Type = EventType.OrderPlaced,
            At = Instant.FromUtc(2026, 3, 2, 8, 15, 0),
            Seller = "shop-7",
            Order = "o-100",
            Buyer = "b-1",
            ShipBy = Instant.FromUtc(2026, 3, 4, 22, 59, 59),
        };
        Assert.Equal(expected, ev);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("pl")]
    [InlineData("zh-CN")]
    [InlineData("zh-Hans-CN")]
    [InlineData("uk-UA")]
    public void A_seller_registers_with_its_language(string tag)
    {
        var line = $$"""{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s","language":"{{tag}}"}""";
        Assert.True(NdjsonEventParser.TryParse(line, out var ev, out var reason), reason);
        Assert.Equal(tag, ev.Language);
        Assert.Equal(line, NdjsonEventWriter.ToLine(ev));
    }

    [Fact]
    public void Field_names_map_onto_the_record_and_amount_may_be_a_numeric_string()
    {
        Assert.True(NdjsonEventParser.TryParse(
            """{"id":"a","type":"order.placed","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","amount":"12.50","currency":"EUR","deliver_by":"2026-03-05T12:00:00Z"}""",
            out var placed, out var reason), reason);
        Assert.Equal(12.50m, placed.Amount);
        Assert.Equal(Instant.FromUtc(2026, 3, 5, 12, 0), placed.DeliverBy);

        Assert.True(NdjsonEventParser.TryParse(
            """{"id":"b","type":"order.status_corrected","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","from":"delivered","to":"shipped"}""",
            out var corrected, out reason), reason);
        Assert.Equal(OrderStatus.Delivered, corrected.StatusFrom);
        Assert.Equal(OrderStatus.Shipped, corrected.StatusTo);
        Assert.Null(corrected.From);

        Assert.True(NdjsonEventParser.TryParse(
            """{"id":"c","type":"chat.message","at":"2026-03-02T09:15:00Z","seller":"s","conversation":"m","from":"buyer","human_requested":false}""",
            out var message, out reason), reason);
        Assert.Equal("buyer", message.From);
        Assert.False(message.HumanRequested);
        Assert.Null(message.StatusFrom);

        Assert.True(NdjsonEventParser.TryParse(
            """{"id":"t","type":"chat.message","at":"2026-03-02T09:15:00Z","seller":"s","conversation":"m","from":"agent","agent":"a","text":"Pay by card \u2014 here"}""",
            out var spoken, out reason), reason);
        Assert.Equal("Pay by card — here", spoken.Text);

        Assert.True(NdjsonEventParser.TryParse(
            """{"id":"d","type":"shipment.shipped","at":"2026-03-02T09:15:00Z","seller":"s","order":"o","tracking_url":"https://t.example/1","status":"open"}""",
            out var shipped, out reason), reason);
        Assert.Equal("https://t.example/1", shipped.TrackingUrl);
        Assert.Null(shipped.Status); // shipment.shipped carries no status: an unknown extra field
    }

    [Fact]
    public void Unknown_fields_escaped_strings_and_nulls_for_optional_fields_are_accepted()
    {
        const string Line = """{"id":"e\u0031","type":"order\u002eplaced","at":"2026-03-02T09:15:00Z","seller":"shop\/7","order":"o","buyer":null,"x_extra":{"nested":[1,2,{"a":null}]},"x_n":3}""";

        Assert.True(NdjsonEventParser.TryParse(Line, out var ev, out var reason), reason);

        Assert.Equal("e1", ev.Id);
        Assert.Equal(EventType.OrderPlaced, ev.Type);
        Assert.Equal("shop/7", ev.Seller);
        Assert.Null(ev.Buyer);
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("2e0")]
    [InlineData("20E-1")]
    public void Stars_written_with_a_zero_fraction_are_the_whole_number(string stars)
    {
        var line = $$"""{"id":"e1","type":"review.posted","at":"2026-03-02T09:15:00Z","seller":"s","review":"r","stars":{{stars}}}""";

        Assert.True(NdjsonEventParser.TryParse(line, out var ev, out var reason), reason);

        Assert.Equal(2, ev.Stars);
    }

    [Fact]
    public void Blank_lines_crlf_line_ends_and_a_byte_order_mark_are_tolerated_and_line_numbers_still_count_every_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("crlf.ndjson");
        File.WriteAllText(path, "\uFEFF" + Good1 + "\r\n\r\n   \r\n{bad}\r\n" + Good2, new UTF8Encoding(false));

        var result = NdjsonEventReader.ReadFiles(path);

        Assert.Equal(["g1", "g2"], result.Log.Events.Select(e => e.Id));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(4, reject.Line);
        Assert.Equal("{bad}", reject.Raw);
        Assert.Equal(5, result.LinesRead);
    }

    [Fact]
    public void The_rejects_file_keeps_each_rejected_line_verbatim_with_file_line_and_reason()
    {
        using var dir = new TempDirectory();
        const string Weird = "{\"id\":\"é\\\"x\\\\\",\t\"type\":\"bogus\",\"at\":\"2026-03-02T09:15:00Z\",\"seller\":\"ü <&> '\"}";
        const string Broken = "{\"id\": \"unterminated \\u00e9 ✓";
        var path = dir.Write("in.ndjson", [Good1, Weird, Broken]);
        var result = NdjsonEventReader.ReadFiles(path);
        var rejectsPath = dir.File("rejects.ndjson");

        RejectsWriter.WriteFile(rejectsPath, result.Rejects);

        var lines = File.ReadAllLines(rejectsPath, Encoding.UTF8);
        Assert.Equal(2, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(path, first.RootElement.GetProperty("file").GetString());
            Assert.Equal(2, first.RootElement.GetProperty("line").GetInt32());
            Assert.Equal("unknown type \"bogus\"", first.RootElement.GetProperty("reason").GetString());
            Assert.Equal(Weird, first.RootElement.GetProperty("raw").GetString());
        }
        using (var second = JsonDocument.Parse(lines[1]))
        {
            Assert.Equal(3, second.RootElement.GetProperty("line").GetInt32());
            Assert.Equal(Broken, second.RootElement.GetProperty("raw").GetString());
            Assert.StartsWith("not JSON: ", second.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(["file", "line", "reason", "raw"], JsonDocument.Parse(lines[0]).RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_same_event_read_twice_is_kept_once_and_counted_as_a_duplicate()
    {
        using var dir = new TempDirectory();
        // The same body, written differently: other field order, other offset for the same instant, extra field.
        const string Again = """{"seller":"shop-7","order":"o-100","type":"order.placed","id":"g1","at":"2026-03-02T08:15:00Z","note":"resent"}""";
        var a = dir.Write("a.ndjson", [Good1, Good2]);
        var b = dir.Write("b.ndjson", [Good1, Again]);

        var result = NdjsonEventReader.ReadFiles(a, b);

        Assert.Equal(["g1", "g2"], result.Log.Events.Select(e => e.Id));
        Assert.Equal(2, result.Log.AcceptedCount);
        Assert.Equal(2, result.Log.DuplicateCount);
        Assert.Equal(0, result.Log.ConflictCount);
        Assert.Empty(result.Rejects);
        Assert.Equal(new EventSource(a, 1), result.Log.SourceAt(0));
    }

    [Fact]
    public void The_same_id_with_a_different_body_in_a_second_file_is_a_conflict_rejected_there_and_the_first_is_kept()
    {
        using var dir = new TempDirectory();
        const string Changed = """{"id":"g1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"shop-7","order":"o-999"}""";
        var a = dir.Write("a.ndjson", ["", Good2, Good1]);
        var b = dir.Write("b.ndjson", [Changed]);

        var result = NdjsonEventReader.ReadFiles(a, b);

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(b, reject.File);
        Assert.Equal(1, reject.Line);
        Assert.Equal($"conflict: event id \"g1\" was already read at {a}:3 with a different body", reject.Reason);
        Assert.Equal(Changed, reject.Raw);
        Assert.Equal("o-100", result.Log.Events.Single(e => e.Id == "g1").Order);
        Assert.Equal(1, result.Log.ConflictCount);
        Assert.Equal(2, result.Log.AcceptedCount);
    }

    [Fact]
    public void A_missing_file_gives_a_clear_message_naming_it()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.ndjson");

        var ex = Assert.Throws<EventFileException>(() => NdjsonEventReader.ReadFiles(missing));

        Assert.Equal($"{missing}: cannot read: no such file", ex.Message);
        Assert.Equal(missing, ex.File);
    }

    [Fact]
    public void A_directory_given_as_a_file_gives_a_clear_message()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<EventFileException>(() => NdjsonEventReader.ReadFiles(dir.Path));

        Assert.Equal($"{dir.Path}: cannot read: is a directory", ex.Message);
    }

    [Fact]
    public void A_line_longer_than_the_read_buffer_and_a_last_line_without_newline_are_read()
    {
        var text = new string('x', 3_000_000);
        var line1 = $$"""{"id":"big","type":"seller.plan_submitted","at":"2026-03-02T09:15:00Z","seller":"s","text":"{{text}}"}""";
        var bytes = Encoding.UTF8.GetBytes(line1 + "\n" + Good2);
        var reader = new NdjsonEventReader();

        reader.Read(new MemoryStream(bytes), "mem");

        Assert.Empty(reader.Rejects);
        Assert.Equal(text, reader.Log.Events[0].Text);
        Assert.Equal("g2", reader.Log.Events[1].Id);
    }

    [Fact]
    public void A_line_that_is_not_UTF8_is_rejected()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("""{"id":"e1","type":"seller.registered","at":"2026-03-02T09:15:00Z","seller":"s""")) { 0xFF };
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n" + Good1 + "\n"));
        var reader = new NdjsonEventReader();

        reader.Read(new MemoryStream(bytes.ToArray()), "mem");

        Assert.Equal("mem:1: not UTF-8", Assert.Single(reader.Rejects).Message);
        Assert.Equal("g1", Assert.Single(reader.Log.Events).Id);
    }
}
