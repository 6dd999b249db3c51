using NodaTime;

namespace Standing.Enforcement.Machines;

/// <summary>Calendar-day arithmetic in the policy's zone: "14 days later" is the same local time 14 local days later, across DST.</summary>
internal static class Days
{
    public static Instant Later(Instant at, double days, DateTimeZone zone) =>
        at.InZone(zone).LocalDateTime.PlusDays((int)Math.Round(days)).InZoneLeniently(zone).ToInstant();
}
