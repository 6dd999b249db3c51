using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One buyer case (dispute) as it stands at the as-of instant.</summary>
public sealed class CaseFact
{
    internal CaseFact(string seller, string @case)
    {
        Seller = seller;
        Case = @case;
    }

    public string Seller { get; }
    public string Case { get; }
    public string? Order { get; internal set; }
    public string? Kind { get; internal set; }
    public Instant? OpenedAt { get; internal set; }
    public Instant? RespondedAt { get; internal set; }
    public Instant? EscalatedAt { get; internal set; }
    public Instant? ClosedAt { get; internal set; }
    public string? Outcome { get; internal set; }
}
