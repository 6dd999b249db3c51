namespace Standing.Core.Facts;

/// <summary>
/// All facts of one seller. Each list holds every fact once, in no particular order (the fold keeps
/// the order ids were first seen, which depends on arrival order): whatever shows facts or their
/// ids to people orders them itself, by id.
/// </summary>
public sealed class SellerFacts
{
    public SellerFacts(string seller, IReadOnlyList<OrderFact> orders, IReadOnlyList<ReviewFact> reviews, IReadOnlyList<CaseFact> cases)
    {
        Seller = seller;
        OrderArray = orders as OrderFact[] ?? [.. orders];
        ReviewArray = reviews as ReviewFact[] ?? [.. reviews];
        CaseArray = cases as CaseFact[] ?? [.. cases];
    }

    public string Seller { get; }
    public IReadOnlyList<OrderFact> Orders => OrderArray;
    public IReadOnlyList<ReviewFact> Reviews => ReviewArray;
    public IReadOnlyList<CaseFact> Cases => CaseArray;

    // The same lists as arrays, for loops that run over millions of facts (no interface calls).
    internal OrderFact[] OrderArray { get; }
    internal ReviewFact[] ReviewArray { get; }
    internal CaseFact[] CaseArray { get; }
}
