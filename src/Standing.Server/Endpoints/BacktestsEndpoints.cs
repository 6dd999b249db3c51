using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Standing.Data.Backtests;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Store;
using Standing.Server.Access;
using Standing.Server.Documents;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>/v1/backtests</c>: what a rule change would have done, as <c>standing backtest</c> answers it. An
/// admin starts one (202: it runs in the background) or starts a failed or interrupted one again; staff
/// read its state and, once done, the same JSON as backtest.json and the self-contained HTML report.
/// Each backtest replays the store of the request's marketplace (the key's, or an admin's
/// <c>?marketplace=</c>), is kept there with its reports, and is seen there only. The store's cases are
/// never written.
/// </summary>
public static class BacktestsEndpoints
{
    /// <summary>A backtest's state; <c>result</c> is backtest.json, on <c>GET /v1/backtests/{id}</c> once done.</summary>
    public sealed record BacktestRunDocument(string Id, string Marketplace, string State, string Standard, string Baseline, string Candidate, string From, string To, int Days,
        string StartedBy, string RequestedAt, string? StartedAt, string? FinishedAt, string? Error, int Attempts, string? Report, JsonElement? Result)
    {
        public static BacktestRunDocument Of(StoredBacktest run, string marketplace, string? resultJson = null)
        {
            ArgumentNullException.ThrowIfNull(run);
            JsonElement? result = null;
            if (resultJson is not null)
            {
                using var parsed = JsonDocument.Parse(resultJson);
                result = parsed.RootElement.Clone();
            }
            return new(run.Id, marketplace, run.State, run.Standard, run.Baseline, run.Candidate, run.From, run.To, run.Days, run.StartedBy,
                EnforcementJson.Instant(run.RequestedAt), run.StartedAt is { } s ? EnforcementJson.Instant(s) : null,
                run.FinishedAt is { } f ? EnforcementJson.Instant(f) : null, run.Error, run.Attempts,
                run.State == BacktestStates.Done ? $"/v1/backtests/{run.Id}/report" : null, result);
        }
    }

    /// <summary>The report's own policy: it carries its style inline and loads nothing.</summary>
    public const string ReportSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/backtests", Start).Allow(KeyRoles.Admin).WithTags("backtests").WithName("startBacktest")
            .Accepts<BacktestPlan.Request>("application/json").Produces<BacktestRunDocument>(StatusCodes.Status202Accepted)
            .WithSummary("Start a backtest of a candidate policy (a built-in id or posted YAML) against a baseline of the same standard, day by day from from to to; " +
                "answered 202 with its id and Location at once, kept in the store and replayed in the background without touching the store's cases");
        v1.MapGet("/backtests", List).Allow(Roles.Staff).WithTags("backtests").WithName("listBacktests")
            .Produces<List<BacktestRunDocument>>().WithSummary("The backtests kept in the store of the request's marketplace, latest first, with their state; paged");
        v1.MapGet("/backtests/{id}", Show).Allow(Roles.Staff).WithTags("backtests").WithName("getBacktest")
            .Produces<BacktestRunDocument>().WithSummary("One backtest's state and, once done, its result: the same JSON as backtest.json");
        v1.MapGet("/backtests/{id}/report", Report).Allow(Roles.Staff).WithTags("backtests").WithName("getBacktestReport")
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithSummary("A done backtest's self-contained HTML report (backtest.html); 409 while it runs or when it failed or was interrupted");
        v1.MapPost("/backtests/{id}/restart", Restart).Allow(KeyRoles.Admin).WithTags("backtests").WithName("restartBacktest")
            .Produces<BacktestRunDocument>(StatusCodes.Status202Accepted)
            .WithSummary("Start a failed or interrupted backtest again, same id, from the request it was started with (checked again against the store); 409 in another state");
    }

    private static IResult Start(HttpContext context, StoreAccess access, BacktestRuns runs, BacktestPlan.Request request)
    {
        var key = context.Key();
        if (!access.HasStore)
            return Problems.Forbidden($"marketplace \"{access.Marketplace}\" has no store in this deployment yet (no event of it was ingested): nothing to replay, nothing was started");
        if (!BacktestPlan.TryMake(request, access, out var plan, out var problem)) return problem!;
        var run = runs.Start(plan, request, access, key.Name);
        return TypedResults.Accepted($"/v1/backtests/{run.Id}", BacktestRunDocument.Of(run, access.Marketplace));
    }

    private static IResult List(HttpContext context, StoreAccess access, BacktestRuns runs, int? limit, string? cursor)
    {
        if (!Page.TryParse(limit, cursor, out var page, out var problem)) return problem;
        var read = runs.List(access, page.Offset, page.Limit + 1);
        return TypedResults.Ok(page.OfRead(read.Select(r => BacktestRunDocument.Of(r, access.Marketplace)).ToList(), context));
    }

    private static IResult Show(StoreAccess access, BacktestRuns runs, string id)
    {
        if (!TryFind(access, runs, id, out var run, out var problem)) return problem;
        var json = run.State == BacktestStates.Done ? runs.Report(access, id, html: false) : null;
        return TypedResults.Ok(BacktestRunDocument.Of(run, access.Marketplace, json));
    }

    private static IResult Report(HttpContext context, StoreAccess access, BacktestRuns runs, string id)
    {
        if (!TryFind(access, runs, id, out var run, out var problem)) return problem;
        if (runs.Report(access, id, html: true) is not { } html)
        {
            return Problems.Conflict(run.State is BacktestStates.Failed or BacktestStates.Interrupted
                ? $"backtest {run.Id} {(run.State == BacktestStates.Failed ? "failed" : "was interrupted")}, it has no report: {run.Error}"
                : $"backtest {run.Id} is {run.State}: its report is ready when it is done (GET /v1/backtests/{run.Id} says)");
        }
        context.Response.Headers.ContentSecurityPolicy = ReportSecurityPolicy;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Restart(StoreAccess access, BacktestRuns runs, string id)
    {
        if (!TryFind(access, runs, id, out _, out var problem)) return problem;
        if (runs.StartAgain(access, id, out var refused) is not { } run) return refused!;
        return TypedResults.Accepted($"/v1/backtests/{run.Id}", BacktestRunDocument.Of(run, access.Marketplace));
    }

    private static bool TryFind(StoreAccess access, BacktestRuns runs, string id, out StoredBacktest run, out IResult problem)
    {
        run = null!;
        problem = null!;
        if (Ids.IsBad("id", id, out var bad))
        {
            problem = bad;
            return false;
        }
        // A key of another marketplace sees none of this one's backtests (they are in another store): answered as unknown.
        if (runs.Find(access, id) is not { } found)
        {
            problem = Problems.NotFound("id", $"no backtest \"{Inputs.Shown(id)}\"");
            return false;
        }
        run = found;
        return true;
    }
}
