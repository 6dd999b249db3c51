using NodaTime;
using NodaTime.TimeZones;
using Standing.Core.Calendars;

namespace Standing.Core.Metrics;

public enum CalendarPeriod
{
    Day,
    Week,
    HalfMonth,
    Month,
}

/// <summary>A resolved window: items attributed to [Start, End) count; Start null means since the beginning.</summary>
public readonly record struct TimeWindow(Instant? Start, Instant End)
{
    public bool Contains(Instant at) => at < End && (Start is not { } s || at >= s);
}

/// <summary>
/// Which stretch of time a metric looks at, relative to the as-of instant, in the policy's time zone.
/// </summary>
public abstract record WindowSpec
{
    public abstract TimeWindow Resolve(Instant asOf, BusinessCalendar calendar);
    public abstract string Describe();
}

/// <summary>
/// Rolling N days, optionally lagged: [as-of − lag − N days, as-of − lag), days counted on the local
/// calendar of the policy's zone (so a window across a DST change still spans N calendar days).
/// With <see cref="AlignToDay"/> the as-of is first moved to the start of its local day ("T").
/// </summary>
public sealed record RollingWindow(int Days, int LagDays = 0, bool AlignToDay = false) : WindowSpec
{
    public override TimeWindow Resolve(Instant asOf, BusinessCalendar calendar)
    {
        var local = asOf.InZone(calendar.Zone).LocalDateTime;
        if (AlignToDay) local = local.Date.AtMidnight();
        var end = local.PlusDays(-LagDays);
        var start = end.PlusDays(-Days);
        return new TimeWindow(ToInstant(start, calendar), ToInstant(end, calendar));
    }

    private static Instant ToInstant(LocalDateTime local, BusinessCalendar calendar) =>
        calendar.Zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    public override string Describe() => LagDays == 0
        ? $"rolling {Days} days"
        : $"rolling {Days} days ending {LagDays} days before as-of";
}

/// <summary>A calendar period in the policy's zone: the last complete one, or the one in progress.</summary>
public sealed record CalendarWindow(CalendarPeriod Period, bool Current = false) : WindowSpec
{
    public override TimeWindow Resolve(Instant asOf, BusinessCalendar calendar)
    {
        var today = asOf.InZone(calendar.Zone).Date;
        var currentStart = StartOf(today);
        if (Current) return new TimeWindow(calendar.StartOfDay(currentStart), asOf);
        var previousStart = StartOf(currentStart.PlusDays(-1));
        return new TimeWindow(calendar.StartOfDay(previousStart), calendar.StartOfDay(currentStart));
    }

    private LocalDate StartOf(LocalDate date) => Period switch
    {
        CalendarPeriod.Day => date,
        CalendarPeriod.Week => date.PlusDays(-((int)date.DayOfWeek - 1)),
        CalendarPeriod.HalfMonth => new LocalDate(date.Year, date.Month, date.Day <= 15 ? 1 : 16),
        _ => new LocalDate(date.Year, date.Month, 1),
    };

    public override string Describe() => (Current ? "current " : "last complete ") + Period switch
    {
        CalendarPeriod.Day => "local day",
        CalendarPeriod.Week => "natural week (Monday–Sunday)",
        CalendarPeriod.HalfMonth => "half month (1st–15th, 16th–end)",
        _ => "calendar month",
    };
}

/// <summary>Everything before as-of ("since the first sale").</summary>
public sealed record LifetimeWindow : WindowSpec
{
    public override TimeWindow Resolve(Instant asOf, BusinessCalendar calendar) => new(null, asOf);
    public override string Describe() => "lifetime";
}

/// <summary>A score's window: those of its components (the result carries their union).</summary>
public sealed record ComponentWindows : WindowSpec
{
    public override TimeWindow Resolve(Instant asOf, BusinessCalendar calendar) => new(null, asOf);
    public override string Describe() => "the windows of its components";
}
