using Microsoft.AspNetCore.Http;
using Standing.Data.Enforcement;

namespace Standing.Server.Access;

/// <summary>
/// Every request under <c>/v1</c> needs <c>Authorization: Bearer KEY</c> with a key of the store that
/// is not revoked; otherwise 401 with a problem document saying which of these it was.
/// </summary>
public sealed class KeyAuthentication(RequestDelegate next, Deployment deployment)
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
            using var keys = deployment.Default.Keys();
            var key = keys.Find(header["Bearer ".Length..].Trim());
            if (key is null) why = "the key is not known to this server";
            else if (key.RevokedAt is { } revoked) why = $"the key {key.Id} was revoked at {EnforcementJson.Instant(revoked)}";
            else context.SetKey(key);
        }
        if (why is not null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Make(StatusCodes.Status401Unauthorized, "unauthorized", why).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
