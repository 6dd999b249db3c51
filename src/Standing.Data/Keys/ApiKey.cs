using NodaTime;

namespace Standing.Data.Keys;

/// <summary>
/// One API key as the store keeps it: who it is (its name, the actor of every decision made with it),
/// its role, the seller and marketplace it is limited to, and whether it was revoked. The secret
/// itself is never kept, only its hash.
/// </summary>
public sealed record ApiKey
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    /// <summary>The one seller a <see cref="KeyRoles.Seller"/> key may see; null for other roles.</summary>
    public string? Seller { get; init; }
    public required string Marketplace { get; init; }
    public required Instant CreatedAt { get; init; }
    public Instant? RevokedAt { get; init; }

    public bool Revoked => RevokedAt is not null;
}
