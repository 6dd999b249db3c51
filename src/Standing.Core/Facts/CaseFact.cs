using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One buyer case (dispute) as it stands at the as-of instant.</summary>
/// <remarks>Instants are stored compactly (see <see cref="CompactInstant"/>); the getters show them as <c>Instant?</c>.</remarks>
public sealed class CaseFact
{
    internal const int OpenedSlot = 0, RespondedSlot = 1, EscalatedSlot = 2, ClosedSlot = 3, Slots = 4;

    internal long _openedAt = CompactInstant.Missing;
    internal long _respondedAt = CompactInstant.Missing;
    internal long _escalatedAt = CompactInstant.Missing;
    internal long _closedAt = CompactInstant.Missing;
    internal Instant[]? _far;

    internal CaseFact(string seller, string @case)
    {
        Seller = seller;
        Case = @case;
    }

    public string Seller { get; }
    public string Case { get; }
    public string? Order { get; internal set; }
    public string? Kind { get; internal set; }

    public Instant? OpenedAt
    {
        get => CompactInstant.Read(_openedAt, _far, OpenedSlot);
        internal set => CompactInstant.Write(ref _openedAt, ref _far, OpenedSlot, Slots, value);
    }

    public Instant? RespondedAt => CompactInstant.Read(_respondedAt, _far, RespondedSlot);
    public Instant? EscalatedAt => CompactInstant.Read(_escalatedAt, _far, EscalatedSlot);

    public Instant? ClosedAt
    {
        get => CompactInstant.Read(_closedAt, _far, ClosedSlot);
        internal set => CompactInstant.Write(ref _closedAt, ref _far, ClosedSlot, Slots, value);
    }

    public string? Outcome { get; internal set; }

    /// <summary>When the order it is about was flagged as risk data (order.risk_flagged); null when it was not.</summary>
    public Instant? OrderRiskFlaggedAt { get; internal set; }
}
