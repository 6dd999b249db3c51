using NodaTime;

namespace Standing.Simulation;

/// <summary>
/// Local-time arithmetic on Unix seconds at a fixed UTC offset (the marketplace's, or the chats'): hour
/// of day, weekday, day boundaries, and the next business day (Monday–Friday; holidays are not simulated).
/// </summary>
internal sealed class LocalClock
{
    public const long Day = 86_400;
    public const long Hour = 3_600;
    public const long Minute = 60;

    private readonly long _offset;

    public LocalClock(Offset offset) => _offset = offset.Seconds;

    /// <summary>The instant of local midnight starting the local day that contains <paramref name="t"/>.</summary>
    public long DayStart(long t) => t - FloorMod(t + _offset, Day);

    /// <summary>23:59:59 local on the day <paramref name="days"/> days after the local day of <paramref name="t"/>.</summary>
    public long EndOfDay(long t, int days) => DayStart(t) + ((days + 1) * Day) - 1;

    public int HourOfDay(long t) => (int)(FloorMod(t + _offset, Day) / Hour);

    /// <summary>Seconds since local midnight.</summary>
    public long SecondOfDay(long t) => FloorMod(t + _offset, Day);

    /// <summary>0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).</summary>
    public int Weekday(long t) => (int)FloorMod(FloorDiv(t + _offset, Day) + 3, 7);

    /// <summary>The same local time on the next business day: the "within 1 business day" deadline.</summary>
    public long NextBusinessDay(long t)
    {
        var d = t + Day;
        while (Weekday(d) >= 5)
        {
            d += Day;
        }
        return d;
    }

    private static long FloorMod(long a, long b)
    {
        var r = a % b;
        return r < 0 ? r + b : r;
    }

    private static long FloorDiv(long a, long b) => (a - FloorMod(a, b)) / b;
}
