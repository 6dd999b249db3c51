using NodaTime;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Store;

/// <summary>
/// What an ingest stored for one marketplace, in that marketplace's own store; <paramref name="Loaded"/>: the events of
/// a first load into it, with their log positions, when they were kept (<see cref="EventIngester.Loaded"/>).
/// </summary>
public sealed record MarketplaceIngest(string Marketplace, IEventStore Store, IngestSummary Summary, LoadedEvents? Loaded = null);

/// <summary>
/// Routes each event to its marketplace's store (<see cref="MarketplaceStores"/>), one
/// <see cref="EventIngester"/> per marketplace met: events without the field go to the default store.
/// A marketplace's store is created, and the marketplace registered in the default store, when its
/// first event arrives. An event whose marketplace id is not a safe one is rejected at its line.
/// </summary>
public sealed class MarketplaceIngester : IEventSink, IDisposable
{
    private readonly string _target;
    private readonly int _batchSize;
    private readonly Instant _now;
    private readonly bool _advanceFacts;
    private readonly SortedDictionary<string, (IEventStore Store, EventIngester Ingester)> _marketplaces = new(StringComparer.Ordinal);
    private readonly EventIngester _default;
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);

    /// <param name="defaultStore">the store <paramref name="target"/> names (the default marketplace's; it keeps the registry)</param>
    /// <param name="now">when a marketplace met for the first time is registered</param>
    /// <param name="advanceFacts">fold each batch onto the stored facts of the sellers it touches (see <see cref="EventIngester"/>)</param>
    public MarketplaceIngester(IEventStore defaultStore, string target, int batchSize, Instant now, bool advanceFacts = false)
    {
        _target = target;
        _batchSize = batchSize;
        _now = now;
        _advanceFacts = advanceFacts;
        _default = new EventIngester(defaultStore, batchSize, advanceFacts);
        _marketplaces[MarketplaceId.Default] = (defaultStore, _default);
    }

    /// <summary>New events committed so far, over every marketplace.</summary>
    public long Committed => _marketplaces.Values.Sum(m => m.Ingester.Committed);

    /// <summary>Batches committed so far, over every marketplace.</summary>
    public long Batches => _marketplaces.Values.Sum(m => m.Ingester.Batches);

    public void Add(StandingEvent ev, string file, int line)
    {
        var marketplace = MarketplaceId.Of(ev);
        if (_marketplaces.TryGetValue(marketplace, out var known))
        {
            known.Ingester.Add(ev, file, line);
            return;
        }
        if (!_refused.TryGetValue(marketplace, out var problem) && (problem = MarketplaceId.Problem(marketplace)) is null)
        {
            Open(marketplace).Add(ev, file, line);
            return;
        }
        _refused[marketplace] = problem!;
        _default.Reject(new Reject(file, line, problem!, NdjsonEventWriter.ToLine(ev)));
    }

    public void Reject(Reject reject) => _default.Reject(reject);

    public void Skip(string reason) => _default.Skip(reason);

    /// <summary>Writes what is buffered for every marketplace and returns what each got, the default one first.</summary>
    public IReadOnlyList<MarketplaceIngest> Complete()
    {
        var done = new List<MarketplaceIngest>();
        foreach (var (marketplace, (store, ingester)) in _marketplaces)
        {
            var summary = ingester.Complete();
            done.Add(new MarketplaceIngest(marketplace, store, summary, ingester.Loaded));
        }
        return [.. done.Where(m => MarketplaceId.IsDefault(m.Marketplace)), .. done.Where(m => !MarketplaceId.IsDefault(m.Marketplace))];
    }

    public void Dispose()
    {
        foreach (var (marketplace, (store, ingester)) in _marketplaces)
        {
            ingester.Dispose();
            if (!MarketplaceId.IsDefault(marketplace)) store.Dispose(); // the default store is the caller's
        }
    }

    private EventIngester Open(string marketplace)
    {
        // Registered first, through a connection of its own (the default store's is busy writing
        // batches on the ingester's thread): a marketplace whose store exists is always in the registry.
        using (var registry = EventStore.Open(_target, create: false))
        {
            registry.RegisterMarketplace(marketplace, _now);
        }
        var store = EventStore.Open(MarketplaceStores.Target(_target, marketplace), create: true);
        try
        {
            var ingester = new EventIngester(store, _batchSize, _advanceFacts);
            _marketplaces[marketplace] = (store, ingester);
            return ingester;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
