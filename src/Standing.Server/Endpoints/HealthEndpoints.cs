using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Standing.Data.Store;

namespace Standing.Server.Endpoints;

/// <summary><c>/healthz</c>: the process answers; <c>/readyz</c>: and the store opens (no key needed for either).</summary>
public static class HealthEndpoints
{
    public sealed record Health(string Status, string? Store = null);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new Health("ok"))).WithTags("health").WithName("healthz");
        app.MapGet("/readyz", (StoreAccess access) =>
        {
            try
            {
                using var events = access.Events();
                return Results.Ok(new Health("ready", events.Engine));
            }
            catch (EventStoreException)
            {
                return Problems.Make(StatusCodes.Status503ServiceUnavailable, "not ready", "the event store cannot be opened");
            }
        }).WithTags("health").WithName("readyz");
    }
}
