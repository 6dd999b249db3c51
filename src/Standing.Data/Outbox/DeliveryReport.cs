namespace Standing.Data.Outbox;

/// <summary>
/// What one delivery did: notices delivered; per failing sink the notice it stopped at and why;
/// the notices refused for good (dead letters, with the answer); notices skipped because another
/// deliverer holds their claim or their receiver's Retry-After is not over.
/// </summary>
public sealed record DeliveryReport(int Delivered, IReadOnlyList<string> Failures)
{
    public IReadOnlyList<string> DeadLetters { get; init; } = [];

    public int Skipped { get; init; }
}
