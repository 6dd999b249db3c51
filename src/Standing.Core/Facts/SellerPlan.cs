using NodaTime;

namespace Standing.Core.Facts;

/// <summary>An improvement letter the seller sent (seller.plan_submitted).</summary>
public sealed record SellerPlan(string Id, Instant At, string? Text);
