using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Enforcement.Disputes;

namespace Standing.Enforcement.Backtests;

/// <summary>
/// Replays the enforcement of two rule sets of one standard (a baseline and a candidate) day by day,
/// as daily runs would have carried each seller's cases, with every case held in memory: a backtest
/// reads a store and never writes one. Pure: the facts of each day come in through a function.
/// </summary>
/// <remarks>
/// Sellers are replayed a batch at a time, every day for one batch before the next batch: a seller's
/// cases depend only on its own facts, so the batch's events are read once and each day's facts are
/// folded from them in memory, each event once (<see cref="IncrementalFold"/>). A standard that judges
/// sellers against each other needs every seller on each day: the caller then passes all sellers as one
/// batch (<see cref="ComparesSellers"/>).
/// </remarks>
public sealed class Backtest
{
    /// <summary>
    /// Sellers replayed at once by default: each batch's events and facts are held and walked on every day of the
    /// range, and a small batch's stay in the caches and out of the collector's older generations
    /// (docs/performance.md, "Backtests in small batches"). The result does not depend on it.
    /// </summary>
    public const int DefaultBatch = 100;

    private readonly Dictionary<string, FateChange> _changes = new(StringComparer.Ordinal);
    private readonly PolicyEvaluator _baseline;
    private readonly PolicyEvaluator _candidate;

