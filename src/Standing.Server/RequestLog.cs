using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Standing.Server.Access;

namespace Standing.Server;

/// <summary>One structured log record per request: method, path, status, milliseconds, and the key's id and role.</summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
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
            Served(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, clock.Elapsed.TotalMilliseconds, key?.Id, key?.Role);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {Milliseconds:0.0} ms (key {KeyId}, {Role})")]
    private static partial void Served(ILogger logger, string method, string path, int status, double milliseconds, string? keyId, string? role);
}
