using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Standing.Server.Access;

namespace Standing.Server;

/// <summary>
/// One structured log record per request: method, the route's template (so records group by endpoint,
/// whatever the ids in the path), the path itself, status, milliseconds, and the key's id, name and role
/// (never the key: the log is read by more people than hold keys).
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    /// <summary>The route of a request that matched none (an unknown path, or one answered before routing).</summary>
    public const string NoRoute = "(none)";

    private static readonly object RouteItem = new();

    /// <summary>Notes the matched route's template for the log; placed right after <c>UseRouting</c>.</summary>
    public static Task RememberRoute(HttpContext context, RequestDelegate next)
    {
        // The first pass only: an error page re-executed for this request routes again, to itself.
        context.Items.TryAdd(RouteItem, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? NoRoute);
        return next(context);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        finally
        {
            var key = context.KeyOrNull();
            // Noted right after routing (RememberRoute): the exception handler clears the endpoint later.
            var route = context.Items[RouteItem] as string ?? (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? NoRoute;
            Served(logger, context.Request.Method, route, context.Request.Path.Value ?? "", context.Response.StatusCode,
                clock.Elapsed.TotalMilliseconds, key?.Id, key?.Name, key?.Role);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "Served", Level = LogLevel.Information,
        Message = "{Method} {Route} ({Path}) {Status} in {Milliseconds:0.0} ms (key {KeyId} {KeyName}, {Role})")]
    private static partial void Served(ILogger logger, string method, string route, string path, int status, double milliseconds, string? keyId, string? keyName, string? role);
}
