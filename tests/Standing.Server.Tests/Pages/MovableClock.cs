using NodaTime;

namespace Standing.Server.Tests.Pages;

/// <summary>The server's "now" in a journey: fixed, moved forward by the test as time passes between people's actions.</summary>
internal sealed class MovableClock(Instant now) : IClock
{
    private long _ticks = now.ToUnixTimeTicks();

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));
}
