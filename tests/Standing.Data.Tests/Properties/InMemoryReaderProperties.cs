using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Csv;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Data.Tests.Ndjson;

namespace Standing.Data.Tests.Properties;

/// <summary>
/// The file readers fuzzed without a store, so the long run reaches a million inputs: each generated
/// file is read into a <see cref="MemorySink"/> and the reader's own invariants are checked; one input in
/// <c>STANDING_FUZZ_STORE_EVERY</c> (100 unless told) is also ingested into a real SQLite store, which
/// must hold exactly the first event of each id the reader gave, with the summary counting them.
/// </summary>
public sealed class InMemoryReaderProperties : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(5);

    private static readonly long StoreEvery =
        long.TryParse(Environment.GetEnvironmentVariable("STANDING_FUZZ_STORE_EVERY"), out var every) && every > 0 ? every : 100;

    private readonly TempDirectory _dir = new();

    private long _inputs;

    public void Dispose() => _dir.Dispose();

    private bool StoreSample() => Interlocked.Increment(ref _inputs) % StoreEvery == 1 % StoreEvery;

    /// <summary>The reader run again into a fresh SQLite store holds what it gave the sink (first of each id), and its summary says so.</summary>
    private void AssertStoreHolds(MemorySink sink, Action<IEventSink> read)
    {
        var db = _dir.File($"sample-{Guid.NewGuid():N}.db");
        try
        {
            using var store = EventStore.Open(db, create: true);
            IngestSummary summary;
            using (var ingester = new EventIngester(store, batchSize: 3))
            {
                read(ingester);
                summary = ingester.Complete();
            }
            var expected = sink.FirstOfEachId();
            Assert.Equal(expected.Count, summary.Accepted);
            Assert.Equal(expected.Count, store.Count());
            Assert.Equal(expected.OrderBy(e => e.Id, StringComparer.Ordinal), store.ReadAll().OrderBy(e => e.Id, StringComparer.Ordinal));
            // The reader's rejects, and one more per event that differs from the one kept for its id (the store's own).
            Assert.Equal(sink.Rejects.Count + sink.Conflicts(), summary.Rejects.Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
        }
    }

    private static void Timed(Action check, Func<string> input)
    {
        var clock = Stopwatch.StartNew();
        check();
        Assert.True(clock.Elapsed < Hang, $"took {clock.Elapsed} on: {input()}");
    }

    // ---- NDJSON files ----

    /// <summary>A line of a file: a valid event's canonical line, mutated or not, or a blank line; UTF-8 or Latin-1 bytes; LF or CRLF.</summary>
    private static readonly Gen<byte[]> NdjsonLine = Gen.Frequency(
        (8, Gen.Select(Generators.Event, Generators.Mutation.List[0, 3], Gen.Bool).Select((ev, mutations, latin1) =>
        {
            var text = Generators.Mutate(NdjsonEventWriter.ToLine(ev), mutations).Replace("\n", "", StringComparison.Ordinal);
            return latin1 ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
        })),
        (1, Gen.OneOf<string>("", " ", "\t \t", "\r").Select(Encoding.UTF8.GetBytes)));

    [Fact]
    [Trait("Reader", "ndjson")]
    public void Any_ndjson_file_gives_each_line_as_its_event_or_its_located_reject_and_blank_lines_as_nothing()
    {
        Gen.Select(Gen.Select(NdjsonLine, Gen.Bool).List[0, 25], Gen.Bool).Check(input =>
        {
            var (lines, finalNewline) = input;
            var file = new MemoryStream();
            for (var i = 0; i < lines.Count; i++)
            {
                file.Write(lines[i].Item1);
                if (i < lines.Count - 1 || finalNewline) file.Write(lines[i].Item2 ? "\r\n"u8 : "\n"u8);
            }
            var bytes = file.ToArray();
            var sink = new MemorySink();
            Timed(() => NdjsonFileSource.Read(new MemoryStream(bytes), "f.ndjson", sink), () => Encoding.UTF8.GetString(bytes));

            // Worked out line by line: the parser's verdict on each line's bytes, at that line's number.
            var added = 0;
            var rejected = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                // The reader's line: up to the LF, so a CRLF line keeps its CR, which the reader drops.
                var line = (i < lines.Count - 1 || finalNewline) && lines[i].Item2 ? [.. lines[i].Item1, (byte)'\r'] : lines[i].Item1.AsSpan();
                if (i == lines.Count - 1 && !finalNewline && line.IsEmpty) continue; // no last line at all
                if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
                if (line.IndexOfAnyExcept(" \t"u8) < 0) continue;
                if (NdjsonEventParser.TryParseIncoming(line, out var ev, out _, out _))
                {
                    var got = sink.Added[added++];
                    Assert.Equal((i + 1, ev), (got.Line, got.Event));
                    Assert.True(NdjsonEventParser.TryParse(NdjsonEventWriter.ToLine(got.Event), out var again, out var why), why);
                    Assert.Equal(got.Event, again);
                }
                else
                {
                    var got = sink.Rejects[rejected++];
                    Assert.Equal(("f.ndjson", i + 1, Encoding.UTF8.GetString(line)), (got.File, got.Line, got.Raw));
                    Assert.False(string.IsNullOrWhiteSpace(got.Reason));
                }
            }
            Assert.Equal((added, rejected), (sink.Added.Count, sink.Rejects.Count));
            if (StoreSample()) AssertStoreHolds(sink, store => NdjsonFileSource.Read(new MemoryStream(bytes), "f.ndjson", store));
        }, 3_000);
    }

    // ---- CSV exports through a mapping ----

    private static string Mapping(string encoding, char separator) => $$"""
        version: 1
        time_zone: UTC
        encoding: {{encoding}}
        decimal_separator: "{{separator}}"
        timestamp_formats: ["uuuu-MM-dd HH:mm:ss"]
        files:
          orders: orders.csv
        sources:
          - rows: orders
            events:
              - type: order.placed
                id: "{id}"
                at: "{at}"
                seller: "{seller}"
                order: "{id}"
                amount: "{amount}"
                currency: EUR
        """;

    private static readonly CsvMapping[] Mappings = [.. new[] { "utf-8", "windows-1252" }
        .SelectMany(e => new[] { '.', ',' }.Select(s => CsvMappingLoader.Load(Mapping(e, s), "mapping.yaml").Mapping ?? throw new InvalidOperationException("the test's mapping does not load")))];

    /// <summary>A row the mapping must read: its cells as written (quoted where they need it) and the event it gives, worked out by hand.</summary>
    private sealed record GoodRow(string[] Cells, string Seller, Instant At, int Units, int Cents, bool Fraction);

    /// <summary>
    /// Sellers as a CSV cell and as the value: plain, accented, quoted with a comma and doubled quotes. (A seller
    /// quoted over two lines holds a line break, a control character, so it is no id and its row is rejected.)
    /// </summary>
    private static readonly (string Cell, string Value)[] Sellers =
        [("shop-a", "shop-a"), ("shop é", "shop é"), ("\"shop, \"\"quoted\"\"\"", "shop, \"quoted\"")];

    private static readonly Gen<GoodRow> Good = Gen.Select(Gen.Int[0, Sellers.Length - 1], Gen.Bool, Gen.Int[0, 99_999], Gen.Int[0, 99], Gen.Bool)
        .Select((seller, local, units, cents, fraction) => new GoodRow(
            [Sellers[seller].Cell, local ? "2026-03-01 10:00:00" : "2026-03-01T12:00:00+02:00"],
            Sellers[seller].Value, Instant.FromUtc(2026, 3, 1, 10, 0), units, cents, fraction));

    /// <summary>Cells of a row that may be anything: quotes, separators, line breaks, numbers with either separator, bytes of another encoding.</summary>
    private static readonly Gen<string> NoiseCell = Gen.OneOf<string>("o", "s", "2026-03-01 10:00:00", "35.5", "35,5", "1.234,5", "\"", "\"\"", ",", "\n", "\r\n", "é", "中", " ", "", "x\"y", "\"a,b\"", "\"a\nb\"", "7", "\u00ff", "\u0000");

    private static readonly Gen<(string[] Cells, byte[] Bytes)> Noise = Gen.Select(NoiseCell.List[1, 6], Gen.OneOf<byte[]>([], [0xE9], [0xC3, 0xA9], [0x81], [0xFF, 0xFE], [0xC3]))
        .Select((cells, bytes) => (cells.ToArray(), bytes));

    [Fact]
    [Trait("Reader", "csv")]
    public void Any_csv_export_gives_good_rows_their_exact_event_and_every_other_row_one_located_reject_or_event_never_a_replaced_character()
    {
        var rows = Gen.Frequency((3, Good.Select(g => (Good: (GoodRow?)g, Noise: default((string[], byte[])?)))), (2, Noise.Select(n => (Good: (GoodRow?)null, Noise: ((string[], byte[])?)n))));
        Gen.Select(rows.List[0, 12], Gen.Int[0, Mappings.Length - 1]).Check(input =>
        {
            var (list, which) = input;
            var mapping = Mappings[which];
            var encoding = mapping.Encoding.Encoding ?? new UTF8Encoding(false);
            var separator = mapping.DecimalSeparator;

            // The file, and where each good row starts (1-based; the header is line 1).
            var file = new MemoryStream();
            file.Write(encoding.GetBytes("id,at,seller,amount\n"));
            var line = 2;
            var quoteSeen = false; // a noise row with a quote may open a field that takes later lines
            var expected = new List<(int Line, StandingEvent Event, bool Sure)>();
            for (var i = 0; i < list.Count; i++)
            {
                string text;
                byte[] extra = [];
                if (list[i].Good is { } good)
                {
                    var amount = good.Units.ToString(CultureInfo.InvariantCulture) + (good.Fraction ? separator + good.Cents.ToString("00", CultureInfo.InvariantCulture) : "");
                    if (amount.Contains(',', StringComparison.Ordinal)) amount = $"\"{amount}\""; // a decimal comma is quoted in a comma-separated file
                    text = $"g{i},{good.Cells[1]},{good.Cells[0]},{amount}";
                    // Worked out by hand: cents over a hundred, the instant given in UTC.
                    var value = good.Units + (good.Fraction ? good.Cents / 100m : 0m);
                    expected.Add((line, new StandingEvent { Id = $"g{i}", Type = EventType.OrderPlaced, At = good.At, Seller = good.Seller, Order = $"g{i}", Amount = value, Currency = "EUR" }, !quoteSeen));
                }
                else
                {
                    var (cells, bytes) = list[i].Noise!.Value;
                    text = string.Join(",", cells.Select((c, k) => c == "o" ? $"o{i}" : c));
                    extra = bytes;
                    quoteSeen |= text.Contains('"', StringComparison.Ordinal);
                }
                if (mapping.Encoding.Encoding is not null) text = text.Replace("中", "?", StringComparison.Ordinal);
                // Bytes of another encoding go into the seller's cell (or the first one of a shorter row).
                var cut = text.Split(',').Length >= 3 ? text.Split(',')[..3].Sum(c => c.Length) + 2 : text.Split(',')[0].Length;
                file.Write(encoding.GetBytes(text[..cut]));
                file.Write(extra);
                file.Write(encoding.GetBytes(text[cut..]));
                file.Write("\n"u8);
                line += text.Count(c => c == '\n') + extra.Count(b => b == (byte)'\n') + 1;
            }
            var bytesWritten = file.ToArray();
            const string path = "orders.csv";
            var sink = new MemorySink();
            Timed(() => new CsvMappedReader(mapping, _ => new MemoryStream(bytesWritten, writable: false)).Read([path], sink), () => encoding.GetString(bytesWritten));
            var lines = line - 1;

            foreach (var (at, ev, sure) in expected)
            {
                var given = sink.Added.Where(a => a.Line == at).Select(a => a.Event).ToList();
                // A good row before any quote is read exactly; after one it may be inside another row's quoted field, never read wrong.
                if (sure || given.Count > 0) Assert.Equal([ev], given);
            }
            foreach (var a in sink.Added)
            {
                Assert.InRange(a.Line, 2, lines);
                Assert.Equal(path, a.File);
                Assert.True(NdjsonEventParser.TryParse(NdjsonEventWriter.ToLine(a.Event), out var again, out var why), why);
                Assert.Equal(a.Event, again);
                Assert.DoesNotContain('\uFFFD', a.Event.Id + a.Event.Seller + a.Event.Order);
                Assert.Equal("EUR", a.Event.Currency);
            }
            foreach (var r in sink.Rejects)
            {
                Assert.InRange(r.Line, 2, lines);
                Assert.Equal(path, r.File);
                Assert.False(string.IsNullOrWhiteSpace(r.Reason));
            }
            // One event per row: a row is given once, as its event or as its reject, never both.
            var eventLines = sink.Added.Select(a => a.Line).ToList();
            Assert.Equal(eventLines.Count, eventLines.Distinct().Count());
            Assert.Empty(eventLines.Intersect(sink.Rejects.Select(r => r.Line)));
            Assert.Empty(sink.Skipped);
            if (StoreSample())
            {
                // The sample goes through the file system too: a real file, read into a real store.
                var folder = _dir.File(Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, path), bytesWritten);
                AssertStoreHolds(sink, store => new CsvMappedReader(mapping).Read([Path.Combine(folder, path)], store));
                Directory.Delete(folder, recursive: true);
            }
        }, 3_000);
    }
}
