using System.Globalization;

namespace Standing.Data.Enforcement;

/// <summary>
/// The parts of <see cref="SellerRead"/> one at a time, for a server that keeps the store-wide ones (the policy's
/// runs, which sellers have disputes, whether a key is live) while the store's data version stays the same and
/// reads only the seller's own row each time.
/// </summary>
public sealed partial class EnforcementStore
{
    /// <summary>The store's log position and the position of the last batch that added an event of <paramref name="seller"/> (-1: none).</summary>
    public (long LogPosition, long SellerChanged) SellerPosition(string seller)
    {
        using var command = Command(
            "SELECT CAST(value AS BIGINT), (SELECT changed FROM seller_projection WHERE seller = @seller) FROM standing_meta WHERE key = 'log_position'",
            ("seller", seller));
        using var r = command.ExecuteReader();
        r.Read();
        return (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.IsDBNull(1) ? -1 : Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>Whether the key <paramref name="id"/> is still there with <paramref name="hash"/> and not revoked (in a store that holds the keys).</summary>
    public bool KeyLive(string id, string hash)
    {
        using var command = Command("SELECT count(*) FROM api_keys WHERE id = @id AND hash = @hash AND revoked_at IS NULL", ("id", id), ("hash", hash));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>The sellers that have a dispute in any state: any other seller's <see cref="Disputes(string?)"/> is empty.</summary>
    public IReadOnlySet<string> DisputedSellers()
    {
        using var command = Command("SELECT DISTINCT seller FROM disputes");
        var sellers = new HashSet<string>(StringComparer.Ordinal);
        using var r = command.ExecuteReader();
        while (r.Read()) sellers.Add(r.GetString(0));
        return sellers;
    }
}
