using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Server.Jobs;

/// <summary>
/// One standard at a glance, for the staff overview: how many sellers stand where, how a metric is
/// spread across them against its threshold, the worst sellers (in breach or at risk, worst first), and
/// what the latest daily run did.
/// </summary>
public sealed record StandardOverview(
    Policy Policy,
    Instant AsOf,
    IReadOnlyDictionary<MetricStatus, int> Counts,
    IReadOnlyList<MetricHistogram> Histograms,
    IReadOnlyList<SellerEvaluation> Worst,
    Instant? LatestRun,
    IReadOnlyList<AuditEntry> RunActions,
    int RunActionCount)
{
    /// <summary>The store's log position the sellers' figures are of, and whether it is the current one.</summary>
    public Web.Staff.FiguresAsOf Figures { get; init; } = new(0, true);

    public const int WorstShown = 10;

    /// <summary>At most this many of the run's actions are read and shown (the rest are in the cases queue).</summary>
    public const int ActionsShown = 200;

    public int Sellers => Counts.Values.Sum();

    /// <summary>
    /// The overview of the sellers' summary and of the policy's recorded runs; <paramref name="actionsBetween"/>
    /// gives the first <see cref="ActionsShown"/> actions after one run and up to the next, and how many there are.
    /// </summary>
    private static StandardOverview Of(Policy policy, Instant asOf, SellersSummary sellers, IReadOnlyList<Instant> runs,
        Func<Instant?, Instant, (IReadOnlyList<AuditEntry> First, int Total)> actionsBetween)
    {
        var done = runs.Where(r => r <= asOf).Order().ToList();
        Instant? latest = done.Count > 0 ? done[^1] : null;
        Instant? previous = done.Count > 1 ? done[^2] : null;
        var (actions, total) = latest is { } at ? actionsBetween(previous, at) : ([], 0);
        return new StandardOverview(policy, asOf, sellers.Counts, sellers.Histograms, sellers.Worst, latest, actions, total);
    }

    /// <summary>Reads the overview of a policy from the store as of an instant, with the current figures (awaited).</summary>
    public static StandardOverview Read(StoreAccess access, Policy policy, Instant asOf) => Read(access, policy, asOf, Timeout.InfiniteTimeSpan, large: false)!;

    /// <summary>
    /// Reads the overview of a policy from the store as of an instant. The sellers' figures are the current ones
    /// when they are ready within <paramref name="wait"/>, else the last ones, saying so (<see cref="Evaluations.RecentSummary"/>);
    /// null on a <paramref name="large"/> store that has none yet (their computation started).
    /// </summary>
    public static StandardOverview? Read(StoreAccess access, Policy policy, Instant asOf, TimeSpan wait, bool large)
    {
        // Kept with every seller's evaluation (the same log position and disputes): a view reads no seller's result.
        var shown = Evaluations.RecentSummary(access, policy, asOf, new SummaryKey(policy.Id, asOf), SellersSummary.Of, s => s.Counts.Values.Sum(), wait, large);
        if (shown is null) return null;
        using var store = access.Enforcement();
        var runs = store.AllRuns().Where(r => r.Policy == policy.Id).Select(r => r.AsOf).ToList();
        // The store selects, counts and orders the run's actions: the cases are not read one by one. Counting and
        // ordering every rule action of a standard takes a quarter of a second for Mall's at 100,000 sellers: they are
        // kept while the store is the same file (its data version), which no view changes.
        return Of(policy, asOf, shown.Value, runs, (after, upTo) => RunActionsOf(access, store, policy, after, upTo)) with
        {
            Figures = Web.Staff.FiguresAsOf.Of(shown),
        };
    }

    private sealed record SummaryKey(string Policy, Instant AsOf);

    private sealed record RunActionsKey(string Policy, Instant? After, Instant UpTo);

    private sealed record RuleActionsRead(IReadOnlyList<AuditEntry> First, int Total);

    private static (IReadOnlyList<AuditEntry> First, int Total) RunActionsOf(StoreAccess access, EnforcementStore store, Policy policy, Instant? after, Instant upTo)
    {
        // The version read before the store: what the store gives is at least as new as the version it is kept under.
        if (access.DataVersion() is not { } version) return store.RuleActions(policy.Id, after, upTo, ActionsShown);
        var kept = access.Kept(new RunActionsKey(policy.Id, after, upTo), policy, version, [],
            () =>
            {
                var (first, total) = store.RuleActions(policy.Id, after, upTo, ActionsShown);
                return new RuleActionsRead(first, total);
            },
            () => access.DataVersion() ?? -1);
        return (kept.First, kept.Total);
    }

    /// <summary>What the overview shows of every seller's line: how many stand where, each metric's histogram, the worst.</summary>
    private sealed record SellersSummary(IReadOnlyDictionary<MetricStatus, int> Counts, IReadOnlyList<MetricHistogram> Histograms, IReadOnlyList<SellerEvaluation> Worst)
        : KeptResults.ISummary
    {
        /// <summary>Kept at the size of the worst sellers it holds, not of every seller it counts.</summary>
        public int Held => Worst.Count;

        public static SellersSummary Of(SellerLines lines)
        {
            var counts = SellerStatus.WorstFirst.ToDictionary(s => s, _ => 0);
            var statuses = new MetricStatus[lines.Count];
            for (var i = 0; i < lines.Count; i++) counts[statuses[i] = lines.Status(i)]++;
            var histograms = lines.Policy.Metrics.Select(m => MetricHistogram.Of(m, Enumerable.Range(0, lines.Count).Select(i => lines.ValueOf(i, m.Id)))).ToList();
            var first = lines.Policy.Metrics.Count > 0 ? lines.Policy.Metrics[0] : null;
            var worst = Enumerable.Range(0, lines.Count)
                .Where(i => statuses[i] is MetricStatus.Breach or MetricStatus.AtRisk)
                .OrderBy(i => SellerStatus.Rank(statuses[i]))
                .ThenBy(i => i, Comparer<int>.Create((a, b) => first is null ? 0
                    : SellerStatus.CompareWorseFirst(lines.ValueOf(a, first.Id).Value, lines.ValueOf(b, first.Id).Value, first.Standard?.Direction ?? Direction.LowerIsBetter)))
                .ThenBy(lines.Seller, StringComparer.Ordinal)
                .Take(WorstShown)
                .Select(lines.Shown)
                .ToList();
            return new SellersSummary(counts, histograms, worst);
        }
    }
}

