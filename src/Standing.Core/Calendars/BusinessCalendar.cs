using NodaTime;
using NodaTime.TimeZones;

namespace Standing.Core.Calendars;

/// <summary>
/// Business-day arithmetic in one IANA time zone: which local dates are business days, "the same local
/// time N business days later", and how much working time lies between two instants.
/// </summary>
/// <remarks>
/// Local times that do not exist or exist twice (DST) are resolved by <see cref="Resolver"/>: a time in a
/// gap moves forward by the length of the gap, an ambiguous time takes the earlier of its two instants.
/// </remarks>
public sealed class BusinessCalendar
{
    // No real calendar goes this long without a business day; past it the configuration is broken,
    // and failing beats looping forever.
    private const int MaxDaysWithoutBusinessDay = 366;

    /// <summary>
    /// How a local date-time maps to an instant: overlap → earlier instant; gap → shifted forward by the
    /// gap's length (02:30 in a 02:00→03:00 gap becomes 03:30). Same as NodaTime's LenientResolver,
    /// spelled out so the rule does not depend on that resolver's definition.
    /// </summary>
    public static ZoneLocalMappingResolver Resolver { get; } =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    public BusinessCalendar(DateTimeZone zone, WorkingHours hours, IHolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        Zone = zone;
        Hours = hours;
        Holidays = holidays;
    }

    public DateTimeZone Zone { get; }

    public WorkingHours Hours { get; }

    public IHolidayCalendar Holidays { get; }

    /// <summary>A weekday with working hours that is not a holiday.</summary>
    public bool IsBusinessDay(LocalDate date) => Hours.For(date.DayOfWeek).Count > 0 && !Holidays.IsHoliday(date);

    /// <summary>The first business day strictly after <paramref name="date"/>.</summary>
    public LocalDate NextBusinessDay(LocalDate date) => Step(date, 1);

    /// <summary>The last business day strictly before <paramref name="date"/>.</summary>
    public LocalDate PreviousBusinessDay(LocalDate date) => Step(date, -1);

    /// <summary>
    /// The same local time-of-day on the <paramref name="days"/>-th business day after the local date of
    /// <paramref name="start"/> (before it, if negative); zero returns <paramref name="start"/>. The start's
    /// own date need not be a business day: an order opened on Saturday is due on Monday + (days − 1).
    /// </summary>
    public Instant AddBusinessDays(Instant start, int days)
    {
        if (days == 0) return start;
        var local = start.InZone(Zone).LocalDateTime;
        var date = local.Date;
        for (var i = 0; i < Math.Abs(days); i++) date = Step(date, Math.Sign(days));
        return ToInstant(date + local.TimeOfDay);
    }

    /// <summary>
    /// Real elapsed working time in [start, end): an instant counts when the wall clock in <see cref="Zone"/>
    /// shows a time inside that day's working hours on a business day. Zero when end ≤ start.
    /// </summary>
    /// <remarks>
    /// Walks the zone's fixed-offset stretches: inside one, local time and real time advance together, so
    /// measuring working hours on the local clock there is exact. A DST night therefore counts 23 or 25
    /// hours, and an hour repeated at the autumn change counts twice when it is working time.
    /// </remarks>
    public Duration BusinessDuration(Instant start, Instant end)
    {
        if (end <= start) return Duration.Zero;
        var total = Duration.Zero;
        foreach (var stretch in Zone.GetZoneIntervals(new Interval(start, end)))
        {
            var from = stretch.HasStart && stretch.Start > start ? stretch.Start : start;
            var to = stretch.HasEnd && stretch.End < end ? stretch.End : end;
            if (to <= from) continue;
            total += WorkingTimeOnLocalClock(
                from.WithOffset(stretch.WallOffset).LocalDateTime,
                to.WithOffset(stretch.WallOffset).LocalDateTime);
        }
        return total;
    }

    /// <summary>
    /// The earliest instant by which <paramref name="amount"/> of working time has elapsed since
    /// <paramref name="start"/> (8 working hours from Monday 08:00, hours 09:00–17:00: Monday 17:00);
    /// null when the calendar never gives that much within a century.
    /// </summary>
    /// <remarks>Searched on <see cref="BusinessDuration"/>, which never decreases as the end moves on,
    /// so the answer keeps its DST and holiday rules exactly.</remarks>
    public Instant? AddBusinessDuration(Instant start, Duration amount)
    {
        if (amount <= Duration.Zero) return start;
        var span = amount;
        var limit = Duration.FromDays(36525);
        while (BusinessDuration(start, start + span) < amount)
        {
            if (span >= limit) return null;
            span = span * 2 > limit ? limit : span * 2;
        }
        // Invariant: worked(lo) < amount ≤ worked(hi), in nanoseconds after start.
        long lo = 0, hi = (long)span.TotalNanoseconds;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (BusinessDuration(start, start + Duration.FromNanoseconds(mid)) >= amount) hi = mid;
            else lo = mid;
        }
        return start + Duration.FromNanoseconds(hi);
    }

    /// <summary>The first moment of <paramref name="date"/> in <see cref="Zone"/> (not always 00:00, if midnight falls in a gap).</summary>
    public Instant StartOfDay(LocalDate date) => Zone.AtStartOfDay(date).ToInstant();

    /// <summary>The instant of a local date-time in <see cref="Zone"/>, resolved by <see cref="Resolver"/>.</summary>
    public Instant ToInstant(LocalDateTime local) => Zone.ResolveLocal(local, Resolver).ToInstant();

    /// <summary>The local date-time in <see cref="Zone"/> of an instant.</summary>
    public LocalDateTime ToLocal(Instant instant) => instant.InZone(Zone).LocalDateTime;

    private LocalDate Step(LocalDate date, int direction)
    {
        for (var i = 0; i < MaxDaysWithoutBusinessDay; i++)
        {
            date = date.PlusDays(direction);
            if (IsBusinessDay(date)) return date;
        }
        throw new InvalidOperationException(
            $"No business day within {MaxDaysWithoutBusinessDay} days of {date}: the calendar has no working days or holidays cover them all.");
    }

    /// <summary>Working time between two local date-times, measured on a clock with no DST jumps.</summary>
    private Duration WorkingTimeOnLocalClock(LocalDateTime from, LocalDateTime to)
    {
        var total = Duration.Zero;
        for (var date = from.Date; date <= to.Date; date = date.PlusDays(1))
        {
            if (!IsBusinessDay(date)) continue;
            foreach (var interval in Hours.For(date.DayOfWeek))
            {
                var open = date + interval.Start;
                var close = interval.End is { } end ? date + end : date.PlusDays(1).AtMidnight();
                var a = open > from ? open : from;
                var b = close < to ? close : to;
                if (b > a) total += Linear(b) - Linear(a);
            }
        }
        return total;
    }

    // Reads a local date-time as if it were UTC: a clock without DST, so differences are plain elapsed time.
    private static Instant Linear(LocalDateTime local) => local.InUtc().ToInstant();
}
