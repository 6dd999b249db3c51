using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Standing.Server;

/// <summary>
/// The API's body limits (docs/api.md): every <c>/v1</c> body but a batch of events is at most
/// <see cref="ServerOptions.MaxBodyBytes"/>, so a decision's note or a dispute's reason cannot carry
/// megabytes into the store; <c>POST /v1/events</c> raises its own to <see cref="ServerOptions.MaxEventsBytes"/>.
/// A body over its limit is answered 413 with the limit, before the endpoint sees it.
/// </summary>
public static class BodyLimits
{
    public static Task Apply(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = context.RequestServices.GetService(typeof(ServerOptions)) is ServerOptions options ? options.MaxBodyBytes : size.MaxRequestBodySize;
        }
        return next(context);
    }

    /// <summary>Whether the request is a batch of events (<c>POST /v1/events</c>), the one body that can be sent in smaller parts.</summary>
    public static bool IsEvents(HttpContext context) => context.Request.Path.Equals("/v1/events", StringComparison.Ordinal);

    /// <summary>The limit the request was held to (null when the server does not say).</summary>
    public static long? Of(HttpContext context) => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
}
