using System.Globalization;
using Standing.Enforcement;
using Standing.Enforcement.Disputes;

namespace Standing.Data.Enforcement;

public sealed partial class EnforcementStore
{
    /// <summary>
    /// What one seller's standing read stands on besides its facts, read on this one connection: the store's log
    /// position (the event tables share the store), the policy's runs and the seller's disputes. A server
    /// read opened a connection for each of the three.
    /// </summary>
    public (long LogPosition, RunHistory Runs, IReadOnlyList<Dispute> Disputes) SellerRead(string policy, string seller)
    {
        long position;
        using (var command = Command("SELECT CAST(value AS BIGINT) FROM standing_meta WHERE key = 'log_position'"))
        {
            position = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return (position, Runs(policy), Disputes(seller));
    }
}
