using Standing.Core.Calendars;
using NodaTime;

namespace Standing.Core.Metrics;

/// <summary>
/// A volume-adaptive window (as eBay measures a seller over 3 months with at least 400 transactions,
/// else over 12): the <see cref="Base"/> rolling window, or the <see cref="Extended"/> one (same lag,
/// longer) when the base window holds fewer than <see cref="WhenFewerThan"/> items in the metric's
/// denominator. The choice is made per seller, by the metric's calculator.
/// </summary>
public sealed record AdaptiveWindow(RollingWindow Base, RollingWindow Extended, int WhenFewerThan) : WindowSpec
{
    /// <summary>The base window: what the window is before a seller's volume is known.</summary>
    public override TimeWindow Resolve(Instant asOf, BusinessCalendar calendar) => Base.Resolve(asOf, calendar);

    public override string Describe() =>
        $"{Base.Describe()}, extended to {Extended.Days} days when it holds fewer than {WhenFewerThan} items";
}

/// <summary>Which window of an <see cref="AdaptiveWindow"/> a seller's metric used, and the base window's count that decided it.</summary>
public sealed record WindowChoice(RollingWindow Used, long BaseCount, bool Extended)
{
    /// <summary>"365 days: 120 items in the last 90 days, fewer than 400" — the reason shown to users.</summary>
    public string Reason(AdaptiveWindow window) => Extended
        ? $"{window.Extended.Days} days: {BaseCount} items in the {window.Base.Days}-day window, fewer than {window.WhenFewerThan}"
        : $"{window.Base.Days} days: {BaseCount} items in it, at least {window.WhenFewerThan}";
}
