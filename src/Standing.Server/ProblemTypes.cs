using Microsoft.AspNetCore.Http;

namespace Standing.Server;

/// <summary>
/// The <c>type</c> of a problem document: the section of the HTTP standard that defines its status
/// (RFC 9110; RFC 6585 for 429 and 431), so that every answer names one, including the statuses the
/// framework has no default for (413, 414, 429). A status without a section is <c>about:blank</c>,
/// which RFC 9457 says means "no more than the status".
/// </summary>
public static class ProblemTypes
{
    private const string Http = "https://tools.ietf.org/html/rfc9110#section-";
    private const string Additional = "https://tools.ietf.org/html/rfc6585#section-";

    public static string Of(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Http + "15.5.1",
        StatusCodes.Status401Unauthorized => Http + "15.5.2",
        StatusCodes.Status403Forbidden => Http + "15.5.4",
        StatusCodes.Status404NotFound => Http + "15.5.5",
        StatusCodes.Status405MethodNotAllowed => Http + "15.5.6",
        StatusCodes.Status406NotAcceptable => Http + "15.5.7",
        StatusCodes.Status408RequestTimeout => Http + "15.5.9",
        StatusCodes.Status409Conflict => Http + "15.5.10",
        StatusCodes.Status411LengthRequired => Http + "15.5.12",
        StatusCodes.Status413PayloadTooLarge => Http + "15.5.14",
        StatusCodes.Status414UriTooLong => Http + "15.5.15",
        StatusCodes.Status415UnsupportedMediaType => Http + "15.5.16",
        StatusCodes.Status422UnprocessableEntity => Http + "15.5.21",
        StatusCodes.Status429TooManyRequests => Additional + "4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => Additional + "5",
        StatusCodes.Status500InternalServerError => Http + "15.6.1",
        StatusCodes.Status503ServiceUnavailable => Http + "15.6.4",
        _ => "about:blank",
    };
}
