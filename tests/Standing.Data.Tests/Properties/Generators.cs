using CsCheck;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Data.Tests.Properties;

/// <summary>Generators of valid events and of the ways a line, a CSV row or a YAML file goes wrong.</summary>
internal static class Generators
{
    /// <summary>
    /// Checks <paramref name="check"/> on inputs of <paramref name="gen"/>: <paramref name="ci"/> of them in
    /// every test run; for the long fuzz run (bench/fuzz.sh) <c>STANDING_FUZZ_ITERATIONS</c> inputs, or as
    /// many as <c>STANDING_FUZZ_SECONDS</c> allow, and the count tried is appended to <c>STANDING_FUZZ_REPORT</c>.
    /// A property that makes a store per input (<paramref name="storePerInput"/>, tens of inputs a second)
    /// takes its count from <c>STANDING_FUZZ_STORE_ITERATIONS</c> instead: the million-input run goes
    /// through the in-memory harnesses, which check a sample of their inputs against a store.
    /// </summary>
    public static void Check<T>(this Gen<T> gen, Action<T> check, long ci, bool storePerInput = false, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        long tried = 0;
        var variable = storePerInput ? "STANDING_FUZZ_STORE_ITERATIONS" : "STANDING_FUZZ_ITERATIONS";
        var iterations = long.TryParse(Environment.GetEnvironmentVariable(variable), out var n) && n > 0 ? n : ci;
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("STANDING_FUZZ_SECONDS"), out var s) && s > 0 ? s : -1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            gen.Sample(input =>
            {
                Interlocked.Increment(ref tried);
                check(input);
            }, iter: iterations, time: seconds);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("STANDING_FUZZ_REPORT") is { Length: > 0 } report)
                File.AppendAllText(report, $"{name}: {Interlocked.Read(ref tried):N0} inputs in {clock.Elapsed.TotalSeconds:0} s\n");
        }
    }

    /// <summary>Text pieces that stress escaping: quotes, backslashes, control characters, non-ASCII, a surrogate pair.</summary>
    private static readonly Gen<string> Piece = Gen.OneOf<string>("a", "Z", "0", " ", "-", "é", "€", "中", "😀", "\"", "\\", "\n", "\t", "\u0001", "\u007f", ",", "{", "}", "[", "]", ":", "/", "<", "&");

    public static readonly Gen<string> Text = Piece.List[0, 12].Select(p => string.Concat(p));

    /// <summary>A key: never blank (a blank one is rejected by the format).</summary>
    public static readonly Gen<string> Key = Gen.Select(Gen.OneOf<string>("o", "shop-", "r", "c"), Text, (head, tail) => head + tail);

    private static readonly Gen<Instant> At = Gen.Long[0, 4_102_444_800_000L].Select(Instant.FromUnixTimeMilliseconds);

    private static readonly Gen<OrderStatus> Status = Gen.Enum<OrderStatus>();

    public static readonly Gen<StandingEvent> Event = Gen.Int[0, 3].SelectMany(kind => Gen.Select(Key, Key, Key, At, Text, Gen.Int[1, 5], Gen.Bool, Status).Select(t =>
    {
        var (id, seller, subject, at, text, stars, flag, status) = t;
        var envelope = new StandingEvent { Id = id, Type = EventType.SellerRegistered, At = at, Seller = seller };
        return kind switch
        {
            0 => envelope with { Type = EventType.OrderPlaced, Order = subject, Buyer = flag ? text + "b" : null, Amount = flag ? stars * 10.25m : null, Currency = flag ? "EUR" : null, ShipBy = flag ? at + Duration.FromDays(2) : null },
            1 => envelope with { Type = EventType.ReviewPosted, Review = subject, Stars = stars, Text = flag ? text : null },
            2 => envelope with { Type = EventType.ChatMessage, Conversation = subject, From = flag ? "buyer" : "agent", Text = text, HumanRequested = flag ? true : null },
            _ => envelope with { Type = EventType.OrderStatus, Order = subject, Status = status },
        };
    }));

    /// <summary>One change to a line's text: replace, insert or delete a character, or cut the line.</summary>
    public enum Edit
    {
        Replace,
        Insert,
        Delete,
        Cut,
    }

    private static readonly Gen<string> Nasty = Gen.OneOf<string>("\"", "\\", "\\u", "\\ud83d", "\\udc00", "{", "}", "[", "]", ",", ":", "\u0000", "\uFFFD", "  ", "null", "1e999", "-", "Z", "\t", new string('[', 200));

    public static readonly Gen<(Edit Kind, double Where, string With)> Mutation = Gen.Select(Gen.Enum<Edit>(), Gen.Double[0, 1], Nasty);

    public static string Mutate(string text, IEnumerable<(Edit Kind, double Where, string With)> mutations)
    {
        foreach (var (kind, where, with) in mutations)
        {
            var at = Math.Min(text.Length, (int)(where * text.Length));
            text = kind switch
            {
                Edit.Replace when at < text.Length => text[..at] + with + text[(at + 1)..],
                Edit.Insert => text[..at] + with + text[at..],
                Edit.Delete when at < text.Length => text[..at] + text[(at + 1)..],
                Edit.Cut => text[..at],
                _ => text + with,
            };
        }
        return text;
    }
}
