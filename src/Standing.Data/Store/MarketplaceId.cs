using System.Text.RegularExpressions;
using Standing.Core.Events;
using Standing.Data.Keys;

namespace Standing.Data.Store;

/// <summary>
/// A marketplace's id: the tenant an event belongs to (its <c>marketplace</c> field; none means the
/// default marketplace). An id names a SQLite file and a PostgreSQL schema, so only safe characters
/// are allowed: lowercase letters, digits, '-' and '_', starting with a letter or digit.
/// </summary>
public static partial class MarketplaceId
{
    /// <summary>The marketplace of events without the field, and of keys created without one.</summary>
    public const string Default = KeyRoles.DefaultMarketplace;

    /// <summary>The longest id (a schema name is at most 63 bytes, "standing_" included).</summary>
    public const int MaxLength = 40;

    /// <summary>The marketplace an event belongs to.</summary>
    public static string Of(StandingEvent ev) => ev.Marketplace ?? Default;

    public static bool IsDefault(string id) => id == Default;

    /// <summary>What is wrong with <paramref name="id"/> as a marketplace id, or null when it is a valid one.</summary>
    public static string? Problem(string id) =>
        id.Length <= MaxLength && Safe().IsMatch(id)
            ? null
            : $"marketplace \"{Shorten(id)}\" is not a valid marketplace id: use 1 to {MaxLength} lowercase letters, digits, '-' or '_', starting with a letter or digit (it names a file and a schema)";

    private static string Shorten(string id) => id.Length <= 60 ? id : id[..60] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Safe();
}
