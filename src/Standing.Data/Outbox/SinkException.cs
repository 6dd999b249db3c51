namespace Standing.Data.Outbox;

/// <summary>
/// A notice did not reach its sink; the message says where and why. <see cref="Permanent"/>: the
/// receiver refused it for good (a 4xx other than 408 and 429), sending it again would not help.
/// <see cref="RetryAfter"/>: how long the receiver asked to wait before the next attempt.
/// </summary>
public sealed class SinkException(string message, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; init; }

    public TimeSpan? RetryAfter { get; init; }
}
