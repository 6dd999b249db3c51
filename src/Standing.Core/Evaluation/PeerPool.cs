using Standing.Core.Metrics;

namespace Standing.Core.Evaluation;

/// <summary>
/// Every seller's metrics that a policy judges against the other sellers (peer standards), already
/// judged, by seller: what a job walking the sellers in batches measures in a first pass, so that
/// each batch is then judged against all the sellers, not only against those of its batch.
/// </summary>
public sealed class PeerPool
{
    private readonly Dictionary<string, MetricResult[]> _bySeller;

    internal PeerPool(PolicyEvaluator judgedBy, IReadOnlyList<string> sellers, Dictionary<string, MetricResult[]> bySeller, Dictionary<string, MetricResult[]> measured)
    {
        JudgedBy = judgedBy;
        Sellers = sellers;
        _bySeller = bySeller;
        Measured = measured;
    }

    /// <summary>The evaluator (of one policy) that measured and judged the pool: only it may advance it.</summary>
    internal PolicyEvaluator JudgedBy { get; }

    /// <summary>Each seller's peer metrics as measured, before judging (what <see cref="PolicyEvaluator.AdvancePeers"/> starts from).</summary>
    internal Dictionary<string, MetricResult[]> Measured { get; }

    /// <summary>The sellers the pool judged together, in the order they were measured.</summary>
    public IReadOnlyList<string> Sellers { get; }

    /// <summary>How many sellers the pool judged together.</summary>
    public int Count => _bySeller.Count;

    /// <summary>The seller's judged peer metrics (indexed like the evaluator's peer metrics), or null for a seller not pooled.</summary>
    internal MetricResult[]? Of(string seller) => _bySeller.GetValueOrDefault(seller);
}
