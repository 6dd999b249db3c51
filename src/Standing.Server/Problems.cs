using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Standing.Server;

/// <summary>
/// Errors as RFC 9457 problem documents (<c>application/problem+json</c>): a title per kind, the detail
/// in words, and where it applies the place at fault: <c>field</c> (a query parameter, path
/// parameter or JSON member), or <c>errors</c> with the line (and column) of each. Every one, ours
/// or the framework's, carries <c>type</c>, <c>title</c>, <c>status</c> and <c>detail</c>.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult BadField(string field, string detail) =>
        Make(StatusCodes.Status400BadRequest, "invalid parameter", detail, new() { ["field"] = field });

    public static ProblemHttpResult NotFound(string field, string detail) =>
        Make(StatusCodes.Status404NotFound, "not found", detail, new() { ["field"] = field });

    public static ProblemHttpResult Conflict(string detail) => Make(StatusCodes.Status409Conflict, "refused", detail);

    /// <summary>Why a write of a marketplace without a store is refused (<paramref name="done"/>: what was not done).</summary>
    public static string NoStore(StoreAccess access, string done) =>
        $"marketplace \"{access.Marketplace}\" has no store in this deployment (its first events come in with standing ingest, \"marketplace\": \"{access.Marketplace}\"); nothing was {done}";

    public static ProblemHttpResult Forbidden(string detail) => Make(StatusCodes.Status403Forbidden, "forbidden", detail);

    public static ProblemHttpResult Unprocessable(string detail, IEnumerable<object> errors) =>
        Make(StatusCodes.Status422UnprocessableEntity, "invalid content", detail, new() { ["errors"] = errors.ToList() });

    public static ProblemHttpResult TooLarge(long limit, bool events) =>
        Make(StatusCodes.Status413PayloadTooLarge, "body too large", TooLargeDetail(limit, events));

    /// <summary>
    /// Why a body over its limit was refused (the limit in bytes when known); nothing of it was used. Only a
    /// batch of events can be cut in smaller ones, so only its answer says so.
    /// </summary>
    public static string TooLargeDetail(long? limit, bool events) =>
        $"the request body is larger than this endpoint takes{(limit is { } l ? $" ({l} bytes)" : "")}; nothing of it was used{(events ? ": send smaller batches of events" : "")}";

    /// <summary>Why a body that came too slowly was cut off (Kestrel's minimum data rate); nothing of it was used.</summary>
    public const string TooSlowDetail =
        "the request body came too slowly (under 1,024 bytes a second after 5 seconds) and was cut off; nothing of it was used: send it again";

    /// <summary>The words for answers the framework makes itself (no route, wrong method, wrong content type).</summary>
    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Type = ProblemTypes.Of(problem.Status ?? StatusCodes.Status500InternalServerError);
        problem.Title = problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "body too large",
            StatusCodes.Status408RequestTimeout => "request timeout",
            _ => problem.Title,
        };
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint {context.HttpContext.Request.Path} (the API is described at /openapi/v1.json)",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}",
            StatusCodes.Status413PayloadTooLarge => TooLargeDetail(BodyLimits.Of(context.HttpContext), BodyLimits.IsEvents(context.HttpContext)),
            StatusCodes.Status408RequestTimeout => TooSlowDetail,
            StatusCodes.Status415UnsupportedMediaType =>
                "unsupported Content-Type: events are application/x-ndjson, a policy to validate application/yaml, other bodies application/json",
            _ => problem.Title,
        };
    }

    public static ProblemHttpResult Make(int status, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: ProblemTypes.Of(status), extensions: extensions);
}
