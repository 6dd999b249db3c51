using NodaTime;
using Standing.Core.Facts;
using Standing.Data.Store;

namespace Standing.Cli.Input;

/// <summary>
/// The stored facts of a <c>--db</c> store as of an instant, a batch of sellers at a time, in seller order:
/// a read job that goes through them holds one batch's facts, so its memory depends on the batch, not on the
/// store (the daily <c>run</c> walks the store the same way). Sellers whose stored facts serve the as-of are
/// read from them; the rest are folded from their own events, a batch at a time.
/// </summary>
internal sealed class StoreBatches : IDisposable
{
    private readonly IEventStore _store;
    private readonly FactProjection _projection;
    private readonly IReadOnlyList<IReadOnlyList<SellerProjection>> _batches;
    private readonly FactKinds _kinds;
    private IReadOnlyList<SellerFacts>? _single;

    private StoreBatches(IEventStore store, Instant asOf, int size, FactKinds kinds)
    {
        _store = store;
        _kinds = kinds;
        _projection = new FactProjection(store);
        AsOf = asOf;
        _batches = [.. _projection.Batches(asOf, size)];
    }

    public Instant AsOf { get; }

    /// <summary>Whether the store, or the request, says to read facts from a store (rather than from event files).</summary>
    public static bool Applies(string[]? files, string? db, string? rejectsPath) => db is not null && files is not { Length: > 0 } && rejectsPath is null;

    /// <summary>
    /// Opens the store; refuses (with the message on <paramref name="stderr"/>) a store that cannot be read or a <paramref name="seller"/> it never saw.
    /// The stored facts are decoded with only the lists of <paramref name="kinds"/> (what the reader declares it reads).
    /// </summary>
    public static bool TryOpen(string db, string? seller, Instant asOf, int size, TextWriter stderr, out StoreBatches? batches, FactKinds kinds = FactKinds.All)
    {
        batches = null;
        IEventStore? store = null;
        try
        {
            store = EventStore.Open(db, create: false);
            if (seller is not null && store.Sellers(seller).Count == 0)
            {
                stderr.WriteLine($"unknown seller \"{seller}\": no event in {store.Name} names it");
                store.Dispose();
                return false;
            }
            batches = new StoreBatches(store, asOf, size, kinds);
            return true;
        }
        catch (EventStoreException e)
        {
            store?.Dispose();
            stderr.WriteLine(e.Message);
            return false;
        }
    }

    /// <summary>How many batches the sellers known before as-of make.</summary>
    public int Count => _batches.Count;

    /// <summary>Whether <paramref name="seller"/> is known before as-of (has an event before it).</summary>
    public bool Knows(string seller) => _batches.Any(b => b.Any(r => r.Seller == seller));

    /// <summary>Each batch's facts in turn; a store that fits in one batch is read once however often this is walked.</summary>
    public IEnumerable<IReadOnlyList<SellerFacts>> Facts()
    {
        foreach (var rows in _batches)
        {
            yield return _batches.Count == 1 ? _single ??= _projection.FactsAsOf(AsOf, rows, _kinds) : _projection.FactsAsOf(AsOf, rows, _kinds);
        }
    }

    /// <summary>
    /// The facts of <paramref name="seller"/> alone (empty when as-of knows no such seller): its stored facts, or
    /// its own events, read by name. A store that fits in one batch and was walked already gives them from that batch.
    /// </summary>
    public IReadOnlyList<SellerFacts> FactsOf(string seller)
    {
        if (_single is not null) return [.. _single.Where(f => f.Seller == seller)];
        return _projection.FactsAsOf(AsOf, _store.Sellers(seller), _kinds);
    }

    public void Dispose() => _store.Dispose();
}
