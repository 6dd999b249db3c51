using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;

namespace Standing.Core.Evaluation;

/// <summary>
/// A <see cref="PeerPool"/> measured a batch at a time as the caller's batches come, then judged at once: what
/// <see cref="PolicyEvaluator.JudgePeers"/> gives for the same batches in the same order. A job that walks the
/// sellers for other work too measures the pool on that walk instead of walking them once more.
/// </summary>
public sealed class PeerPoolBuilder
{
    private readonly PolicyEvaluator _evaluator;
    private readonly Instant _asOf;
    private readonly List<string> _names = [];
    private readonly List<MetricResult[]> _measured = [];

    internal PeerPoolBuilder(PolicyEvaluator evaluator, Instant asOf)
    {
        _evaluator = evaluator;
        _asOf = asOf;
    }

    /// <summary>Measures the peer metrics of a batch of sellers (in parallel); the facts are not kept.</summary>
    public void Add(IReadOnlyList<SellerFacts> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_evaluator.ComparesSellers) return; // nothing to pool: the pool stays empty, as JudgePeers leaves it
        var measured = new MetricResult[batch.Count][];
        Parallel.For(0, batch.Count, i => measured[i] = _evaluator.MeasurePeers(batch[i], _asOf));
        foreach (var facts in batch) _names.Add(facts.Seller);
        _measured.AddRange(measured);
    }

    /// <summary>Every seller added, judged together in the order they were added.</summary>
    public PeerPool Judge()
    {
        var bySeller = new Dictionary<string, MetricResult[]>(_names.Count, StringComparer.Ordinal);
        for (var i = 0; i < _names.Count; i++) bySeller[_names[i]] = _measured[i];
        return _evaluator.Judge([.. _names], bySeller);
    }
}
