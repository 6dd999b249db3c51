namespace Standing.Core.Facts;

/// <summary>All facts of one seller, each list ordered by its id (ordinal) so output is stable.</summary>
public sealed class SellerFacts
{
    public SellerFacts(string seller, IReadOnlyList<OrderFact> orders, IReadOnlyList<ReviewFact> reviews, IReadOnlyList<CaseFact> cases)
    {
        Seller = seller;
        Orders = orders;
        Reviews = reviews;
        Cases = cases;
    }

    public string Seller { get; }
    public IReadOnlyList<OrderFact> Orders { get; }
    public IReadOnlyList<ReviewFact> Reviews { get; }
    public IReadOnlyList<CaseFact> Cases { get; }
}
