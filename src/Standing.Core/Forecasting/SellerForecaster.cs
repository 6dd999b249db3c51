using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Forecasting;

/// <summary>
/// Forecasts a seller's metrics from its facts as of an instant T (pure: the clock is never read). Day k
/// of the forecast is T's local time k days later in the policy's zone. On each day the metric counts
/// the items known at T that are in that day's window, with their outcomes as known at T (an item pending
/// at T stays out: nothing new goes wrong), plus new good items at the volume of now: floor(d × m / W)
/// items, where d is the denominator now, W the days of the window now and m the days of [T, day k) inside
/// day k's window. A guarded rate is judged as its evaluation judges it (docs/foresight.md): now, on
/// each day and in its error budget, through its Wilson interval, or on its beta-binomial posterior with
/// the prior fitted on every seller now (given by the seller's evaluation).
/// </summary>
public sealed class SellerForecaster
{
    /// <summary>The longest forecast asked for, in days (ten years).</summary>
    public const int MaxDays = 3_660;

    private readonly Policy _policy;

    /// <summary>Each metric's calculator but scores', compiled once: a forecaster may be kept per policy and used by many threads at once.</summary>
    private readonly Dictionary<string, MetricCalculator> _calculators = new(StringComparer.Ordinal);

    public SellerForecaster(Policy policy)
    {
        _policy = policy;
        foreach (var metric in policy.Metrics)
        {
            if (metric.Kind != MetricKind.Score) _calculators.TryAdd(metric.Id, MetricCalculator.For(metric));
        }
    }

    /// <param name="metric">only this metric (its id); every metric when null</param>
    /// <param name="days">the horizon; by default each metric's next cycle, the days until every item counted now has left its window</param>
    /// <param name="evaluation">the seller's evaluation as of the same instant: the beta-binomial priors, fitted on every seller
    /// (without it such a guard cannot be applied, and the forecast says so)</param>
    public SellerForecast Forecast(SellerFacts facts, Instant asOf, string? metric = null, int? days = null, SellerEvaluation? evaluation = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (days is < 1 or > MaxDays) throw new ArgumentOutOfRangeException(nameof(days), days, $"a forecast spans 1 to {MaxDays} days");
        var forecasts = _policy.Metrics.Where(m => metric is null || m.Id == metric).Select(m => ForecastMetric(m, facts, asOf, days, PriorOf(m, evaluation))).ToList();
        return new SellerForecast(facts.Seller, asOf, forecasts.Count == 0 ? days ?? 0 : forecasts.Max(f => f.Days.Count), forecasts);
    }

    /// <summary>The beta prior the evaluation fitted for a beta-binomial guard of this metric, if any.</summary>
    private static (double Alpha, double Beta)? PriorOf(MetricDefinition definition, SellerEvaluation? evaluation) =>
        definition.Standard?.Guard?.Method == GuardMethod.BetaBinomial && evaluation?.Metric(definition.Id)?.Guard is { PriorAlpha: { } alpha, PriorBeta: { } beta }
            ? (alpha, beta)
            : null;

    /// <summary>The metric now as its evaluation judges it: through its guard.</summary>
    private static MetricResult Guarded(MetricResult raw, (double Alpha, double Beta)? prior) =>
        raw.Definition.Standard?.Guard?.Method switch
        {
            GuardMethod.Wilson => Guards.Wilson(raw),
            GuardMethod.BetaBinomial when prior is { } p => Guards.WithPrior(raw, p.Alpha, p.Beta),
            _ => raw,
        };