    public Backtest(Policy baseline, Policy candidate, IReadOnlyList<LocalDate> days)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        Days = days;
        Baseline = new BacktestSide(baseline, days);
        Candidate = new BacktestSide(candidate, days);
        _baseline = new PolicyEvaluator(baseline);
        _candidate = new PolicyEvaluator(candidate);
        ComparesSellers = _baseline.ComparesSellers || _candidate.ComparesSellers;
        MeasuresOnce = !ComparesSellers && _baseline.MeasuresAlike(_candidate);
    }

    public IReadOnlyList<LocalDate> Days { get; }
    public BacktestSide Baseline { get; }
    public BacktestSide Candidate { get; }

    /// <summary>One of the rule sets judges sellers against each other: replay every seller as one batch.</summary>
    public bool ComparesSellers { get; }

    /// <summary>
    /// The two rule sets measure alike (<see cref="MeasuredAlike"/>: only their standards, rules and enforcement
    /// differ): on a day both start at the same instant, each seller is measured once and each rule set judges that
    /// measurement. Otherwise each rule set measures for itself.
    /// </summary>
    public bool MeasuresOnce { get; }

    /// <summary>The sellers whose fate differs, by first day then seller.</summary>
    public IReadOnlyList<FateChange> Changes =>
        _changes.Values.OrderBy(c => c.Day).ThenBy(c => c.Seller, StringComparer.Ordinal).ToList();

    /// <summary>Every seller either rule set took an action against, with each one's first day, by seller.</summary>
    public IReadOnlyList<FirstActions> FirstActions =>
        Baseline.FirstAction.Keys.Union(Candidate.FirstAction.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(s => new FirstActions(s, Baseline.FirstAction.TryGetValue(s, out var b) ? b : null, Candidate.FirstAction.TryGetValue(s, out var c) ? c : null))
            .ToList();

    /// <summary>
    /// Replays every day for one batch of sellers. <paramref name="factsAsOf"/> gives the batch's facts as
    /// known before an instant (sellers with no event before it left out), in seller order. It is asked for
    /// rising instants, and each answer is used before the next question, so it may be an
    /// <see cref="IncrementalFold"/> that updates the last answer's facts in place.
    /// </summary>
    public void Replay(Func<Instant, IReadOnlyList<SellerFacts>> factsAsOf, IReadOnlyDictionary<string, List<Dispute>> disputes) =>
        Replay(factsAsOf, disputes, alone: false);

    /// <summary>
    /// Replays many batches of sellers, as many at once as <paramref name="maxParallelism"/> (every core by default):
    /// each worker thread replays one batch after another, every day of each on that thread alone, into cases and
    /// counts of its own, and adds them to this backtest's when no batch is left. A seller's cases depend on its own
    /// facts only and a day's counts are sums, so the result is the one of <see cref="Replay(Func{Instant, IReadOnlyList{SellerFacts}}, IReadOnlyDictionary{string, List{Dispute}})"/>
    /// called for each batch in turn, in any order. Why: a thread per batch for the whole range instead of parallel
    /// loops started on every day of every batch (a thousand batches of 100 sellers start some half a million loops
    /// over 90 days, and the threads woken for each cost a third of the CPU in system time: docs/performance.md,
    /// "A backtest's batches replayed a core each"). <paramref name="open"/> gives a batch's facts as <see cref="Replay(Func{Instant, IReadOnlyList{SellerFacts}}, IReadOnlyDictionary{string, List{Dispute}})"/>
    /// asks for them; it is called on the worker threads, more than one at a time. A standard that compares sellers
    /// needs them all on each day: its batches are replayed one after another, each with its loops over the sellers.
    /// </summary>
    public void ReplayBatches<TBatch>(IEnumerable<TBatch> batches, Func<TBatch, Func<Instant, IReadOnlyList<SellerFacts>>> open,
        IReadOnlyDictionary<string, List<Dispute>> disputes, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(open);
        if (ComparesSellers || maxParallelism == 1)
        {
            foreach (var batch in batches) Replay(open(batch), disputes);
            return;
        }
        var merging = new object();
        // One batch at a time to each worker (no buffering): the last batches are shared out evenly.
        try
        {
            ReplayEach();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // What a worker threw, as the sequential replay throws it: the command reports a store's failure by its
            // type (a database error, an unreadable log), which a wrapper would turn into a crash.
            ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
        }

        void ReplayEach() => Parallel.ForEach(Partitioner.Create(batches, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism < 1 ? Environment.ProcessorCount : maxParallelism },
            () => new Backtest(Baseline.Policy, Candidate.Policy, Days),
            (batch, _, shard) =>
            {
                shard.Replay(open(batch), disputes, alone: true);
                return shard;
            },
            shard =>
            {
                lock (merging) Add(shard);
            });
    }

    /// <summary>Adds what another backtest of the same rule sets and days replayed for other sellers.</summary>
    private void Add(Backtest other)
    {
        Baseline.Add(other.Baseline);
        Candidate.Add(other.Candidate);
        foreach (var (seller, change) in other._changes) _changes.Add(seller, change);
    }

    /// <param name="alone">Step the batch on the calling thread only: no parallel loop, no second task (the caller runs a batch per core).</param>
    private void Replay(Func<Instant, IReadOnlyList<SellerFacts>> factsAsOf, IReadOnlyDictionary<string, List<Dispute>> disputes, bool alone)
    {
        ArgumentNullException.ThrowIfNull(factsAsOf);
        var parallelism = alone ? 1 : -1;
        for (var d = 0; d < Days.Count; d++)
        {
            Dictionary<string, Judged> baseline, candidate;
            if (Candidate.AsOfs[d] == Baseline.AsOfs[d])
            {
                // One as-of: the two sides share the day's facts and nothing else (each keeps its own cases
                // and counts), so they are stepped at once, the candidate beside the baseline. Each side's
                // result is the same whichever finishes first; they meet in Compare.
                var facts = factsAsOf(Baseline.AsOfs[d]);
                var (measuredBaseline, measuredCandidate) = MeasuresOnce ? _baseline.EvaluateAlike(_candidate, facts, Baseline.AsOfs[d], parallelism) : (null, null);
                var events = Baseline.Machine is not null || Candidate.Machine is not null ? MachineEventsOf(facts) : null;
                if (alone)
                {
                    baseline = Step(Baseline, d, facts, disputes, parallelism, events, measuredBaseline);
                    candidate = Step(Candidate, d, facts, disputes, parallelism, events, measuredCandidate);
                }
                else
                {
                    var day = d;
                    var beside = Task.Run(() => Step(Candidate, day, facts, disputes, parallelism, events, measuredCandidate));
                    baseline = Step(Baseline, d, facts, disputes, parallelism, events, measuredBaseline);
                    candidate = beside.GetAwaiter().GetResult();
                }
            }
            else if (Baseline.AsOfs[d] < Candidate.AsOfs[d])
            {
                // Rule sets in two time zones: the earlier as-of first (the sides keep separate cases).
                baseline = Step(Baseline, d, factsAsOf(Baseline.AsOfs[d]), disputes, parallelism);
                candidate = Step(Candidate, d, factsAsOf(Candidate.AsOfs[d]), disputes, parallelism);
            }
            else
            {
                candidate = Step(Candidate, d, factsAsOf(Candidate.AsOfs[d]), disputes, parallelism);
                baseline = Step(Baseline, d, factsAsOf(Baseline.AsOfs[d]), disputes, parallelism);
            }
            Compare(d, baseline, candidate);
        }
    }

    private sealed record Judged(string[] Fate, SellerEvaluation Evaluation);

    /// <summary>The events each seller's machine reads, rebuilt from its facts: once per as-of, shared by the sides (only read).</summary>
    private static Dictionary<string, List<StandingEvent>> MachineEventsOf(IReadOnlyList<SellerFacts> facts) =>
        facts.ToDictionary(f => f.Seller, MachineEvents.Of, StringComparer.Ordinal);

    /// <summary>A shared measurement's evaluation by seller, refused when it is of another policy or as-of.</summary>
    private static Dictionary<string, SellerEvaluation> CheckedBySeller(PolicyEvaluation evaluated, Policy policy, Instant asOf) =>
        ReferenceEquals(evaluated.Policy, policy) && evaluated.AsOf == asOf
            ? evaluated.Sellers.ToDictionary(s => s.Seller, StringComparer.Ordinal)
            : throw new ArgumentException("the evaluation given is of another policy or as-of", nameof(evaluated));

    private Dictionary<string, Judged> Step(BacktestSide side, int d, IReadOnlyList<SellerFacts> facts, IReadOnlyDictionary<string, List<Dispute>> disputes,
        int maxParallelism, Dictionary<string, List<StandingEvent>>? events = null, PolicyEvaluation? evaluated = null)
    {
        var asOf = side.AsOfs[d];
        var day = side.Days[d];
        day.Sellers += facts.Count;
        var judged = new Dictionary<string, Judged>(facts.Count, StringComparer.Ordinal);
        if (side.Machine is { } machine)
        {
            var seen = new SellerEvaluation[facts.Count];
            events ??= MachineEventsOf(facts);
            var books = EnforcementRun.Advance(side.Policy, machine, asOf, facts, events, side.Cases, disputes, d == 0 ? null : side.AsOfs[d - 1], seen: seen,
                evaluated: evaluated is null ? null : CheckedBySeller(evaluated, side.Policy, asOf), maxParallelism: maxParallelism);
            foreach (var book in books)
            {
                if (!side.Cases.TryGetValue(book.Seller, out var cases)) side.Cases[book.Seller] = cases = [];
                foreach (var changed in book.ChangedCases)
                {
                    var at = cases.FindIndex(c => c.Id == changed.Id);
                    if (at >= 0) cases[at] = changed;
                    else cases.Add(changed);
                }
                foreach (var entry in book.AuditEntries)
                {
                    if (entry.Action == "opened") BacktestDay.Add(day.Taken, BacktestActions.Of(book.Find(entry.CaseId)!.Kind));
                }
            }
            for (var i = 0; i < facts.Count; i++)
            {
                var seller = facts[i].Seller;
                var fate = side.Cases.TryGetValue(seller, out var cases)
                    ? cases.Where(c => c.IsOpen).Select(c => BacktestActions.Of(c.Kind)).Distinct().Order(StringComparer.Ordinal).ToArray()
                    : [];
                judged[seller] = new Judged(fate, seen[i]);
            }
        }
        else
        {
            // Evaluated and reported only: an outcome triggered stands for the action it names.
            foreach (var e in (evaluated ?? new PolicyEvaluator(side.Policy).Evaluate(facts, asOf, maxParallelism: maxParallelism)).Sellers)
            {
                var fate = e.Outcomes.Where(o => o.Triggered).Select(o => o.Outcome).Distinct().Order(StringComparer.Ordinal).ToArray();
                var before = side.Previous.GetValueOrDefault(e.Seller) ?? [];
                foreach (var o in fate.Except(before, StringComparer.Ordinal)) BacktestDay.Add(day.Taken, o);
                side.Previous[e.Seller] = fate;
                judged[e.Seller] = new Judged(fate, e);
            }
        }
        foreach (var (seller, j) in judged)
        {
            BacktestDay.Add(day.Statuses, Worst(j.Evaluation).Wire());
            foreach (var action in j.Fate) BacktestDay.Add(day.Under, action);
            if (j.Fate.Any(a => !BacktestActions.IsAward(a))) side.FirstAction.TryAdd(seller, Days[d]);
        }
        return judged;
    }

    private void Compare(int d, Dictionary<string, Judged> baseline, Dictionary<string, Judged> candidate)
    {
        foreach (var seller in baseline.Keys.Union(candidate.Keys, StringComparer.Ordinal))
        {
            var b = baseline.GetValueOrDefault(seller);
            var c = candidate.GetValueOrDefault(seller);
            var bFate = b?.Fate ?? [];
            var cFate = c?.Fate ?? [];
            if (bFate.SequenceEqual(cFate, StringComparer.Ordinal)) continue;
            if (_changes.TryGetValue(seller, out var known))
            {
                known.DaysDiffering++;
                continue;
            }
            _changes[seller] = new FateChange(seller, Days[d], Text(bFate), Text(cFate), Reason(b?.Evaluation, c?.Evaluation)) { DaysDiffering = 1 };
        }
    }

    private static string Text(string[] fate) => fate.Length == 0 ? "none" : string.Join("+", fate);

    /// <summary>Why two verdicts on one seller differ: each rule whose outcome differs, with both reasons.</summary>
    private static string Reason(SellerEvaluation? baseline, SellerEvaluation? candidate)
    {
        if (baseline is null || candidate is null)
            return $"known only to the {(baseline is null ? "candidate" : "baseline")} on this day (the two rule sets' days start in different time zones)";
        static string Verdict(RuleVerdict v) => $"{(v.Triggered ? "triggered" : "not triggered")}: {v.Reason}";
        var parts = new List<string>();
        foreach (var c in candidate.Outcomes)
        {
            var b = baseline.Outcomes.FirstOrDefault(o => o.Id == c.Id);
            if (b is null) parts.Add($"{c.Id} only in the candidate, {Verdict(c)}");
            else if (b.Triggered != c.Triggered) parts.Add($"{c.Id} baseline {Verdict(b)}; candidate {Verdict(c)}");
        }
        foreach (var b in baseline.Outcomes.Where(b => candidate.Outcomes.All(c => c.Id != b.Id)))
            parts.Add($"{b.Id} only in the baseline, {Verdict(b)}");
        if (parts.Count > 0) return string.Join(" | ", parts);
        var metrics = candidate.Metrics
            .Select(c => (c, b: baseline.Metric(c.Id)))
            .Where(p => p.b is not null && p.b.Status != p.c.Status)
            .Select(p => $"{p.c.Id} baseline {p.b!.Status.Wire()}, candidate {p.c.Status.Wire()}")
            .ToList();
        return "the rules agree on this day; the cases differ by what earlier days opened or closed" +
            (metrics.Count > 0 ? " (" + string.Join("; ", metrics) + ")" : "");
    }

    /// <summary>A seller's status: its worst metric's (breach, then at risk, then good, then insufficient data).</summary>
    public static MetricStatus Worst(SellerEvaluation seller)
    {
        ArgumentNullException.ThrowIfNull(seller);
        return seller.Metrics.Count == 0 ? MetricStatus.InsufficientData : seller.Metrics.Select(m => m.Status).MinBy(Rank);
    }

    private static int Rank(MetricStatus status) => status switch
    {
        MetricStatus.Breach => 0,
        MetricStatus.AtRisk => 1,
        MetricStatus.Good => 2,
        _ => 3,
    };
}
