using Microsoft.AspNetCore.Http;
using Standing.Data.Keys;

namespace Standing.Server.Access;

/// <summary>
/// A key taken from <see cref="KnownKeys"/> for a <see cref="KeyConfirmedByRead"/> route, waiting for the
/// route's read of the store to confirm it (its row still there with the same hash, not revoked).
/// </summary>
public sealed record PendingKey(ApiKey Key, string Hash, string Text)
{
    private const string Item = "standing.pending-key";

    internal static void Set(HttpContext context, PendingKey pending) => context.Items[Item] = pending;

    /// <summary>The key waiting for confirmation, or null when the middleware verified it against the keys.</summary>
    public static PendingKey? Of(HttpContext context) => context.Items[Item] as PendingKey;
}

public static class KeyConfirmation
{
    /// <summary>
    /// Null when the request's key is good: verified by the middleware, or remembered and confirmed by
    /// <paramref name="confirmed"/> (the route's read found its row unrevoked). Otherwise the key is verified
    /// against the keys as the middleware does, and a key that fails is answered 401 as it would have been.
    /// </summary>
    public static IResult? Refusal(HttpContext context, StoreAccess keysAccess, KnownKeys known, bool? confirmed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keysAccess);
        ArgumentNullException.ThrowIfNull(known);
        if (PendingKey.Of(context) is not { } pending || confirmed == true) return null;
        known.Forget(pending.Hash);
        using var keys = keysAccess.Keys();
        if (KeyAuthentication.Check(keys, pending.Text, out _) is not { } why) return null;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Make(StatusCodes.Status401Unauthorized, "unauthorized", why);
    }
}
