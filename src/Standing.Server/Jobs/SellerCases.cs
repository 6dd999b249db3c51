using Standing.Data.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Server.Jobs;

/// <summary>
/// One seller's cases under one standard, read by the cases table's key (seller first) and picked by standard here.
/// Asked for both at once (<c>Cases(policy, seller)</c>), SQLite takes the index by standard and kind instead and
/// walks every case of the standard: at 100,000 sellers Mall's 117,000 and E-confiance's 95,000, some 50 ms for the
/// few of one seller, on every seller page, every overview's worst sellers and every case decision.
/// </summary>
public static class SellerCases
{
    /// <summary>The seller's cases of <paramref name="policy"/>, in the table's order (by id): ties of a page's order are ordered by id.</summary>
    public static List<EnforcementCase> Of(EnforcementStore store, string policy, string seller) =>
        store.Cases(seller: seller).Where(c => c.Policy == policy).ToList();
}
