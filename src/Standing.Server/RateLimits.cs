using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Standing.Server;

/// <summary>A key over its rate: 429 with <c>Retry-After</c> (whole seconds, at least 1) and a problem document.</summary>
public static class RateLimits
{
    public static async ValueTask Reject(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Make(StatusCodes.Status429TooManyRequests, "too many requests",
            $"this key is over its rate limit; retry after {seconds} s").ExecuteAsync(context.HttpContext);
    }
}
