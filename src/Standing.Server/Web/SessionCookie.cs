using Microsoft.AspNetCore.Http;
using Standing.Server.Access;

namespace Standing.Server.Web;

/// <summary>
/// On the pages (never on the API, which takes Bearer keys only), the session cookie names the caller:
/// its key is read again on every request, so a key revoked meanwhile ends its sessions at once.
/// </summary>
public sealed class SessionCookie(RequestDelegate next, PageSessions sessions, Deployment deployment)
{
    public const string Name = "standing.session";

    private const string EndedItem = "standing.session.ended";

    public async Task InvokeAsync(HttpContext context)
    {
        if (PagePaths.IsPage(context.Request.Path) && context.Request.Cookies[Name] is { Length: > 0 } token)
        {
            if (sessions.KeyIdOf(token) is { } keyId && Key(keyId) is { } key) context.SetKey(key);
            else context.Items[EndedItem] = true;
        }
        await next(context);
    }

    /// <summary>Whether the request carried a session cookie that is no longer (or never was) valid.</summary>
    public static bool Ended(HttpContext context) => context.Items.ContainsKey(EndedItem);

    private Data.Keys.ApiKey? Key(string id)
    {
        using var keys = deployment.Default.Keys();
        return keys.ById(id) is { Revoked: false } key ? key : null;
    }

    public static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
    };
}
