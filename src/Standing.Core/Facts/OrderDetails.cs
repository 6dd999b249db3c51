using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// What an <see cref="OrderFact"/> keeps out of line: its seller, the texts, and the instants most
/// orders never get or get late (a status, a carrier scan, a case, a refund request, a complaint, a risk
/// flag). Orders with none of it point to their seller's one shared instance (<see cref="IsShared"/>),
/// which is never written to: the first write gives the order its own.
/// </summary>
internal sealed class OrderDetails
{
    public OrderDetails(string seller, bool shared)
    {
        Seller = seller;
        IsShared = shared;
    }

    public string Seller { get; }

    /// <summary>The seller's instance for orders without details: an order gets its own before any write.</summary>
    public bool IsShared { get; }

    public string? CancelledBy;
    public string? Tracking;
    public string? TrackingUrl;
    public string? LowestReview;
    public string? FirstCase;
    public bool StatusCorrected;

    /// <summary>Compact instants by <see cref="OrderFact"/> slot, made on the first one set (the placement stays in the fact).</summary>
    public long[]? Instants;

    /// <summary>Values the compact fields cannot hold exactly; almost never made.</summary>
    public OrderOutliers? Outliers;
}

/// <summary>
/// An order's values outside what its compact fields hold: instants a <c>long</c> of nanoseconds cannot
/// (see <see cref="CompactInstant"/>), an amount of more than nine digits, stars or a case count out of a byte.
/// </summary>
internal sealed class OrderOutliers
{
    /// <summary>Exact instants by slot, where the compact field says <see cref="CompactInstant.Far"/>.</summary>
    public Instant[]? Far;
    public decimal? Amount;
    public int? Stars;
    public int? CaseCount;
}
