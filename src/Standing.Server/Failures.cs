using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Standing.Data.Store;

namespace Standing.Server;

/// <summary>
/// What an exception becomes for the client: a problem document without any stack trace or store
/// detail (those go to the log). A store that fails is 503 (try again); a malformed JSON body 400;
/// anything else 500.
/// </summary>
public sealed partial class Failures(ILogger<Failures> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "body too large", "the request body is larger than this endpoint takes"),
            BadHttpRequestException bad => (bad.StatusCode, "bad request", BodyProblem(bad)),
            EventStoreException or System.Data.Common.DbException => (503, "store unavailable", "the event store failed this request; nothing it was writing was kept. Try again"),
            _ => (500, "internal error", "the server failed this request; it is logged"),
        };
        Failed(logger, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", status, exception);
        await Problems.Make(status, title, detail).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>A JSON body that does not read names the problem, never the server's types.</summary>
    private static string BodyProblem(BadHttpRequestException e) =>
        e.InnerException is System.Text.Json.JsonException json
            ? $"the JSON body is not valid{(json.Path is { Length: > 0 } p ? " at " + p : "")}{(json.LineNumber is { } l ? $" (line {l + 1}, byte {json.BytePositionInLine + 1})" : "")}"
            : "the request could not be read: " + e.Message.Split('\n')[0];

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Status}")]
    private static partial void Failed(ILogger logger, string method, string path, int status, Exception exception);
}
