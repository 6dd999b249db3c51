using System.Diagnostics;
using System.Text;
using CsCheck;
using Standing.Core.Events;
using Standing.Data.Csv;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Data.Tests.Ndjson;
using Standing.Policies.Loading;

namespace Standing.Data.Tests.Properties;

/// <summary>
/// Issue 16's fuzzing campaign, bounded for every test run: generated and mutated events, CSV rows,
/// mappings and policies. Invariants, not only "no exception": a valid event round-trips, a rejected
/// line never changes the store, the summary counts what was stored, no input takes 5 s. Raise the
/// counts with STANDING_FUZZ_ITERATIONS (bench/fuzz.sh) for the long run.
/// </summary>
public sealed class ReaderProperties
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="check"/> and fails when one input took 5 s or more (a hang).</summary>
    private static void Timed(Action check, string input)
    {
        var clock = Stopwatch.StartNew();
        check();
        Assert.True(clock.Elapsed < Hang, $"took {clock.Elapsed} on: {input}");
    }

    [Fact]
    [Trait("Reader", "ndjson")]
    public void A_valid_event_round_trips_through_its_canonical_line()
    {
        Generators.Event.Check(ev =>
        {
            var line = NdjsonEventWriter.ToLine(ev);
            Assert.True(NdjsonEventParser.TryParse(line, out var parsed, out var reason), reason + ": " + line);
            Assert.Equal(ev, parsed);
            Assert.Equal(line, NdjsonEventWriter.ToLine(parsed));
        }, 2_000);
    }

    [Fact]
    [Trait("Reader", "ndjson")]
    public void A_mutated_line_is_rejected_with_a_reason_or_read_as_an_event_that_round_trips_never_thrown()
    {
        Gen.Select(Generators.Event, Generators.Mutation.List[1, 4]).Check(input =>
        {
            var (ev, mutations) = input;
            var line = Generators.Mutate(NdjsonEventWriter.ToLine(ev), mutations);
            Timed(() =>
            {
                foreach (var bytes in new[] { Encoding.UTF8.GetBytes(line), Encoding.Latin1.GetBytes(line) })
                {
                    if (NdjsonEventParser.TryParse(bytes, out var parsed, out var reason))
                    {
                        var again = NdjsonEventWriter.ToLine(parsed);
                        Assert.True(NdjsonEventParser.TryParse(again, out var reparsed, out reason), reason);
                        Assert.Equal(parsed, reparsed);
                    }
                    else
                    {
                        Assert.False(string.IsNullOrWhiteSpace(reason));
                    }
                }
            }, line);
        }, 5_000);
    }

    [Fact]
    [Trait("Reader", "ndjson")]
    public void Ingesting_good_and_bad_lines_stores_exactly_the_good_ones_and_the_summary_counts_them()
    {
        var lines = Gen.Select(Generators.Event, Generators.Mutation.List[0, 2], Gen.Int[0, 2])
            .Select((ev, mutations, copies) => (Line: Generators.Mutate(NdjsonEventWriter.ToLine(ev), mutations), Copies: copies))
            .List[1, 30];
        lines.Check(input =>
        {
            using var dir = new TempDirectory();
            var all = input.SelectMany(x => Enumerable.Repeat(x.Line, x.Copies + 1)).Where(l => !l.Contains('\n', StringComparison.Ordinal)).ToList();
            var path = dir.Write("events.ndjson", all);
            var expected = new Dictionary<string, StandingEvent>(StringComparer.Ordinal);
            var rejected = 0;
            var unparsed = 0;
            foreach (var l in all)
            {
                if (l.TrimEnd('\r').Trim(' ', '\t').Length == 0) continue; // a blank line is no event and no error
                if (!NdjsonEventParser.TryParseIncoming(Encoding.UTF8.GetBytes(l.TrimEnd('\r')), out var ev, out _, out _))
                {
                    rejected++;
                    unparsed++;
                }
                else if (!expected.TryGetValue(ev.Id, out var first)) expected[ev.Id] = ev;
                else if (first != ev) rejected++; // a conflict: the first one is kept
            }

            var db = dir.File("store.db");
            IngestSummary summary;
            using (var store = EventStore.Open(db, create: true))
            {
                using var ingester = new EventIngester(store, batchSize: 7);
                NdjsonFileSource.Read(path, ingester);
                summary = ingester.Complete();
                Assert.Equal(expected.Count, summary.Accepted);
                // Every line that does not parse is rejected, and every line that differs from the event
                // kept for its id, a verbatim repeat in the same batch included.
                Assert.True(rejected == summary.Rejects.Count, $"{rejected} expected ({unparsed} unparsed), got: {string.Join(" | ", summary.Rejects)}");
                Assert.Equal(expected.Count, store.Count());
                Assert.Equal(expected.Values.OrderBy(e => e.Id, StringComparer.Ordinal), store.ReadAll().OrderBy(e => e.Id, StringComparer.Ordinal));
            }
            using (var store = EventStore.Open(db, create: false))
            {
                using var again = new EventIngester(store, batchSize: 5);
                NdjsonFileSource.Read(path, again);
                var second = again.Complete();
                Assert.Equal(0, second.Accepted); // nothing new, and no rejected line changed anything
                Assert.Equal(expected.Count, store.Count());
            }
        }, 40, storePerInput: true);
    }

    private const string Mapping = """
        version: 1
        time_zone: UTC
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
        """;

    private static readonly Gen<string> Cell = Gen.OneOf<string>("o1", "o2", "s", "2026-03-01 10:00:00", "35.5", "35,5", "\"", "\"\"", ",", "\n", "\r\n", "é", " ", "", "x\"y", "\"a,b\"", "7");

    [Fact]
    [Trait("Reader", "csv")]
    public void Any_csv_export_is_read_row_by_row_and_the_store_holds_what_the_summary_says()
    {
        var rows = Gen.Select(Cell.List[1, 6], Gen.Bool).List[0, 12];
        rows.Check(input =>
        {
            using var dir = new TempDirectory();
            var text = new StringBuilder("id,at,seller,amount\n");
            var n = 0;
            foreach (var (cells, latin1) in input)
            {
                text.Append(string.Join(",", cells.Select(c => c == "o1" ? "o" + n++ : c))).Append(latin1 ? "\u00e9" : "").Append('\n');
            }
            File.WriteAllBytes(dir.File("orders.csv"), input.Any(r => r.Item2) ? Encoding.Latin1.GetBytes(text.ToString()) : Encoding.UTF8.GetBytes(text.ToString()));
            var mapping = CsvMappingLoader.Load(Mapping, "mapping.yaml").Mapping!;
            Timed(() =>
            {
                using var store = EventStore.Open(dir.File("store.db"), create: true);
                using var ingester = new EventIngester(store, batchSize: 3);
                new CsvMappedReader(mapping).Read([dir.File("orders.csv")], ingester);
                var summary = ingester.Complete();
                Assert.Equal(summary.Accepted, store.Count());
                Assert.All(store.ReadAll(), e => Assert.DoesNotContain('\uFFFD', e.Seller));
                Assert.All(summary.Rejects, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
            }, text.ToString());
        }, 150, storePerInput: true);
    }

    private static readonly Gen<string> YamlNoise = Gen.OneOf<string>("[", "]", "{", "}", ":", "- ", "&a ", "*a", "*b", "!", "|", ">", "'", "\"", "\n", "\t", "#", "---\n", "? ", "%", "@", "`", " ", "\u00e9", new string('[', 100), new string('{', 100));

    private static readonly Gen<(Generators.Edit Kind, double Where, string With)> YamlEdit = Gen.Select(Gen.Enum<Generators.Edit>(), Gen.Double[0, 1], YamlNoise);

    [Fact]
    [Trait("Reader", "csv")]
    public void A_mutated_mapping_loads_or_lists_located_errors_never_throws()
    {
        YamlEdit.List[1, 5].Check(edits =>
        {
            var yaml = Generators.Mutate(Mapping, edits);
            Timed(() =>
            {
                var load = CsvMappingLoader.Load(yaml, "mapping.yaml");
                Assert.True(load.Mapping is not null || load.Errors.Count > 0);
                Assert.All(load.Errors, e => Assert.Matches(@"^mapping\.yaml:\d+:\d+: ", e));
            }, yaml);
        }, 1_500);
    }

    [Fact]
    [Trait("Reader", "policy")]
    public void A_mutated_policy_loads_or_lists_located_errors_never_throws()
    {
        var pack = Standing.Policies.BuiltInPacks.Yaml("congocrea");
        YamlEdit.List[1, 5].Check(edits =>
        {
            var yaml = Generators.Mutate(pack, edits);
            Timed(() =>
            {
                try
                {
                    PolicyLoader.Load(yaml, "p.yaml");
                }
                catch (PolicyLoadException e)
                {
                    Assert.NotEmpty(e.Errors);
                    Assert.All(e.Errors, x => Assert.True(x.Line >= 1 && x.Column >= 1, x.ToString()));
                }
            }, yaml);
        }, 1_500);
    }
}
