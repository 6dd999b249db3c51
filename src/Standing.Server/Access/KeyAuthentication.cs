using Microsoft.AspNetCore.Http;
using Standing.Data.Enforcement;
using Standing.Data.Keys;

namespace Standing.Server.Access;

/// <summary>
/// Every request under <c>/v1</c> needs <c>Authorization: Bearer KEY</c> with a key of the store that
/// is not revoked; otherwise 401 with a problem document saying which of these it was. A route that
/// confirms its key on its own read of the store (<see cref="KeyConfirmedByRead"/>) gets a key this
/// process verified before (<see cref="KnownKeys"/>) without opening the keys: it must then call
/// <see cref="KeyConfirmation.Refusal"/> before it answers.
/// </summary>
public sealed class KeyAuthentication(RequestDelegate next, Deployment deployment, KnownKeys known)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        string? why = null;
        if (header.Length == 0) why = "no key: send Authorization: Bearer KEY (standing keys create makes one)";
        else if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) why = "the Authorization header is not Bearer KEY";
        else
        {
            var text = header["Bearer ".Length..].Trim();
            var hash = KeySecret.Hash(text);
            // Only for a role the route admits: any other key is verified first, so a revoked one is told 401, not 403.
            var endpoint = context.GetEndpoint()?.Metadata;
            if (endpoint?.GetMetadata<KeyConfirmedByRead>() is not null && known.TryGet(hash, out var remembered)
                && endpoint.GetMetadata<AllowedRoles>() is { } allowed && allowed.Roles.Contains(remembered.Role, StringComparer.Ordinal))
            {
                context.SetKey(remembered);
                PendingKey.Set(context, new PendingKey(remembered, hash, text));
            }
            else
            {
                using var keys = deployment.Default.Keys();
                why = Check(keys, text, out var key);
                if (key is not null)
                {
                    context.SetKey(key);
                    known.Remember(hash, key);
                }
            }
        }
        if (why is not null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Make(StatusCodes.Status401Unauthorized, "unauthorized", why).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>Why the key whose text this is may not be used (unknown, revoked), or null with the key when it may.</summary>
    public static string? Check(KeyStore keys, string text, out ApiKey? key)
    {
        ArgumentNullException.ThrowIfNull(keys);
        key = null;
        var found = keys.Find(text);
        if (found is null) return "the key is not known to this server";
        if (found.RevokedAt is { } revoked) return $"the key {found.Id} was revoked at {EnforcementJson.Instant(revoked)}";
        key = found;
        return null;
    }
}
