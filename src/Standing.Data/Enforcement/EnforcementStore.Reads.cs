using System.Globalization;
using Standing.Enforcement;
using Standing.Enforcement.Disputes;

namespace Standing.Data.Enforcement;

public sealed partial class EnforcementStore
{
    /// <summary>
    /// What one seller's standing read stands on besides its facts, read on this one connection: the store's log
    /// position (the event tables share the store), the policy's runs and the seller's disputes; with
    /// <paramref name="key"/>, whether that key's row is still there with that hash and not revoked (in a store
    /// that holds the keys). A server read opened a connection for each of these.
    /// </summary>
    public (long LogPosition, RunHistory Runs, IReadOnlyList<Dispute> Disputes, bool? KeyLive) SellerRead(string policy, string seller, (string Id, string Hash)? key = null)
    {
        long position;
        using (var command = Command("SELECT CAST(value AS BIGINT) FROM standing_meta WHERE key = 'log_position'"))
        {
            position = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        bool? live = null;
        if (key is var (id, hash))
        {
            using var command = Command("SELECT count(*) FROM api_keys WHERE id = @id AND hash = @hash AND revoked_at IS NULL", ("id", id), ("hash", hash));
            live = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
        }
        return (position, Runs(policy), Disputes(seller), live);
    }
}