    private MetricForecast ForecastMetric(MetricDefinition definition, SellerFacts facts, Instant asOf, int? days, (double Alpha, double Beta)? prior)
    {
        var calendar = _policy.Calendar;
        if (definition.Kind == MetricKind.Score)
        {
            return new MetricForecast { Now = new MetricResult { Definition = definition, Status = MetricStatus.InsufficientData }, NotForecast = "a score: forecast its components" };
        }
        var now = Guarded(Calculator(definition).Compute(facts, asOf, calendar, explain: false), prior);
        if (definition.Standard?.Guard?.Method == GuardMethod.BetaBinomial && prior is null)
        {
            return new MetricForecast { Now = now, NotForecast = "a beta-binomial guard judges on a prior fitted on every seller, which this forecast was not given" };
        }
        if (definition.Standard?.Peer is not null) return new MetricForecast { Now = now, NotForecast = "judged against the other sellers: their future is not forecast" };
        if (definition.Window is LifetimeWindow) return new MetricForecast { Now = now, NotForecast = "a lifetime window: nothing leaves it", Budget = ErrorBudgets.Of(now, prior) };

        var local = calendar.ToLocal(asOf);
        var horizon = days ?? DefaultDays(now.Window, local, calendar);
        var windowDays = LocalDays(now.Window, calendar);
        var volume = windowDays > 0 ? now.Denominator / windowDays : 0;
        var adaptive = definition.Window as AdaptiveWindow;
        var specs = adaptive is null ? [definition.Window] : new WindowSpec[] { adaptive.Base, adaptive.Extended };

        // Day by day: each window, and the span they all cover with the window of now.
        var at = new Instant[horizon + 1];
        var windows = new TimeWindow[specs.Length][];
        for (var s = 0; s < specs.Length; s++) windows[s] = new TimeWindow[horizon + 1];
        for (var k = 0; k <= horizon; k++)
        {
            at[k] = calendar.ToInstant(local.PlusDays(k));
            for (var s = 0; s < specs.Length; s++) windows[s][k] = specs[s].Resolve(at[k], calendar);
        }
        var span = Span(windows.SelectMany(w => w).Append(now.Window));
        var known = Known(definition, facts, asOf, span);
        // The items counted now: those known in the window used now (the span holds it).
        var countedNow = known.Items.Where(i => now.Window.Contains(i.At!.Value)).ToList();

        var forecastDays = new List<ForecastDay>(horizon);
        for (var k = 1; k <= horizon; k++)
        {
            var s = 0;
            if (adaptive is not null)
            {
                var baseCount = known.Count(windows[0][k]).Denominator + Assumed(now.Denominator, windowDays, asOf, windows[0][k], at[k], calendar);
                s = baseCount >= adaptive.WhenFewerThan ? 0 : 1;
            }
            var window = windows[s][k];
            var assumed = Assumed(now.Denominator, windowDays, asOf, window, at[k], calendar);
            var day = Project(definition, known, facts, window, at[k], asOf, assumed, prior) with { Date = local.Date.PlusDays(k) };
            forecastDays.Add(adaptive is null ? day : day with { Extended = s == 1 });
        }
        return new MetricForecast
        {
            Now = now,
            DailyVolume = definition.Kind is MetricKind.Count or MetricKind.MeanDuration ? 0 : volume,
            Leaving = Leaving(countedNow, forecastDays, definition),
            Days = forecastDays,
            Recovery = RecoveryOf(now, forecastDays),
            Budget = ErrorBudgets.Of(now, prior),
        };
    }

    private MetricCalculator Calculator(MetricDefinition definition) =>
        _calculators.TryGetValue(definition.Id, out var calculator) && ReferenceEquals(calculator.Definition, definition)
            ? calculator
            : MetricCalculator.For(definition); // a definition that is not the policy's own (none today): compiled for the call

    /// <summary>The next cycle: the days from the start of the window now to as-of (a rolling window's days and lag).</summary>
    private static int DefaultDays(TimeWindow window, LocalDateTime asOf, Calendars.BusinessCalendar calendar)
    {
        var start = calendar.ToLocal(window.Start!.Value);
        var days = Period.Between(start.Date, asOf.Date, PeriodUnits.Days).Days + (asOf.TimeOfDay > start.TimeOfDay ? 1 : 0);
        return Math.Clamp(days, 1, MaxDays);
    }

    /// <summary>The window's length in days of the local calendar (a DST day counts as one).</summary>
    private static double LocalDays(TimeWindow window, Calendars.BusinessCalendar calendar) =>
        window.Start is { } start ? (Linear(calendar.ToLocal(window.End)) - Linear(calendar.ToLocal(start))).TotalDays : 0;

    private static Instant Linear(LocalDateTime local) => local.InUtc().ToInstant();

    /// <summary>New good items in <paramref name="window"/> on the day at <paramref name="day"/>: floor(d × m / W), m the local days of [as-of, day) inside the window.</summary>
    private static long Assumed(long denominator, double windowDays, Instant asOf, TimeWindow window, Instant day, Calendars.BusinessCalendar calendar)
    {
        if (windowDays <= 0 || denominator == 0) return 0;
        var from = window.Start is { } s && s > asOf ? s : asOf;
        var to = window.End < day ? window.End : day;
        if (to <= from) return 0;
        var overlap = (Linear(calendar.ToLocal(to)) - Linear(calendar.ToLocal(from))).TotalDays;
        return (long)Math.Floor((denominator * overlap / windowDays) + 1e-9);
    }

    private static TimeWindow Span(IEnumerable<TimeWindow> windows)
    {
        Instant? start = null;
        var end = Instant.MinValue;
        var any = false;
        foreach (var w in windows)
        {
            start = !any ? w.Start : start is { } s && w.Start is { } ws ? (ws < s ? ws : s) : null;
            if (w.End > end) end = w.End;
            any = true;
        }
        return new TimeWindow(start, end);
    }

    /// <summary>Every item any day may count, with its role as known at as-of, measured once over the whole span.</summary>
    private KnownItems Known(MetricDefinition definition, SellerFacts facts, Instant asOf, TimeWindow span)
    {
        var whole = Calculator(definition).Over(new ForecastSpan(span));
        var items = whole.Compute(facts, asOf, asOf, _policy.Calendar, ItemDetail.Listed).Items;
        return new KnownItems(definition.Kind, items.Where(i => i.At is not null && i.Role is ItemRole.Numerator or ItemRole.Denominator).ToArray());
    }

