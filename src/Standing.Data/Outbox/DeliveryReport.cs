namespace Standing.Data.Outbox;

/// <summary>What one delivery did: notices delivered, and per failing sink the notice it stopped at and why.</summary>
public sealed record DeliveryReport(int Delivered, IReadOnlyList<string> Failures);
