using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary>
/// The demo's one pass over its generated events, on their way to events.ndjson and the event store (the file's
/// writer hands each line it writes to the store's ingester, <see cref="EventFileBehind"/>): each seller's events are
/// folded into its facts as soon as the seller is done (the generator writes seller after seller). No stage reads
/// back what another one wrote, and besides the facts only a few sellers' events and the ingester's batches are
/// held at a time. The folds run on
/// the thread pool while the next sellers are generated (the generating thread is the pass's slowest stage):
/// at most <see cref="FoldsAhead"/> at once, their facts put in seller order at the end. Each seller is evaluated
/// there too by the <c>evaluators</c> given whose results for a seller do not depend on the others.
/// </summary>
internal sealed class DemoPass(Instant asOf, IReadOnlyList<PolicyEvaluator>? evaluators = null)
{
    /// <summary>Sellers being folded while the next ones are generated: enough to keep a core busy, few enough to hold little.</summary>
    private const int FoldsAhead = 4;

    private readonly List<SellerFacts> _facts = [];
    private readonly Queue<Task<(IReadOnlyList<SellerFacts> Facts, SellerEvaluation[][] Evaluated)>> _folding = new();

    /// <summary>Of the evaluators given, those that judge each seller on its own facts alone: the others need every seller.</summary>
    private readonly PolicyEvaluator[] _onTheWay = [.. (evaluators ?? []).Where(e => !e.ComparesSellers)];

    /// <summary>By evaluator of <see cref="_onTheWay"/>: every seller's evaluation, in the order the folds ended.</summary>
    private List<SellerEvaluation>[]? _evaluated;
    private readonly Dictionary<string, long> _eventsOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _endingAfterAsOf = new(StringComparer.Ordinal);
    private List<StandingEvent> _seller = [];

    /// <summary>
    /// The facts <see cref="StoreFacts"/> stored, by seller: equal to what the store gives for them as of the pass's
    /// as-of, so the daily run that follows may take them instead of decoding the stored bytes (<see cref="KnownFacts"/>).
    /// </summary>
    public Dictionary<string, SellerFacts> Stored { get; } = new(StringComparer.Ordinal);

    /// <summary>Every seller's facts as of the pass's as-of, in seller order: complete once <see cref="Through"/> was walked.</summary>
    public IReadOnlyList<SellerFacts> Facts
    {
        get
        {
            FinishFolds();
            return [.. _facts.OrderBy(f => f.Seller, StringComparer.Ordinal)];
        }
    }

    /// <summary>The events, passed through unchanged, each seller's folded once its last event went by.</summary>
    public IEnumerable<StandingEvent> Through(IEnumerable<StandingEvent> events)
    {
        foreach (var e in events)
        {
            if (_seller.Count > 0 && !string.Equals(e.Seller, _seller[0].Seller, StringComparison.Ordinal)) FoldSeller();
            _seller.Add(e);
            yield return e;
        }
        FoldSeller();
    }

    /// <summary>
    /// Stores the folded facts in <paramref name="store"/> as its fact projection would fold them from the log,
    /// so the first job reads them instead of folding every event again: only for a seller whose every event
    /// precedes as-of (its facts as of then are those of all its events) and whose projection row counts exactly
    /// the events of this pass (none was dropped as a repeat), at the row's log position. Returns how many.
    /// </summary>
    public int StoreFacts(IEventStore store)
    {
        FinishFolds();
        var rows = store.Sellers().ToDictionary(r => r.Seller, StringComparer.Ordinal);
        var stored = new List<StoredFacts>();
        foreach (var facts in _facts)
        {
            if (_endingAfterAsOf.Contains(facts.Seller)) continue;
            if (!rows.TryGetValue(facts.Seller, out var row) || row.Events != _eventsOf[facts.Seller]) continue;
            stored.Add(new StoredFacts(row.Seller, row.Changed, FactSnapshot.Format, FactSnapshot.Write(facts)));
            Stored[facts.Seller] = facts;
        }
        // One transaction per chunk of sellers, as the projection stores them.
        foreach (var chunk in stored.Chunk(FactProjection.Chunk)) store.WriteFacts(chunk);
        return stored.Count;
    }

    private void FoldSeller()
    {
        if (_seller.Count == 0) return;
        var seller = _seller[0].Seller;
        // Folding per seller relies on each seller's events coming together; a seller met twice would get two facts.
        if (!_eventsOf.TryAdd(seller, _seller.Count)) throw new InvalidOperationException($"the generator gave seller {seller}'s events in two stretches");
        if (_seller.Exists(e => e.At >= asOf)) _endingAfterAsOf.Add(seller);
        var events = _seller;
        _folding.Enqueue(Task.Run(() =>
        {
            var facts = FactFolder.Fold(events, asOf);
            var evaluated = _onTheWay.Select(e => facts.Select(f => e.EvaluateSeller(f, asOf)).ToArray()).ToArray();
            return (facts, evaluated);
        }));
        if (_folding.Count > FoldsAhead) TakeFold();
        _seller = new List<StandingEvent>(events.Count);
    }

    /// <summary>Waits for the sellers still being folded (a fold that failed throws here).</summary>
    private void FinishFolds()
    {
        while (_folding.Count > 0) TakeFold();
    }

    private void TakeFold()
    {
        var (facts, evaluated) = _folding.Dequeue().GetAwaiter().GetResult();
        _facts.AddRange(facts);
        _evaluated ??= [.. _onTheWay.Select(_ => new List<SellerEvaluation>())];
        for (var k = 0; k < evaluated.Length; k++) _evaluated[k].AddRange(evaluated[k]);
    }

    /// <summary>
    /// The evaluation of every seller by <paramref name="evaluator"/> (one of those given) made on the way, as
    /// <see cref="PolicyEvaluator.Evaluate(IReadOnlyList{SellerFacts}, Instant, bool, int, string?)"/> gives it for
    /// <see cref="Facts"/> (each seller's result is its own, in seller order); null for one that compares sellers.
    /// </summary>
    public PolicyEvaluation? EvaluatedOnTheWay(PolicyEvaluator evaluator)
    {
        FinishFolds();
        var k = Array.IndexOf(_onTheWay, evaluator);
        if (k < 0) return null;
        var sellers = _evaluated?[k] ?? [];
        return new PolicyEvaluation(evaluator.Policy, asOf, [.. sellers.OrderBy(s => s.Seller, StringComparer.Ordinal)]);
    }
}
