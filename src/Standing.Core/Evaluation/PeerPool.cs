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

    internal PeerPool(Dictionary<string, MetricResult[]> bySeller) => _bySeller = bySeller;

    /// <summary>How many sellers the pool judged together.</summary>
    public int Count => _bySeller.Count;

    /// <summary>The seller's judged peer metrics (indexed like the evaluator's peer metrics), or null for a seller not pooled.</summary>
    internal MetricResult[]? Of(string seller) => _bySeller.GetValueOrDefault(seller);
}
