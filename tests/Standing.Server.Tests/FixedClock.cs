using NodaTime;

namespace Standing.Server.Tests;

/// <summary>The server's "now" in a test: the day after the marketplace's as-of.</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    public static readonly Instant DayAfter = Instant.FromUtc(2026, 4, 2, 0, 0);

    public Instant GetCurrentInstant() => now;
}
