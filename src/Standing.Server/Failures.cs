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
        string? field = null;
        if (exception is MarketplaceChoiceException choice) field = "marketplace";
        var (status, title, detail) = exception switch
        {
            MarketplaceChoiceException { Status: 403 } refused => (403, "forbidden", refused.Message),
            MarketplaceChoiceException { Status: 404 } unknown => (404, "not found", unknown.Message),
            MarketplaceChoiceException bad => (400, "invalid parameter", bad.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "body too large", Problems.TooLargeDetail(BodyLimits.Of(httpContext), BodyLimits.IsEvents(httpContext))),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => (408, "request timeout", Problems.TooSlowDetail),
            BadHttpRequestException bad => (bad.StatusCode, "invalid parameter", BodyProblem(bad, out field)),
            EventStoreException or System.Data.Common.DbException => (503, "store unavailable", "the event store failed this request; nothing it was writing was kept. Try again"),
            _ => (500, "internal error", "the server failed this request; it is logged"),
        };
        Failed(logger, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", status, exception);
        await Problems.Make(status, title, detail, field is null ? null : new() { ["field"] = field }).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>A body or parameter that does not read names its place, never the server's types.</summary>
    private static string BodyProblem(BadHttpRequestException e, out string? field)
    {
        field = "body";
        if (e.InnerException is System.Text.Json.JsonException json)
            return $"the JSON body is not valid{(json.Path is { Length: > 0 } p ? " at " + p : "")}{(json.LineNumber is { } l ? $" (line {l + 1}, byte {json.BytePositionInLine + 1})" : "")}";
        var parameter = Parameter().Match(e.Message);
        if (parameter.Success && !e.Message.Contains("request body", StringComparison.Ordinal)) field = parameter.Groups["name"].Value;
        return parameter.Success && field != "body"
            ? $"parameter {parameter.Groups["name"].Value} could not be read{(parameter.Groups["value"].Success ? $" from \"{parameter.Groups["value"].Value}\"" : "")}"
            : "the request body could not be read as this endpoint's JSON (see /openapi/v1.json)";
    }

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[^\" ]+)\"(?: from \"(?<value>[^\"]{0,80}))?")]
    private static partial System.Text.RegularExpressions.Regex Parameter();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Status}")]
    private static partial void Failed(ILogger logger, string method, string path, int status, Exception exception);
}
