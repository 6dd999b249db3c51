using NodaTime;

namespace Standing.Core.Facts;

/// <summary>One buyer complaint (complaint.filed) as it stands at the as-of instant.</summary>
public sealed class ComplaintFact
{
    internal ComplaintFact(string seller, string complaint)
    {
        Seller = seller;
        Complaint = complaint;
    }

    public string Seller { get; }
    public string Complaint { get; }
    public Instant? FiledAt { get; internal set; }
    /// <summary>delivery_delay, product, service or other.</summary>
    public string? Kind { get; internal set; }
    public string? Order { get; internal set; }

    /// <summary>When the order it is about was flagged as risk data (order.risk_flagged); null when it was not.</summary>
    public Instant? OrderRiskFlaggedAt { get; internal set; }
}
