using Microsoft.AspNetCore.Http;
using Standing.Data.Keys;

namespace Standing.Server.Access;

/// <summary>The key a request was made with (set by <see cref="KeyAuthentication"/>), and what it may see.</summary>
public static class Caller
{
    private const string Item = "standing.key";

    public static ApiKey Key(this HttpContext context) =>
        context.Items[Item] as ApiKey ?? throw new InvalidOperationException("no key on an authenticated route");

    public static ApiKey? KeyOrNull(this HttpContext context) => context.Items[Item] as ApiKey;

    internal static void SetKey(this HttpContext context, ApiKey key) => context.Items[Item] = key;

    /// <summary>
    /// Whether the key sees this seller of the request's marketplace (<paramref name="access"/>, chosen
    /// from the key): a seller key its own only; nobody a seller of a marketplace without a store.
    /// Another one is answered as unknown (404).
    /// </summary>
    public static bool Sees(this ApiKey key, StoreAccess access, string seller) => access.HasStore && (key.Role != KeyRoles.Seller || key.Seller == seller);

    /// <summary>The seller a listing is limited to: a seller key's own, else the one asked for (or none).</summary>
    public static string? SellerFilter(this ApiKey key, string? asked) => key.Role == KeyRoles.Seller ? key.Seller : asked;
}
