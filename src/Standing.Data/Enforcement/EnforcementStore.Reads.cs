using Standing.Enforcement;
using Standing.Enforcement.Disputes;

namespace Standing.Data.Enforcement;

public sealed partial class EnforcementStore
{
    /// <summary>
    /// What one seller's standing read stands on besides its facts, read on this one connection: the store's log
    /// position and the position of the last batch that added an event of the seller (its projection row's
    /// <c>changed</c>, -1 for a seller the store does not know; the event tables share the store), the policy's
    /// runs and the seller's disputes; with
    /// <paramref name="key"/>, whether that key's row is still there with that hash and not revoked (in a store
    /// that holds the keys). A server read opened a connection for each of these.
    /// </summary>
    public (long LogPosition, long SellerChanged, RunHistory Runs, IReadOnlyList<Dispute> Disputes, bool? KeyLive) SellerRead(string policy, string seller, (string Id, string Hash)? key = null)
    {
        var (position, changed) = SellerPosition(seller);
        bool? live = key is var (id, hash) ? KeyLive(id, hash) : null;
        return (position, changed, Runs(policy), Disputes(seller), live);
    }
}
