using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Standing.Server;

/// <summary>
/// The request target's limits (docs/api.md): at most <see cref="MaxBytes"/> bytes of path and query,
/// answered 414 with a problem document. Kestrel reads request lines of up to <see cref="KestrelLineBytes"/>
/// (it would answer a longer one 414 itself, without a body), so a target between the two reaches
/// this check on any request of a connection, not only on its first (<see cref="RequestLineCheck"/>).
/// </summary>
public static class RequestTargets
{
    /// <summary>The longest path and query taken (Kestrel's default line limit, so no URL that worked before is refused).</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>The request line Kestrel reads (<c>MaxRequestLineSize</c>).</summary>
    public const int KestrelLineBytes = 64 * 1024;

    public static string TooLongDetail(long length) =>
        $"the request's path and query are {length} bytes, more than the {MaxBytes} this server takes; nothing was done (send long inputs in a body)";

    public const string NulDetail =
        "the request's path has %00 (a NUL character) in it: no id or path can hold one; nothing was done";

    public const string ControlDetail =
        "the request line has a control character in it: no id or path can hold one; nothing was done";

    public static Task Refuse(HttpContext context, RequestDelegate next)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length <= MaxBytes) return next(context);
        context.Response.StatusCode = StatusCodes.Status414UriTooLong;
        return Problems.Make(StatusCodes.Status414UriTooLong, "request target too long", TooLongDetail(target.Length)).ExecuteAsync(context);
    }
}