/// <summary>How many sellers' values of one metric fall in each of equal-width bins, and the metric's threshold.</summary>
public sealed record MetricHistogram(MetricDefinition Metric, IReadOnlyList<HistogramBin> Bins, double? Threshold, int Measured)
{
    public const int BinCount = 20;

    public static MetricHistogram Of(MetricDefinition metric, IReadOnlyList<SellerEvaluation> sellers)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(sellers);
        return Of(metric, sellers.Select(s => s.Metric(metric.Id) is { } m ? (m.Value, (MetricStatus?)m.Status) : (null, null)));
    }

    /// <summary>The histogram of each seller's value and status of <paramref name="metric"/> (both null: the seller has no result of it).</summary>
    public static MetricHistogram Of(MetricDefinition metric, IEnumerable<(double? Value, MetricStatus? Status)> sellers)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var values = sellers
            .Where(m => m.Value is { } v && m.Status is { } status && status != MetricStatus.InsufficientData && double.IsFinite(v))
            .Select(m => m.Value!.Value).ToList();
        double? threshold = metric.Standard is { Peer: null } st && double.IsFinite(st.Threshold) ? st.Threshold : null;
        if (values.Count == 0) return new MetricHistogram(metric, [], threshold, 0);
        // The axis spans every value and the threshold; rates and shares start at 0.
        var low = Math.Min(values.Min(), threshold ?? double.MaxValue);
        var high = Math.Max(values.Max(), threshold ?? double.MinValue);
        if (metric.Unit is "ratio" && low > 0) low = 0;
        if (high <= low) high = low + 1;
        // Edges as low + span·i/n, so that a round value (0.3 on a 0–0.5 axis) is an edge exactly and starts its bin.
        var edges = Enumerable.Range(0, BinCount + 1).Select(i => i == BinCount ? high : low + (high - low) * i / BinCount).ToArray();
        var counts = new int[BinCount];
        foreach (var v in values)
        {
            var i = Math.Clamp((int)((v - low) * BinCount / (high - low)), 0, BinCount - 1);
            while (i > 0 && v < edges[i]) i--;
            while (i < BinCount - 1 && v >= edges[i + 1]) i++;
            counts[i]++;
        }
        var bins = Enumerable.Range(0, BinCount).Select(i => new HistogramBin(edges[i], edges[i + 1], counts[i])).ToList();
        return new MetricHistogram(metric, bins, threshold, values.Count);
    }
}

/// <summary>Sellers whose value is in [From, To) (the last bin includes To).</summary>
public sealed record HistogramBin(double From, double To, int Sellers);
