using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;
using Standing.Server.Access;
using Standing.Server.Endpoints;
using Standing.Server.Web;

namespace Standing.Server;

/// <summary>
/// <c>standing serve</c>: the HTTP API over one event store. Keys (Bearer) and roles guard <c>/v1</c>;
/// each key has its own rate limit; errors are problem documents; the OpenAPI document is at
/// <c>/openapi/v1.json</c> and its reference page at <c>/scalar</c>. Beside it, the pages for people
/// (<c>Pages/</c>, signed in with a key exchanged for a session cookie: docs/pages.md).
/// </summary>
public static class StandingServer
{
    public static WebApplication Build(ServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var access = new StoreAccess(options.Db, options.KeptEvaluations); // fails here, before listening, when the store is not usable
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Listen.Split(';'));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxEventsBytes;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.MinRequestBodyDataRate = new(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5)); // a slow client is cut off
            // Lines up to 64 KiB reach the app, which refuses a target over 8 KiB with a problem document (RequestTargets);
            // the first line of each connection is read before Kestrel, so that what Kestrel would refuse bare is explained.
            k.Limits.MaxRequestLineSize = RequestTargets.KestrelLineBytes;
            k.ConfigureEndpointDefaults(listen => listen.Use(next => new RequestLineCheck(next, k.Limits.KeepAliveTimeout, k.Limits.RequestHeadersTimeout,
                listen.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<RequestLineCheck>()).OnConnection));
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(30)); // in-flight requests finish
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            // JSON lines on stdout, queued without a lock (JsonLinesLoggerProvider); disposed, so flushed, at shutdown.
            builder.Services.AddSingleton<ILoggerProvider, JsonLinesLoggerProvider>();
            // One line per request, RequestLog's: the framework's own per-request records (request starting and
            // finished, endpoint executing and executed) were four more, most of a read's logging cost.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }
        // Each request works on its key's marketplace (docs/marketplaces.md): the access is chosen per request.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(_ => access.Versions); // made by a factory, so the container disposes it: its connections close at shutdown
        builder.Services.AddSingleton(new Deployment(access)).AddSingleton(options).AddSingleton<Jobs.BacktestRuns>().AddSingleton<KnownKeys>();
        builder.Services.AddScoped(services => access.ForRequest(services.GetRequiredService<IHttpContextAccessor>().HttpContext));
        // Bad bodies and parameters reach Failures, which names the place at fault.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(r => r.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(p => p.CustomizeProblemDetails = Problems.Explain).AddExceptionHandler<Failures>();
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            j.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict; // numbers are numbers, never strings
            j.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => context.KeyOrNull() is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key.Id, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst, TokensPerPeriod = options.RequestsPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            r.OnRejected = RateLimits.Reject;
        });
        builder.Services.AddOpenApi(o => OpenApiDocument.Configure(o));
        builder.Services.AddPages();

        var app = builder.Build();
        app.UseMiddleware<RequestLog>(); // outermost: it logs the status the client gets, a failure's too
        app.Use(RequestTargets.Refuse);
        app.UseExceptionHandler();
        app.UsePages();
        app.UseRouting();
        app.Use(RequestLog.RememberRoute);
        app.Use(BodyLimits.Apply);
        app.UseMiddleware<KeyAuthentication>();
        app.UseMiddleware<SessionCookie>();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapScalarApiReference();
        HealthEndpoints.Map(app);
        var v1 = app.MapGroup("/v1");
        EventsEndpoints.Map(v1);
        SellersEndpoints.Map(v1);
        CasesEndpoints.Map(v1);
        DisputesEndpoints.Map(v1);
        NoticesEndpoints.Map(v1);
        PoliciesEndpoints.Map(v1);
        RunsEndpoints.Map(v1);
        BacktestsEndpoints.Map(v1);
        KeysEndpoints.Map(v1);
        app.MapPages();
        // Before the first request: the runs a stopped (or killed) server left queued or running are interrupted.
        app.Services.GetRequiredService<Jobs.BacktestRuns>().InterruptLeftOver();
        app.Services.GetRequiredService<StoreVersions>(); // made now, so that the container disposes it

        return app;
    }
}
