using NodaTime;
using Standing.Core.Metrics;

namespace Standing.Core.Forecasting;

/// <summary>One seller's forecast under one policy as of an instant: one entry per metric asked for.</summary>
public sealed record SellerForecast(string Seller, Instant AsOf, int Days, IReadOnlyList<MetricForecast> Metrics);

/// <summary>
/// One metric's forecast: the value now, the days on which the items counted now leave the window, the
/// value on each of the next days if nothing new goes wrong and volume stays as it was, the time to
/// recovery and the error budget. <see cref="NotForecast"/> says why a metric has none (a score, a peer
/// standard); its other lists are then empty.
/// </summary>
public sealed record MetricForecast
{
    public required MetricResult Now { get; init; }
    public string Id => Now.Id;
    /// <summary>Items of the metric's denominator per day in the window now (denominator / the window's days); 0 when not assumed.</summary>
    public double DailyVolume { get; init; }
    public IReadOnlyList<LeavingDay> Leaving { get; init; } = [];
    public IReadOnlyList<ForecastDay> Days { get; init; } = [];
    public Recovery Recovery { get; init; } = new(RecoveryKind.NotForecast, null, null);
    public ErrorBudget Budget { get; init; } = new(null, "not forecast");
    public string? NotForecast { get; init; }
}

/// <summary>The items counted now that are out of the window from <see cref="Date"/> on, and which of them are defects.</summary>
public sealed record LeavingDay(LocalDate Date, int Items, IReadOnlyList<string> Defects);

/// <summary>
/// The metric as of the start of <see cref="Date"/> (the as-of's local time on that day): the items known
/// now that are in its window, plus <see cref="Assumed"/> new good items at the volume of now.
/// </summary>
public sealed record ForecastDay(LocalDate Date, Instant At, TimeWindow Window, double? Value, long Numerator, long Denominator, long Assumed, MetricStatus Status)
{
    /// <summary>A volume-adaptive window: whether the extended window is the one used that day.</summary>
    public bool? Extended { get; init; }
}

public enum RecoveryKind
{
    /// <summary>Good now.</summary>
    AlreadyGood,
    /// <summary>Good again on <see cref="Recovery.Date"/>.</summary>
    Recovers,
    /// <summary>Not good on any day of the horizon.</summary>
    NotWithinHorizon,
    /// <summary>Too few items to judge now (never a breach).</summary>
    InsufficientData,
    /// <summary>No forecast for this metric.</summary>
    NotForecast,
}

/// <summary>Time to recovery: the first date the metric would be good again, and how many days from as-of.</summary>
public sealed record Recovery(RecoveryKind Kind, LocalDate? Date, int? Days);

/// <summary>
/// How many more defects among the window's items (its volume unchanged) the metric can take and stay
/// out of breach; 0 when in breach already or when the next defect breaches; null when not defined
/// (no items, too few to judge, a mean duration). <see cref="Reason"/> says which.
/// </summary>
public sealed record ErrorBudget(long? Defects, string Reason);
