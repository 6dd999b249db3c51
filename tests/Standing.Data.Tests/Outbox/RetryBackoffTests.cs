using Standing.Data.Outbox;

namespace Standing.Data.Tests.Outbox;

/// <summary>
/// Issue 16: back-off with jitter between attempts. With a first delay of 400 ms the full waits double
/// (400, 800, 1,600 ms, worked out by hand); each wait is half fixed, half random, so it lies between
/// half the full wait and the full wait, and deliverers failing together do not retry together.
/// </summary>
public sealed class RetryBackoffTests
{
    private static readonly RetryOptions Options = new(4, TimeSpan.FromMilliseconds(400));

    [Theory]
    [InlineData(1, 200, 400)]
    [InlineData(2, 400, 800)]
    [InlineData(3, 800, 1_600)]
    public void Each_wait_doubles_and_stays_between_half_the_full_wait_and_the_full_wait(int attempt, int lowest, int highest)
    {
        var random = new Random(16);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.InRange(Options.Backoff(attempt, random).TotalMilliseconds, lowest, highest);
        }
    }

    [Fact]
    public void Two_deliverers_failing_together_wait_different_times()
    {
        var waits = Enumerable.Range(0, 50).Select(seed => Options.Backoff(2, new Random(seed))).ToHashSet();

        // Fifty deliverers, each with its own random source: spread out, not one wait repeated.
        Assert.True(waits.Count > 40, $"{waits.Count} distinct waits");
        Assert.True(waits.Max() - waits.Min() > TimeSpan.FromMilliseconds(200), $"{waits.Min()}–{waits.Max()}");
    }
}
