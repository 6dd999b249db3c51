using NodaTime;
using Standing.Enforcement.Disputes;

namespace Standing.Server;

/// <summary>
/// What a read of one seller stands on besides its facts, read together on one connection
/// (<see cref="StoreAccess.SellerRead"/>): the store's log position, where its data ends for the policy (the
/// as-of of a read without one) and the seller's disputes. A result kept with the position and the disputes is
/// given again only while both are the same. <see cref="KeyLive"/>: whether the request's remembered key was
/// confirmed on that connection (null when it was not asked or could not be).
/// </summary>
public sealed record SellerRead(long Position, Instant? DataTime, IReadOnlyList<Dispute> Disputes, bool? KeyLive = null);
