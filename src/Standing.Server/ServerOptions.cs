using NodaTime;

namespace Standing.Server;

/// <summary>What <c>standing serve</c> was told: the store, where to listen, and the limits it enforces.</summary>
public sealed record ServerOptions
{
    public const string DefaultListen = "http://127.0.0.1:8080";

    /// <summary>The event store (<c>--db</c>): a SQLite file or a PostgreSQL URL or connection string.</summary>
    public required string Db { get; init; }

    /// <summary>The URL(s) to listen on, separated by <c>;</c> (port 0: any free port).</summary>
    public string Listen { get; init; } = DefaultListen;

    /// <summary>The largest <c>POST /v1/events</c> body; a larger one is answered 413 before it is read.</summary>
    public long MaxEventsBytes { get; init; } = 16L << 20;

    /// <summary>The largest other body (a policy to validate, a decision).</summary>
    public long MaxBodyBytes { get; init; } = 1L << 20;

    /// <summary>Requests per second each key may make on average…</summary>
    public int RequestsPerSecond { get; init; } = 100;

    /// <summary>…and at most this many at once after a pause (a token bucket per key).</summary>
    public int Burst { get; init; } = 200;

    /// <summary>The clock of people's decisions and of defaults such as the standing's as-of.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>
    /// A store with more sellers than this is large: a page never waits for a first result of every seller or a
    /// first peer pool there (it answers that its figures are being computed, <see cref="Web.BeingComputed"/>),
    /// and the server computes them after its start (<see cref="Web.PageWarming"/>).
    /// </summary>
    public int LargeStoreSellers { get; init; } = KeptResults.AlwaysAwaited;

    /// <summary>The bound of the results kept for the pages and the API, in sellers' evaluations (<see cref="KeptResults.Limit"/>; tests of what is dropped set less).</summary>
    public int KeptEvaluations { get; init; } = KeptResults.Limit;

    /// <summary>Whether a large store's figures are computed after the start, before any page asks (tests of the first ask turn it off).</summary>
    public bool WarmPages { get; init; } = true;

    /// <summary>The clock's instant to the millisecond: the documents' instants carry at most milliseconds.</summary>
    public Instant Now() => Instant.FromUnixTimeMilliseconds(Clock.GetCurrentInstant().ToUnixTimeMilliseconds());
}
