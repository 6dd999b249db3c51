using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// The append-only event log, on SQLite or PostgreSQL (<see cref="EventStore.Open"/>). Events are keyed
/// by (seller, id); the body stored is the canonical NDJSON line. Appending is idempotent: an id
/// already stored with an equal body is a duplicate (no-op), with a different body a conflict (the
/// stored one is kept). Each <see cref="Append"/> is one transaction: all of the batch or none of it.
/// </summary>
public interface IEventStore : IDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Engine { get; }

    /// <summary>
    /// Whether <see cref="ReadSellers"/> gives a seller's events in the order they were appended, so that
    /// facts first seen in a later batch come after every earlier one's (what lets a batch's events be folded
    /// onto stored facts: <see cref="FactProjection.Advance"/>). Both engines do: SQLite by rowid, PostgreSQL by
    /// an arrival number each event takes at insert (schema version 10).
    /// </summary>
    bool ReadsInArrivalOrder { get; }

    /// <summary>The target as the user named it (a path, or a connection string without its password).</summary>
    string Name { get; }

    /// <summary>Appends one batch in one transaction; the result says what became of each event.</summary>
    AppendResult Append(IReadOnlyList<StandingEvent> batch);

    /// <summary>Every stored event (or those of one seller), ordered by seller (a seller's events in no set order).</summary>
    IReadOnlyList<StandingEvent> ReadAll(string? seller = null);

    /// <summary>
    /// Every stored event in the order the store keeps them (the cheapest full read: no sort, no index),
    /// for readers that group by seller themselves, as folding does.
    /// </summary>
    IReadOnlyList<StandingEvent> ReadEvery();

    /// <summary>The stored events of the sellers named, ordered by seller.</summary>
    IReadOnlyList<StandingEvent> ReadSellers(IReadOnlyCollection<string> sellers);

    /// <summary>How many events are stored.</summary>
    long Count();

    /// <summary>The number of the last batch that added events (it only grows; a rebuild moves it too).</summary>
    long LogPosition();

    /// <summary>The instant of the latest stored event (null when none): where the data ends.</summary>
    NodaTime.Instant? LatestEventAt();

    /// <summary>The seller projection: every seller's row (or the one seller's), ordered by seller.</summary>
    IReadOnlyList<SellerProjection> Sellers(string? seller = null);

    /// <summary>
    /// The projection rows of <paramref name="sellers"/> that have one, ordered by seller: what <see cref="Sellers"/>
    /// gives for each. A write's few hundred sellers are looked up on one prepared statement where the engine allows.
    /// </summary>
    IReadOnlyList<SellerProjection> SellersNamed(IReadOnlyCollection<string> sellers) =>
        [.. sellers.Order(StringComparer.Ordinal).SelectMany(s => Sellers(s))];

    /// <summary>
    /// Drops the seller projection and the stored facts and computes the projection again from the
    /// event log, in one transaction, at a new log position (so every seller is folded again). Returns
    /// the new position.
    /// </summary>
    long RebuildProjection();

    /// <summary>
    /// The stored facts of every seller (or of those named), ordered by seller; stale ones included.
    /// Without <paramref name="bodies"/> only which position and format each row has (bodies empty).
    /// </summary>
    IReadOnlyList<StoredFacts> ReadFacts(IReadOnlyCollection<string>? sellers = null, bool bodies = true);

    /// <summary>
    /// Stores sellers' facts in one transaction. A seller's row is replaced only by facts folded at the
    /// same or a later log position, so a slow writer never puts older facts over newer ones.
    /// </summary>
    void WriteFacts(IReadOnlyList<StoredFacts> facts);

    /// <summary>
    /// The marketplaces other than the default one whose events were ingested, in id order (kept in
    /// the default marketplace's store; see <see cref="MarketplaceStores"/>).
    /// </summary>
    IReadOnlyList<string> RegisteredMarketplaces();

    /// <summary>Adds a marketplace to the registry (already there: nothing changes, its first instant stays).</summary>
    void RegisterMarketplace(string id, NodaTime.Instant at);
}

/// <summary>What <see cref="IEventStore.Append"/> did with each event of a batch, by its index.</summary>
public sealed class AppendResult
{
    /// <summary>Marks a conflict with an event already stored before the batch.</summary>
    public const int Stored = -1;

    public AppendResult(EventLogOutcome[] outcomes, IReadOnlyDictionary<int, int> conflicts, IReadOnlyCollection<string> changedSellers)
    {
        Outcomes = outcomes;
        Conflicts = conflicts;
        ChangedSellers = changedSellers;
    }

    /// <summary>The sellers the batch added events to (their projection rows moved to a new log position).</summary>
    public IReadOnlyCollection<string> ChangedSellers { get; }

    /// <summary>The outcome of the batch's event at each index.</summary>
    public IReadOnlyList<EventLogOutcome> Outcomes { get; }

    /// <summary>
    /// For each conflicting event's index, the index of the earlier event of the same batch it
    /// conflicts with, or <see cref="Stored"/> when the kept event was stored before.
    /// </summary>
    public IReadOnlyDictionary<int, int> Conflicts { get; }
}
