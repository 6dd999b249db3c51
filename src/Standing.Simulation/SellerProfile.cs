using NodaTime;

namespace Standing.Simulation;

/// <summary>One simulated seller: who it is, how big, and how it behaves (for the demo summary).</summary>
public sealed record SellerProfile
{
    /// <summary>The seller id, e.g. <c>shop-0001</c>.</summary>
    public required string Seller { get; init; }

    /// <summary>0-based position among the simulated sellers.</summary>
    public required int Index { get; init; }

    public required SellerProfileKind Kind { get; init; }

    /// <summary>When the seller registered (its <c>seller.registered</c> event; orders start then).</summary>
    public required Instant Registered { get; init; }

    /// <summary>The seller's own mean orders per day.</summary>
    public required double OrdersPerDay { get; init; }

    /// <summary>Typical order amount (the median of a log-normal spread).</summary>
    public required decimal AverageAmount { get; init; }

    /// <summary>Promised handling time: ship-by is the end of the local day this many days after placement (1–3).</summary>
    public required int HandlingDays { get; init; }

    /// <summary>Promised transit: deliver-by is this many days after ship-by (2–5).</summary>
    public required int TransitDays { get; init; }

    /// <summary>Customer-service agents (<c>agent-1</c> …).</summary>
    public required int Agents { get; init; }

    /// <summary>
    /// Whether agents also answer outside the shifts (08:30–23:30 chat-local time); otherwise a buyer who
    /// opens a conversation then waits for the morning shift.
    /// </summary>
    public required bool NightShift { get; init; }

    /// <summary>Whether a chatbot answers first (buyers then ask for a human).</summary>
    public required bool HasChatBot { get; init; }

    public required SellerTrend Trend { get; init; }

    /// <summary>When the trend starts (null when steady).</summary>
    public Instant? TrendFrom { get; init; }

    /// <summary>When the seller sends an improvement letter (<c>seller.plan_submitted</c>), if it does.</summary>
    public Instant? PlanSubmitted { get; init; }

    /// <summary>The seller's rates and timings.</summary>
    public required SellerBehaviour Behaviour { get; init; }
}
