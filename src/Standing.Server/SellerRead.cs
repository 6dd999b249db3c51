using NodaTime;
using Standing.Enforcement.Disputes;

namespace Standing.Server;

/// <summary>
/// What a read of one seller stands on besides its facts, read together on one connection
/// (<see cref="StoreAccess.SellerRead"/>): the store's log position, the position of the last batch that added
/// an event of the seller (<see cref="SellerChanged"/>, -1 for a seller the store does not know), where the
/// data ends for the policy (the as-of of a read without one) and the seller's disputes. A result kept with a
/// position and the disputes is given again only while both are the same. <see cref="KeyLive"/>: whether the request's remembered key was
/// confirmed on that connection (null when it was not asked or could not be).
/// </summary>
public sealed record SellerRead(long Position, long SellerChanged, Instant? DataTime, IReadOnlyList<Dispute> Disputes, bool? KeyLive = null);
