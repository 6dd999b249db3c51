using Microsoft.AspNetCore.Http;

namespace Standing.Server.Documents;

/// <summary>A JSON document already written (kept between reads): its bytes are sent as they are.</summary>
public sealed class KeptDocumentResult(byte[] document) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = document.Length;
        return httpContext.Response.Body.WriteAsync(document, httpContext.RequestAborted).AsTask();
    }
}
