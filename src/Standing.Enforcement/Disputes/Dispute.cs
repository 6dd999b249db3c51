using NodaTime;

namespace Standing.Enforcement.Disputes;

/// <summary>
/// A seller's dispute of one counted item (an order's defect, a late shipment…) in a policy's metric
/// (or every metric of the policy on the item's subject when <see cref="Metric"/> is null). Once an
/// operator accepts it, the item leaves the metric for evaluations as of instants after the decision.
/// </summary>
public sealed record Dispute
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public required string Id { get; init; }
    public required string Seller { get; init; }
    public required string Policy { get; init; }
    public string? Metric { get; init; }
    /// <summary>The item's id as explain shows it (order id, review id, case id).</summary>
    public required string Item { get; init; }
    public required string Reason { get; init; }
    public required Instant OpenedAt { get; init; }
    public required string State { get; init; }
    public Instant? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? Note { get; init; }

    /// <summary>Whether the item is out of the metric for an evaluation as of <paramref name="asOf"/>.</summary>
    public bool ExcludesAt(Instant asOf) => State == Accepted && DecidedAt is { } d && d < asOf;
}
