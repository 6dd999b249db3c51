using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary>
/// What a caller of the daily run already holds for one as-of: sellers' facts equal to those the store keeps for
/// them (the demo folds them and stores them with its events) and each pack's evaluation of every seller on those
/// facts. The run uses them instead of decoding the stored facts and evaluating again; wherever they do not
/// serve (another as-of, a seller not held, another policy), it reads the store as it would without them.
/// </summary>
internal sealed class KnownFacts(Instant asOf, IReadOnlyDictionary<string, SellerFacts> facts, IReadOnlyList<PolicyEvaluation> evaluations)
{
    private readonly Instant _asOf = asOf;

    private readonly Dictionary<(string Policy, string Version), IReadOnlyDictionary<string, SellerEvaluation>> _evaluated = evaluations
        .Where(e => e.AsOf == asOf)
        .ToDictionary(e => (e.Policy.Id, e.Policy.Version), e => (IReadOnlyDictionary<string, SellerEvaluation>)e.Sellers.ToDictionary(s => s.Seller, StringComparer.Ordinal));

    /// <summary>
    /// The facts of the sellers of <paramref name="rows"/> as of each of <paramref name="asOfs"/>, as
    /// <see cref="FactProjection.FactsAsOf(IReadOnlyList{Instant}, IReadOnlyList{SellerProjection})"/> gives them:
    /// from what is held when every as-of is this one's and every seller is held, else from the store.
    /// </summary>
    public static IEnumerable<(Instant AsOf, IReadOnlyList<SellerFacts> Facts)> FactsAsOf(
        KnownFacts? known, FactProjection projection, IReadOnlyList<Instant> asOfs, IReadOnlyList<SellerProjection> rows) =>
        known?.Held(asOfs, rows) is { } held ? [(known._asOf, held)] : projection.FactsAsOf(asOfs, rows);

    /// <summary>The facts of the sellers of <paramref name="rows"/> as of <paramref name="asOf"/>: held, or read from the store.</summary>
    public static IReadOnlyList<SellerFacts> FactsAsOf(KnownFacts? known, FactProjection projection, Instant asOf, IReadOnlyList<SellerProjection> rows) =>
        known?.Held([asOf], rows) ?? projection.FactsAsOf(asOf, rows);

    /// <summary>Every seller's evaluation under <paramref name="policy"/> at <paramref name="at"/>, when held.</summary>
    public static IReadOnlyDictionary<string, SellerEvaluation>? Evaluated(KnownFacts? known, Policy policy, Instant at) =>
        known is null || at != known._asOf ? null : known._evaluated.GetValueOrDefault((policy.Id, policy.Version));

    /// <summary>In the rows' (seller) order; null unless every as-of is this one and every seller is held.</summary>
    private List<SellerFacts>? Held(IReadOnlyList<Instant> asOfs, IReadOnlyList<SellerProjection> rows)
    {
        if (asOfs.Count == 0 || asOfs.Any(a => a != _asOf)) return null;
        var held = new List<SellerFacts>(rows.Count);
        foreach (var row in rows)
        {
            // The store knows a seller from its first event on; before it, it has no facts at this as-of.
            if (row.FirstAt >= _asOf) continue;
            if (!facts.TryGetValue(row.Seller, out var one)) return null;
            held.Add(one);
        }
        return held;
    }
}
