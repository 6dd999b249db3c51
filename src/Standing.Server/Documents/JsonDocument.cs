using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Standing.Server.Documents;

/// <summary>
/// A JSON answer written by one of the CLI's own document writers (or a small writer of the server),
/// so that the HTTP and the command-line documents are the same. Written to memory first: the
/// writers are synchronous, and a failure then never sends half a document.
/// </summary>
public sealed class JsonDocumentResult(Action<Stream> write, int status = StatusCodes.Status200OK) : IResult
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Serializer = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A document written with a <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonDocumentResult Of(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK) => new(stream =>
    {
        using var json = new Utf8JsonWriter(stream, Options);
        write(json);
    }, status);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
    }
}
