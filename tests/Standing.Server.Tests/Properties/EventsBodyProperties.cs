using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Data.Tests.Properties;
using Standing.Server.Endpoints;

namespace Standing.Server.Tests.Properties;

/// <summary>
/// Issue 16's campaign for HTTP bodies: generated and mutated <c>POST /v1/events</c> bodies (valid events,
/// the same id with another body, mutated lines, blank lines, Latin-1 bytes, CRLF, a BOM, no last line
/// break; one to three bodies per input, so a later body repeats or contradicts an earlier one) posted to
/// a real server over a SQLite store. What each line must give is worked out line by line beside the
/// server: a generated event is that event, a mutated line is what the parser makes of its bytes, and
/// a store answers an id it holds as a duplicate (same event) or a conflict (another). Invariants: never
/// a 5xx; every rejected line named at its number; accepted + duplicate + conflict + rejected = the
/// lines that are not blank; the store grows by the accepted count, no more (a rejected line never
/// changes it); every event stored is the event sent, read back from the store. The body reader alone
/// (<see cref="EventsBody"/>) runs the million-input long run in memory and posts one input in
/// <c>STANDING_FUZZ_STORE_EVERY</c> (100 unless told) to the server.
/// </summary>
[Trait("Reader", "http")]
public sealed class EventsBodyProperties : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(5);

    private static readonly long StoreEvery =
        long.TryParse(Environment.GetEnvironmentVariable("STANDING_FUZZ_STORE_EVERY"), out var every) && every > 0 ? every : 100;

    private readonly SqliteTarget _stores = new();
    private readonly Lock _serial = new(); // one input at a time: each one's expectations read the store before and after
    private ServerHarness _server = null!;
    private HttpClient _client = null!;
    private long _inputs;

    public async Task InitializeAsync()
    {
        _server = await ServerHarness.Start(_stores.NewTarget(), o => o with { RequestsPerSecond = 1_000_000, Burst = 1_000_000 }, withEvents: false);
        _client = _server.Client("integration");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _stores.Dispose();

    private enum Kind
    {
        Event,
        OtherBody,
        Mutated,
        Blank,
    }

    private sealed record Line(Kind Kind, int Of, IReadOnlyList<(Generators.Edit Kind, double Where, string With)> Mutations, bool Latin1, bool Crlf, string Blank);

    private sealed record Body(IReadOnlyList<Line> Lines, bool Bom, bool FinalNewline);

    private sealed record Input(IReadOnlyList<StandingEvent> Pool, IReadOnlyList<Body> Bodies)
    {
        /// <summary>The bodies as sent (with the id prefix "N."), for a failing input's message.</summary>
        public override string ToString() =>
            string.Join("\n---\n", Bodies.Select(b => Show(Render(b, [.. Pool.Select(e => e with { Id = "N." + e.Id })], "N.").Bytes)));
    }

    private static readonly Gen<Line> LineGen = Gen.Select(
            Gen.Frequency((4, Gen.Const(Kind.Event)), (1, Gen.Const(Kind.OtherBody)), (3, Gen.Const(Kind.Mutated)), (1, Gen.Const(Kind.Blank))),
            Gen.Int[0, 5], Generators.Mutation.List[1, 3], Gen.Bool, Gen.Bool, Gen.OneOf<string>("", " ", "\t \t", "\r"))
        .Select((kind, of, mutations, latin1, crlf, blank) => new Line(kind, of, mutations, latin1, crlf, blank));

    private static readonly Gen<Input> InputGen = Gen.Select(
        Generators.Event.List[1, 6],
        Gen.Select(LineGen.List[0, 12], Gen.Bool, Gen.Bool).Select((lines, bom, final) => new Body(lines, bom, final)).List[1, 3],
        (pool, bodies) => new Input(pool, bodies));

    /// <summary>What a line that is not blank must give: an event (sure of its outcome when its id is this input's own), or a reject.</summary>
    private sealed record Expected(int Line, StandingEvent? Event, bool OwnId);

    /// <summary>One body's bytes and, line by line, what it must give.</summary>
    private static (byte[] Bytes, List<Expected> Lines) Render(Body body, IReadOnlyList<StandingEvent> pool, string nonce)
    {
        var bytes = new MemoryStream();
        if (body.Bom) bytes.Write("\uFEFF"u8);
        var expected = new List<Expected>();
        for (var i = 0; i < body.Lines.Count; i++)
        {
            var line = body.Lines[i];
            var ev = pool[line.Of % pool.Count];
            var (text, given) = line.Kind switch
            {
                Kind.Event => (NdjsonEventWriter.ToLine(ev), ev),
                Kind.OtherBody => (NdjsonEventWriter.ToLine(ev with { Seller = ev.Seller + "~" }), ev with { Seller = ev.Seller + "~" }),
                Kind.Mutated => (Generators.Mutate(NdjsonEventWriter.ToLine(ev), line.Mutations).Replace("\n", "", StringComparison.Ordinal), null),
                _ => (line.Blank, null),
            };
            var content = line.Latin1 && line.Kind == Kind.Mutated ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
            var last = i == body.Lines.Count - 1;
            bytes.Write(content);
            if (!last || body.FinalNewline) bytes.Write(line.Crlf ? "\r\n"u8 : "\n"u8);

            // Worked out beside the reader: the line is its bytes up to the LF, less one CR before it (a
            // blank text's own CR on a CRLF line stays), and a line of spaces and tabs is no line of the batch.
            var terminated = !last || body.FinalNewline;
            ReadOnlySpan<byte> seen = terminated && line.Crlf ? [.. content, (byte)'\r'] : content;
            if (!seen.IsEmpty && seen[^1] == '\r') seen = seen[..^1];
            if (seen.IndexOfAnyExcept(" \t"u8) < 0) continue;
            if (given is null && NdjsonEventParser.TryParse(seen, out var parsed, out _)) given = parsed;
            if (given is not null && !Addressable(given.Seller)) given = null; // a seller no request could name is a reject
            expected.Add(new Expected(i + 1, given, given is not null && given.Id.StartsWith(nonce, StringComparison.Ordinal)));
        }
        return (bytes.ToArray(), expected);
    }

    /// <summary>A seller id a request can name (docs/api.md): 1 to 200 characters, no path, no control character.</summary>
    private static bool Addressable(string seller) =>
        seller.Length is > 0 and <= 200 && seller != "." && !seller.Contains('/', StringComparison.Ordinal)
        && !seller.Contains('\\', StringComparison.Ordinal) && !seller.Contains("..", StringComparison.Ordinal) && !seller.Any(char.IsControl);

    private static Input Own(Input input, string nonce) =>
        input with { Pool = [.. input.Pool.Select(e => e with { Id = nonce + e.Id })] };

    private static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void Any_posted_body_is_answered_without_a_5xx_each_line_counted_once_and_the_store_grows_by_the_accepted_events_only()
    {
        InputGen.Check(input =>
        {
            lock (_serial) Post(input);
        }, 80, storePerInput: true);
    }

    [Fact]
    public void Any_body_read_in_memory_gives_each_line_as_its_event_or_its_located_reject_and_blank_lines_as_nothing()
    {
        InputGen.Check(input =>
        {
            var nonce = Guid.NewGuid().ToString("N") + ".";
            var own = Own(input, nonce);
            foreach (var body in own.Bodies)
            {
                var (bytes, expected) = Render(body, own.Pool, nonce);
                var clock = Stopwatch.StartNew();
                var read = EventsBody.Parse(new MemoryStream(bytes, writable: false));
                Assert.True(clock.Elapsed < Hang, $"took {clock.Elapsed} on: {Show(bytes)}");
                Assert.Equal(expected.Where(e => e.Event is not null).Select(e => (e.Line, e.Event)), read.Events.Select((e, i) => (read.Lines[i], (StandingEvent?)e)));
                Assert.True(expected.Where(e => e.Event is null).Select(e => e.Line).SequenceEqual(read.Rejects.Select(r => r.Line)),
                    $"rejects at {string.Join(",", read.Rejects.Select(r => $"{r.Line}: {r.Reason}"))}, expected at {string.Join(",", expected.Where(e => e.Event is null).Select(e => e.Line))}, in: {Show(bytes)}");
                Assert.All(read.Rejects, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
                Assert.Equal(expected.Count == 0, read.IsEmpty);
            }
            if (Interlocked.Increment(ref _inputs) % StoreEvery == 1 % StoreEvery)
            {
                lock (_serial) Post(input);
            }
        }, 3_000);
    }

    /// <summary>Posts the input's bodies in turn to the server and checks each answer and the store against the expectations.</summary>
    private void Post(Input input)
    {
        var nonce = Guid.NewGuid().ToString("N") + ".";
        var own = Own(input, nonce);
        var model = new Dictionary<string, StandingEvent>(StringComparer.Ordinal); // this input's ids as the store must hold them
        foreach (var body in own.Bodies)
        {
            var (bytes, lines) = Render(body, own.Pool, nonce);
            long accepted = 0, duplicate = 0, conflict = 0, unsure = 0;
            var conflictLines = new List<int>();
            foreach (var line in lines)
            {
                if (line.Event is not { } ev) continue;
                if (!line.OwnId) unsure++; // a mutation changed the id out of this input's: another input may hold it
                else if (model.TryAdd(ev.Id, ev)) accepted++;
                else if (model[ev.Id].Equals(ev)) duplicate++;
                else
                {
                    conflict++;
                    conflictLines.Add(line.Line);
                }
            }
            var rejectLines = lines.Where(l => l.Event is null).Select(l => l.Line).ToList();

            var before = Stored();
            var clock = Stopwatch.StartNew();
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = _client.PostAsync("/v1/events", content).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(clock.Elapsed < Hang, $"took {clock.Elapsed} on: {Show(bytes)}");
            var status = (int)response.StatusCode;
            var why = $"{status} {text} for: {Show(bytes)}";
            Assert.True(status < 500, why);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            var answer = JsonDocument.Parse(text).RootElement;
            if (lines.Count == 0)
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
                Assert.Equal("body", answer.GetProperty("field").GetString());
            }
            else if (rejectLines.Count == lines.Count)
            {
                Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, why);
                var errors = answer.GetProperty("errors").EnumerateArray().ToList();
                Assert.Equal(rejectLines, errors.Select(e => e.GetProperty("line").GetInt32()));
                Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString()), why));
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, why);
                long Count(string name) => answer.GetProperty(name).GetInt64();
                Assert.Equal(rejectLines, answer.GetProperty("rejects").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
                Assert.All(answer.GetProperty("rejects").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString()), why));
                Assert.Equal(rejectLines.Count, Count("rejected"));
                Assert.Equal(lines.Count, Count("accepted") + Count("duplicate") + Count("conflict") + Count("rejected"));
                if (unsure == 0)
                {
                    Assert.True((accepted, duplicate, conflict) == (Count("accepted"), Count("duplicate"), Count("conflict")),
                        $"expected {(accepted, duplicate, conflict)} at {string.Join(",", lines.Select(l => $"{l.Line}:{l.Event?.Id}"))}; {why}");
                    Assert.Equal(conflictLines, answer.GetProperty("conflicts").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
                }
                else
                {
                    Assert.InRange(Count("accepted"), accepted, accepted + unsure);
                    Assert.InRange(Count("conflict"), conflict, conflict + unsure);
                }
            }
            var added = response.StatusCode == HttpStatusCode.OK ? answer.GetProperty("accepted").GetInt64() : 0;
            Assert.True(before + added == Stored(), $"the store held {before}, {added} accepted, now {Stored()}: {why}");
        }

        // Read back: each of this input's sellers holds exactly the input's events stored, as sent.
        using var store = EventStore.Open(_server.Target, create: false);
        foreach (var seller in model.Values.Select(e => e.Seller).Distinct(StringComparer.Ordinal))
        {
            var held = store.ReadAll(seller).Where(e => e.Id.StartsWith(nonce, StringComparison.Ordinal)).OrderBy(e => e.Id, StringComparer.Ordinal);
            Assert.Equal(model.Values.Where(e => e.Seller == seller).OrderBy(e => e.Id, StringComparer.Ordinal), held);
        }
    }

    private long Stored()
    {
        using var store = EventStore.Open(_server.Target, create: false);
        return store.Count();
    }
}
