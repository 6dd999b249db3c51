using System.Collections.Concurrent;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Policies;
using Standing.Data.Backtests;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Server;

/// <summary>
/// Opens the store of one marketplace of the deployment the server was started on, once per request
/// (connections are not shared between requests; SQLite serialises writers with its own lock,
/// PostgreSQL with transactions). A store is checked (ours, schema up to date) the first time this
/// process opens it; a SQLite store is then opened on pooled connections without checking it again. The server's own instance is the default marketplace's; each
/// request gets the one of its key's marketplace (<see cref="ForRequest"/>, docs/marketplaces.md).
/// The API keys live in the default marketplace's store, whichever marketplace they belong to.
/// </summary>
#pragma warning disable CA1001 // its StoreVersions is disposed by the server's container (StandingServer.Build), shared by every marketplace's access
public sealed class StoreAccess
#pragma warning restore CA1001
{
    private const string ChosenItem = "standing.marketplace";

    private readonly string _root;
    private readonly string _target;

    /// <summary>The marketplaces known to have a store (only ever grows while the server runs).</summary>
    private readonly ConcurrentDictionary<string, bool> _held;

    /// <summary>The stores this process has opened and checked, each with whether it is now opened pooled (SQLite that can be written).</summary>
    private readonly ConcurrentDictionary<string, bool> _opened;

    /// <summary>Each store's latest event as of a log position: the maximum is a scan of every seller, the position one row.</summary>
    private readonly ConcurrentDictionary<string, (long Position, Instant? At)> _latest;

    /// <summary>Each store's and policy's last peer pool (standards that compare sellers), with the as-of and log position it is of.</summary>
    private readonly ConcurrentDictionary<(string Target, string Policy), (Instant AsOf, long Position, PeerPool Pool)> _peers;

    /// <summary>What <see cref="OneEveryAtATime"/> locks, one per store.</summary>
    private static readonly ConcurrentDictionary<string, object> EveryGates = new(StringComparer.Ordinal);

    /// <summary>What <see cref="PeerPool"/> locks while it computes a store's and policy's pool.</summary>
    private static readonly ConcurrentDictionary<(string Target, string Policy), object> PoolGates = new();

    /// <summary>The stores known to hold more sellers than a count (a seller is never removed: once more, always more).</summary>
    private readonly ConcurrentDictionary<(string Target, int Count), bool> _larger;

    /// <summary>The peer pools being computed in the background for a page (<see cref="PeerPoolReady"/>), one per store, policy and as-of.</summary>
    private readonly ConcurrentDictionary<(string Target, string Policy, Instant AsOf), Task> _poolsStarted;

    /// <summary>Evaluations and trends computed for the pages and the API, kept per log position, policy and disputes.</summary>
    private readonly KeptResults _results;

    /// <summary>The stores' data versions, and the seller reads made at the current one (<see cref="SellerRead"/>).</summary>
    private readonly StoreVersions _versions;

    private readonly KeptSellerReads _sellerReads;

    /// <summary>Checks the store (ours, schema up to date) once, at start; raises <see cref="EventStoreException"/> when it is not usable.</summary>
    /// <param name="kept">The bound of the kept results (<see cref="KeptResults.Limit"/>; less in a test of what is dropped).</param>
    public StoreAccess(string target, int kept = KeptResults.Limit)
    {
        _root = target;
        _target = target;
        using var events = EventStore.Open(target, create: false);
        Name = events.Name;
        Engine = events.Engine;
        Marketplace = MarketplaceId.Default;
        _held = new(StringComparer.Ordinal) { [MarketplaceId.Default] = true };
        _opened = new(StringComparer.Ordinal) { [target] = Poolable(events) };
        _latest = new(StringComparer.Ordinal);
        _peers = new();
        _larger = new();
        _poolsStarted = new();
        _results = new(kept);
        _versions = new();
        _sellerReads = new();
        HasStore = true;
    }

    private StoreAccess(StoreAccess deployment, string marketplace)
    {
        _root = deployment._root;
        _held = deployment._held;
        _opened = deployment._opened;
        _latest = deployment._latest;
        _peers = deployment._peers;
        _larger = deployment._larger;
        _poolsStarted = deployment._poolsStarted;
        _results = deployment._results;
        _versions = deployment._versions;
        _sellerReads = deployment._sellerReads;
        Engine = deployment.Engine;
        Marketplace = marketplace;
        HasStore = Holds(marketplace);
        _target = HasStore ? MarketplaceStores.Target(_root, marketplace) : _root;
        Name = MarketplaceId.IsDefault(marketplace) ? deployment.Name : $"{deployment.Name} marketplace {marketplace}";
    }

    public string Name { get; }

    /// <summary>The watch on the stores' data versions: the server disposes it (closing its connections) at shutdown.</summary>
    public StoreVersions Versions => _versions;

    public string Engine { get; }

    /// <summary>The marketplace whose store this opens.</summary>
    public string Marketplace { get; }

    /// <summary>
    /// Whether the marketplace has a store in this deployment. A key of a marketplace that has none
    /// (no event of it was ever ingested) sees nothing, and may write nothing.
    /// </summary>
    public bool HasStore { get; }

    /// <summary>Whether <paramref name="marketplace"/> has a store here: the default one, or one in the registry.</summary>
    public bool Holds(string marketplace)
    {
        if (_held.ContainsKey(marketplace)) return true;
        if (MarketplaceId.Problem(marketplace) is not null) return false;
        using var events = EventStore.Open(_root, create: false);
        foreach (var id in events.RegisteredMarketplaces()) _held.TryAdd(id, true);
        return _held.ContainsKey(marketplace);
    }

    /// <summary>The access of another marketplace of the same deployment.</summary>
    public StoreAccess For(string marketplace) =>
        marketplace == Marketplace ? this : new StoreAccess(this, marketplace);

    /// <summary>
    /// The access of the marketplace a request works on: its key's; an admin key may name another with
    /// <c>?marketplace=</c>. A choice that cannot be made raises <see cref="MarketplaceChoiceException"/>,
    /// answered with a problem document naming the parameter.
    /// </summary>
    public StoreAccess ForRequest(Microsoft.AspNetCore.Http.HttpContext? context)
    {
        if (context is null) return this;
        if (context.Items[ChosenItem] is StoreAccess chosen) return chosen;
        var key = Access.Caller.KeyOrNull(context);
        var marketplace = key?.Marketplace ?? MarketplaceId.Default;
        if (context.Request.Query.TryGetValue("marketplace", out var asked) && asked.Count > 0 && asked[0] is { } wanted && wanted != marketplace)
        {
            if (MarketplaceId.Problem(wanted) is { } problem) throw new MarketplaceChoiceException(400, problem);
            if (key?.Role != KeyRoles.Admin)
                throw new MarketplaceChoiceException(403, $"only an admin key may name another marketplace than its own (\"{marketplace}\")");
            if (!Holds(wanted)) throw new MarketplaceChoiceException(404, $"no marketplace \"{wanted}\" in this deployment");
            marketplace = wanted;
        }
        var access = For(marketplace);
        context.Items[ChosenItem] = access;
        return access;
    }

    /// <summary>
    /// Where the store's data ends for a policy: the later of its latest run's as-of and the instant just
    /// after the latest stored event (to the millisecond, so that event counts: evaluations know only the
    /// events before their as-of). Null when the store has neither. A replayed or simulated history lies
    /// far from today, so reads without as-of are answered here, never at the wall clock.
    /// </summary>
    public Instant? DataTime(string policy)
    {
        if (!HasStore) return null;
        long position;
        using (var events = Events()) position = events.LogPosition();
        Instant? latestRun;
        using (var store = Enforcement()) latestRun = store.Runs(policy).Latest;
        return DataTime(position, latestRun);
    }

    /// <summary>
    /// What a read of <paramref name="seller"/> under <paramref name="policy"/> stands on (<see cref="Server.SellerRead"/>),
    /// read on one connection; null when the marketplace has no store.
    /// </summary>
    /// <remarks>
    /// With <paramref name="key"/> (a remembered key waiting for confirmation), the store that holds the keys (the
    /// default marketplace's) also confirms it on that connection (<see cref="Server.SellerRead.KeyLive"/>); another
    /// marketplace's store cannot, and leaves it unconfirmed.
    /// </remarks>
    public SellerRead? SellerRead(string policy, string seller, (string Id, string Hash)? key = null)
    {
        if (!HasStore) return null;
        // Read before the store, so that what the store gives is at least as new as the version it is kept under.
        if (Version() is { } version) return _sellerReads.Get(version, _target, policy, seller, key, () => ReadSeller(policy, seller, key, version));
        using var store = Enforcement();
        var (position, changed, runs, disputes, live) = store.SellerRead(policy, seller, _target == _root ? key : null);
        return new SellerRead(position, changed, DataTime(position, runs.Latest), disputes, live);
    }

    /// <summary>
    /// A seller's read at a known data version: its own row (the log position with it) on the connection, and, when it
    /// has any, its disputes; the policy's runs, which sellers have disputes and the key's row once per version for every
    /// seller (<see cref="KeptSellerReads.Shared{T}"/>), each a statement a first read no longer runs.
    /// </summary>
    private SellerRead ReadSeller(string policy, string seller, (string Id, string Hash)? key, (long Target, long Root) version)
    {
        using var store = Enforcement();
        var (position, changed) = store.SellerPosition(seller);
        var runs = _sellerReads.Shared(version, (_target, "runs", policy), () => store.Runs(policy));
        var disputed = _sellerReads.Shared(version, (_target, "disputed"), store.DisputedSellers);
        IReadOnlyList<Dispute> disputes = disputed.Contains(seller) ? store.Disputes(seller) : [];
        bool? live = _target == _root && key is var (id, hash) ? _sellerReads.Shared(version, (_root, "key", id, hash), () => store.KeyLive(id, hash)) : null;
        return new SellerRead(position, changed, DataTime(position, runs.Latest), disputes, live);
    }

    /// <summary>
    /// The data versions of this marketplace's store and of the store that holds the keys (<see cref="StoreVersions"/>),
    /// or null when either is not a SQLite store opened pooled (PostgreSQL, one that cannot be written).
    /// </summary>
    private (long Target, long Root)? Version()
    {
        if (!_opened.TryGetValue(_target, out var pooled) || !pooled || !_opened.TryGetValue(_root, out var rootPooled) || !rootPooled) return null;
        if (_versions.Of(_target) is not { } target) return null;
        if (_target == _root) return (target, target);
        return _versions.Of(_root) is { } root ? (target, root) : null;
    }

    /// <summary>This marketplace's store's data version (<see cref="StoreVersions"/>): null where there is none (then read the store).</summary>
    public long? DataVersion() => Version()?.Target;

    /// <summary>The later of the latest run and the instant just after the latest event (kept per log position).</summary>
    private Instant? DataTime(long position, Instant? latestRun)
    {
        Instant? latestEvent;
        if (_latest.TryGetValue(_target, out var seen) && seen.Position == position)
        {
            latestEvent = seen.At;
        }
        else
        {
            using var events = Events();
            latestEvent = events.LatestEventAt();
            // Kept only when no append came since the position was read: the latest event is then that position's.
            if (events.LogPosition() == position) _latest[_target] = (position, latestEvent);
        }
        Instant? afterEvent = latestEvent is { } e ? Instant.FromUnixTimeMilliseconds(e.ToUnixTimeTicks() / NodaConstants.TicksPerMillisecond + 1) : null;
        return afterEvent is { } a && latestRun is { } r ? (a > r ? a : r) : afterEvent ?? latestRun;
    }

    /// <summary>
    /// The peer metrics of every seller known before <paramref name="asOf"/> judged together under
    /// <paramref name="evaluator"/>'s policy (a batch of sellers' facts at a time, read through
    /// <paramref name="events"/>, this marketplace's store): the last pool of each policy is kept and given
    /// again while the as-of and the log position are the same, so that reads of one seller under a standard
    /// that compares sellers do not each read every seller; after new events it is advanced from the last one
    /// (<see cref="PolicyEvaluator.AdvancePeers"/>: the sellers changed since measured again, every one judged again).
    /// </summary>
    public PeerPool PeerPool(IEventStore events, PolicyEvaluator evaluator, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(evaluator);
        var key = (_target, evaluator.Policy.Id);
        var position = events.LogPosition();
        if (_peers.TryGetValue(key, out var kept) && kept.AsOf == asOf && kept.Position == position) return kept.Pool;
        // One pool computed at a time per store and policy: a read during one (the server's warming after its start,
        // another page) waits for it and then finds it kept, rather than reading every seller a second time.
        lock (PoolGates.GetOrAdd(key, _ => new object()))
        {
            if (_peers.TryGetValue(key, out kept) && kept.AsOf == asOf && kept.Position == position) return kept.Pool;
            return NewPeerPool(events, evaluator, asOf, key, position, kept);
        }
    }

    /// <summary>
    /// Runs a computation of every seller's evaluation (<see cref="Jobs.EverySeller"/>) when no other of this store runs:
    /// at 100,000 sellers each holds gigabytes while it runs, and the warming, the pages and the API may each start one
    /// (the pages in the background, without waiting: several standards' at once held 10 GB before this gate).
    /// </summary>
    public T OneEveryAtATime<T>(Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        lock (EveryGates.GetOrAdd(_target, _ => new object())) return compute();
    }

    /// <summary>Whether this marketplace's store holds more sellers than <paramref name="count"/> (kept once true).</summary>
    public bool HoldsMoreSellersThan(int count)
    {
        if (!HasStore) return false;
        if (_larger.ContainsKey((_target, count))) return true;
        using var events = Events();
        if (events.Sellers().Count <= count) return false;
        _larger[(_target, count)] = true;
        return true;
    }

    /// <summary>
    /// For a page of a standard that compares sellers: true when <see cref="PeerPool"/> of <paramref name="asOf"/> can be
    /// given without judging every seller from the start, that is when a pool of this as-of is kept (of the current log
    /// position, or an earlier one it is advanced from). Else false at once, with the pool's computation started in
    /// the background (once, whoever asks), so that the page answers that it is being computed rather than wait
    /// for every seller's facts (minutes at 100,000 sellers).
    /// </summary>
    public bool PeerPoolReady(PolicyEvaluator evaluator, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        if (_peers.TryGetValue((_target, evaluator.Policy.Id), out var kept) && kept.AsOf == asOf) return true;
        var started = _poolsStarted.GetOrAdd((_target, evaluator.Policy.Id, asOf), key => Task.Factory.StartNew(() =>
        {
            try
            {
                using var events = Events();
                PeerPool(events, evaluator, asOf);
            }
            finally
            {
                _poolsStarted.TryRemove(key, out _); // a failure is tried again by the next ask
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        // One that ended before it was added (or failed) is started again by the next ask.
        if (started.IsCompleted) _poolsStarted.TryRemove(KeyValuePair.Create((_target, evaluator.Policy.Id, asOf), started));
        return false;
    }

    private PeerPool NewPeerPool(IEventStore events, PolicyEvaluator evaluator, Instant asOf, (string, string) key, long position, (Instant AsOf, long Position, PeerPool Pool) kept)
    {
        var projection = new FactProjection(events);
        PeerPool? pool = null;
        if (kept.Pool is not null && kept.AsOf == asOf)
        {
            // Advanced from the last pool: only the sellers that batches added events to since are measured again.
            var known = events.Sellers().Where(r => r.FirstAt < asOf).ToList();
            var changed = known.Where(r => r.Changed > kept.Position).ToList();
            pool = evaluator.AdvancePeers(kept.Pool, known.ConvertAll(r => r.Seller), projection.FactsAsOf(asOf, changed), asOf);
        }
        pool ??= evaluator.JudgePeers(projection.Batches(asOf).Select(rows => projection.FactsAsOf(asOf, rows)), asOf);
        // Kept under the position read before the sellers were: a seller appended to while they were read may be measured
        // with those events or without, and the next read at a later position measures it again (its change is after
        // this position). Kept even then, so that on a live store, where appends never stop for the minutes a first pool
        // takes, there is always one to advance from.
        _peers[key] = (asOf, position, pool);
        return pool;
    }

    /// <summary>
    /// The result <paramref name="compute"/> gives for <paramref name="key"/> in this marketplace's store,
    /// computed once per log position, <paramref name="policy"/> and <paramref name="disputes"/> (those it
    /// takes out: <paramref name="compute"/> must use these) and then kept (<see cref="KeptResults"/>);
    /// <paramref name="sellers"/> tells how many sellers' evaluations a result holds (one by default).
    /// </summary>
    public T Kept<T>(object key, Policy policy, IReadOnlyList<Dispute> disputes, Func<T> compute, Func<T, int>? sellers = null)
        where T : class
    {
        var stamp = new KeptResults.Stamp(LogPosition(), policy, disputes);
        return _results.Get((_target, key), stamp, compute, LogPosition, sellers ?? (_ => 1));
    }

    /// <summary>
    /// <see cref="Kept"/> for a result that reads one seller's events alone (its evaluation under a standard that
    /// does not compare sellers, its trend): kept while the seller's own events are the same (the position of the
    /// last batch that added one, its projection row's), so events of other sellers leave it kept.
    /// </summary>
    public T KeptOfSeller<T>(string seller, object key, Policy policy, IReadOnlyList<Dispute> disputes, Func<T> compute)
        where T : class
    {
        long Changed()
        {
            using var events = Events();
            return events.Sellers(seller) is [var row] ? row.Changed : -1;
        }
        return _results.Get((_target, key), new KeptResults.Stamp(Changed(), policy, disputes), compute, Changed, _ => 1);
    }

    /// <summary>
    /// <see cref="Kept"/> for a page that may show an earlier result, saying so, while the current one is computed
    /// in the background (<see cref="KeptResults.GetOrLast{T}(object, KeptResults.Stamp, Func{T?, T}, Func{long}, Func{T, int}, TimeSpan)"/>:
    /// at most <paramref name="wait"/> for a large store), advanced from the last one.
    /// </summary>
    public KeptResults.Shown<T> KeptOrLast<T>(object key, Policy policy, IReadOnlyList<Dispute> disputes, Func<T?, T> advance, Func<T, int> sellers, TimeSpan wait)
        where T : class =>
        _results.GetOrLast((_target, key), new KeptResults.Stamp(LogPosition(), policy, disputes), advance, LogPosition, sellers, wait);

    /// <summary>
    /// <see cref="KeptOrLast{T}"/> that, with <paramref name="large"/> and no result kept under <paramref name="key"/>,
    /// does not wait for the first one: it starts its computation and gives null (<see cref="KeptResults.ShownOrStarted{T}"/>).
    /// </summary>
    public KeptResults.Shown<T>? KeptOrLastOrStarted<T>(object key, Policy policy, IReadOnlyList<Dispute> disputes, Func<T?, T> advance, Func<T, int> sellers, TimeSpan wait, bool large)
        where T : class =>
        _results.ShownOrStarted((_target, key), new KeptResults.Stamp(LogPosition(), policy, disputes), advance, LogPosition, sellers, wait, large);

    /// <summary>Whether the result of <paramref name="key"/> of the current log position, policy and disputes is kept (<see cref="KeptFrom"/>'s).</summary>
    public bool HoldsCurrent(object key, Policy policy, IReadOnlyList<Dispute> disputes) =>
        _results.Holds((_target, key), new KeptResults.Stamp(LogPosition(), policy, disputes));

    /// <summary><see cref="Kept"/> for a result advanced from the last one kept under <paramref name="key"/> (<see cref="KeptResults.Get{T}(object, KeptResults.Stamp, Func{T?, T}, Func{long}, Func{T, int})"/>).</summary>
    public T KeptFrom<T>(object key, Policy policy, IReadOnlyList<Dispute> disputes, Func<T?, T> advance, Func<T, int> sellers)
        where T : class =>
        _results.Get((_target, key), new KeptResults.Stamp(LogPosition(), policy, disputes), advance, LogPosition, sellers);

    /// <summary>
    /// As <see cref="Kept{T}(object, Policy, IReadOnlyList{Dispute}, Func{T}, Func{T, int}?)"/> for one seller's
    /// result, with its <paramref name="version"/> already read (<see cref="SellerRead"/>: the log position, or the
    /// seller's own as <see cref="KeptOfSeller"/> keeps) and <paramref name="versionAfter"/> the same version as
    /// <paramref name="compute"/> saw it after reading the facts (on its own connection), so that neither needs
    /// a connection of its own.
    /// </summary>
    public T Kept<T>(object key, Policy policy, long version, IReadOnlyList<Dispute> disputes, Func<T> compute, Func<long> versionAfter)
        where T : class =>
        _results.Get((_target, key), new KeptResults.Stamp(version, policy, disputes), compute, versionAfter, _ => 1);

    /// <summary>The store's log position now: what a kept result of every seller is stamped with.</summary>
    public long LogPosition()
    {
        using var events = Events();
        return events.LogPosition();
    }

    public IEventStore Events()
    {
        var target = Checked();
        if (_opened.TryGetValue(target, out var pooled)) return pooled ? EventStore.Connect(target) : EventStore.Open(target, create: false);
        var events = EventStore.Open(target, create: false);
        _opened[target] = Poolable(events);
        return events;
    }

    public EnforcementStore Enforcement()
    {
        var target = Checked();
        if (!_opened.ContainsKey(target)) Events().Dispose(); // the first open checks the store
        return _opened[target] ? EnforcementStore.Connect(target, target) : EnforcementStore.Open(target);
    }

    /// <summary>The server's backtests of this marketplace (kept in its own store).</summary>
    public BacktestStore Backtests()
    {
        var target = Checked();
        if (!_opened.ContainsKey(target)) Events().Dispose(); // the first open checks the store
        return BacktestStore.Connect(target, Name);
    }

    /// <summary>A SQLite store that can be written is opened pooled after its first check; a read-only one and PostgreSQL as before.</summary>
    private static bool Poolable(IEventStore events) => events is SqliteEventStore { IsReadOnly: false };

    /// <summary>The API keys of the whole deployment (kept in the default marketplace's store).</summary>
    public KeyStore Keys() => KeyStore.Connect(_root, Name);

    private string Checked() => HasStore
        ? _target
        : throw new InvalidOperationException($"marketplace {Marketplace} has no store: callers check HasStore first");
}

/// <summary>A request's <c>?marketplace=</c> that cannot be honoured: answered with <see cref="Status"/> and the reason.</summary>
public sealed class MarketplaceChoiceException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
