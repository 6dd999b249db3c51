namespace Standing.Data.Outbox;

/// <summary>
/// How often and how patiently a send is retried within one delivery: <see cref="Attempts"/> tries,
/// waiting about <see cref="FirstDelay"/>, then twice that…, each wait jittered (half of it fixed, the
/// other half random) so that deliverers failing together do not retry together. A receiver's
/// <c>Retry-After</c> up to <see cref="LongestWait"/> is waited for; a longer one ends this delivery's
/// tries and holds the notice back for every deliverer until then. A claim lasts <see cref="Claim"/>,
/// longer than all the tries of one notice take, so a claim outlives its deliverer only when it died.
/// </summary>
public sealed record RetryOptions(int Attempts, TimeSpan FirstDelay)
{
    public static readonly RetryOptions Default = new(4, TimeSpan.FromMilliseconds(500));

    public TimeSpan LongestWait { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Claim { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based), jittered with <paramref name="random"/>.</summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var full = FirstDelay * Math.Pow(2, attempt - 1);
        return full / 2 + full / 2 * random.NextDouble();
    }
}
