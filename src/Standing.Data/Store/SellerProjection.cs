using NodaTime;

namespace Standing.Data.Store;

/// <summary>
/// One seller's row of the seller projection: how many events the log holds for it, the span of their
/// <c>at</c>, and the log position (<see cref="IEventStore.LogPosition"/>) of the last batch that added
/// one. The row changes in the same transaction as the events, so a reader that folded the seller at
/// <see cref="Changed"/> knows its facts are current until the row's position moves.
/// </summary>
public sealed record SellerProjection(string Seller, long Events, Instant FirstAt, Instant LastAt, long Changed);
