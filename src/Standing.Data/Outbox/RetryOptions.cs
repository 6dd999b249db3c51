namespace Standing.Data.Outbox;

/// <summary>How often and how patiently a send is retried within one delivery.</summary>
public sealed record RetryOptions(int Attempts, TimeSpan FirstDelay)
{
    public static readonly RetryOptions Default = new(4, TimeSpan.FromMilliseconds(500));
}