    private ForecastDay Project(MetricDefinition definition, KnownItems known, SellerFacts facts, TimeWindow window, Instant at, Instant asOf, long assumed, (double Alpha, double Beta)? prior)
    {
        long numerator, denominator;
        double? value;
        if (definition.Kind == MetricKind.MeanDuration)
        {
            // Durations are not kept per item: measure the window of that day, outcomes as known at as-of.
            var measured = Calculator(definition).Over(new ForecastSpan(window)).Compute(facts, at, asOf, _policy.Calendar, ItemDetail.None);
            (numerator, denominator, value, assumed) = (0, measured.Denominator, measured.Value, 0);
        }
        else
        {
            (numerator, denominator) = known.Count(window);
            if (definition.Kind == MetricKind.Count) assumed = 0;
            var higher = definition.Standard?.Direction == Direction.HigherIsBetter;
            if (higher) numerator += assumed;
            denominator += assumed;
            value = definition.Kind == MetricKind.Count ? numerator : denominator == 0 ? null : (double)numerator / denominator;
        }
        var status = definition.Standard is { } standard
            ? Guards.Judge(standard, numerator, denominator, standard.Judge(value, denominator, numerator), prior)
            : value is null ? MetricStatus.InsufficientData : MetricStatus.Good;
        return new ForecastDay(default, at, window, value, numerator, denominator, assumed, status);
    }

    /// <summary>The items counted now, by the first day they are out of that day's window.</summary>
    private static IReadOnlyList<LeavingDay> Leaving(IReadOnlyList<MetricItem> counted, IReadOnlyList<ForecastDay> days, MetricDefinition definition)
    {
        var defect = definition.Kind == MetricKind.Ratio || definition.Standard?.Direction != Direction.HigherIsBetter ? ItemRole.Numerator : ItemRole.Denominator;
        var countsDefects = definition.Kind != MetricKind.MeanDuration;
        // The items still in every day's window so far, in their order: each day keeps those it contains.
        var staying = new int[counted.Count];
        var at = new Instant[counted.Count];
        for (var i = 0; i < staying.Length; i++) (staying[i], at[i]) = (i, counted[i].At!.Value);
        var left = staying.Length;
        var leaving = new List<LeavingDay>();
        foreach (var day in days)
        {
            if (left == 0) break;
            var window = day.Window;
            var kept = 0;
            var items = 0;
            List<string>? defects = null;
            for (var k = 0; k < left; k++)
            {
                var i = staying[k];
                if (window.Contains(at[i]))
                {
                    staying[kept++] = i;
                    continue;
                }
                items++;
                if (countsDefects && counted[i].Role == defect) (defects ??= []).Add(counted[i].Id);
            }
            left = kept;
            if (items > 0) leaving.Add(new LeavingDay(day.Date, items, defects ?? []));
        }
        return leaving;
    }

    private static Recovery RecoveryOf(MetricResult now, IReadOnlyList<ForecastDay> days)
    {
        if (now.Status == MetricStatus.Good) return new Recovery(RecoveryKind.AlreadyGood, null, 0);
        if (now.Status == MetricStatus.InsufficientData) return new Recovery(RecoveryKind.InsufficientData, null, null);
        for (var k = 0; k < days.Count; k++)
        {
            if (days[k].Status == MetricStatus.Good) return new Recovery(RecoveryKind.Recovers, days[k].Date, k + 1);
        }
        return new Recovery(RecoveryKind.NotWithinHorizon, null, null);
    }

    /// <summary>The items known at as-of with their attribution instants, counted per window.</summary>
    private sealed class KnownItems
    {
        private readonly Instant[] _at;
        private readonly bool[] _numerator;
        private readonly bool[] _denominator;

        public KnownItems(MetricKind kind, IReadOnlyList<MetricItem> items)
        {
            Items = items;
            _at = new Instant[items.Count];
            _numerator = new bool[items.Count];
            _denominator = new bool[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                _at[i] = items[i].At!.Value;
                _numerator[i] = items[i].Role == ItemRole.Numerator;
                // A ratio's denominator items are its own side; a rate's numerator items are in its denominator too.
                _denominator[i] = items[i].Role == ItemRole.Denominator || kind != MetricKind.Ratio;
            }
        }

        public IReadOnlyList<MetricItem> Items { get; }

        public (long Numerator, long Denominator) Count(TimeWindow window)
        {
            long numerator = 0, denominator = 0;
            for (var i = 0; i < _at.Length; i++)
            {
                if (!window.Contains(_at[i])) continue;
                if (_numerator[i]) numerator++;
                if (_denominator[i]) denominator++;
            }
            return (numerator, denominator);
        }
    }
}
