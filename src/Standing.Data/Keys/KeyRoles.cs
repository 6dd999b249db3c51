namespace Standing.Data.Keys;

/// <summary>
/// The roles a key can have. <c>integration</c> pushes events and reads notices; <c>reviewer</c>
/// reads; <c>operator</c> also decides cases and disputes; <c>admin</c> does everything, keys and
/// runs included; <c>seller</c> reads its own seller only and may dispute its own items.
/// </summary>
public static class KeyRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Reviewer = "reviewer";
    public const string Seller = "seller";
    public const string Integration = "integration";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Reviewer, Seller, Integration];

    /// <summary>The marketplace of a key created without one (the only one until the store is partitioned).</summary>
    public const string DefaultMarketplace = "default";

    /// <summary>Null when the role and seller fit together, else what is wrong, naming the flag.</summary>
    public static string? Check(string role, string? seller)
    {
        if (!All.Contains(role, StringComparer.Ordinal)) return $"--role \"{role}\" is not a role (one of: {string.Join(", ", All)})";
        if (role == Seller && string.IsNullOrWhiteSpace(seller)) return "--role seller needs --seller ID: a seller key sees one seller";
        if (role != Seller && seller is not null) return $"--seller applies to --role seller only (a {role} key is not limited to a seller)";
        return null;
    }
}
