using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Input;

/// <summary>The disputes stored with the events (<c>--db</c>); none for <c>--events</c> files.</summary>
internal static class DisputeInput
{
    public static bool TryLoad(string? db, string? seller, TextWriter stderr, out IReadOnlyList<Dispute> disputes)
    {
        disputes = [];
        if (db is null) return true;
        try
        {
            using var store = EnforcementStore.Open(db);
            disputes = store.Disputes(seller);
            return true;
        }
        catch (EventStoreException e)
        {
            stderr.WriteLine(e.Message);
            return false;
        }
    }
}
