using NodaTime;
using Standing.Core.Calendars;
using Standing.Core.Metrics;

namespace Standing.Core.Forecasting;

/// <summary>A fixed stretch of time as a window: every item any day of a forecast may count, measured once.</summary>
internal sealed record ForecastSpan(TimeWindow Span) : WindowSpec
{
    public override TimeWindow Resolve(Instant asOf, BusinessCalendar calendar) => Span;
    public override string Describe() => "the forecast's span";
}
