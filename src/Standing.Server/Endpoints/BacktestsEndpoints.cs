using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Store;
using Standing.Server.Access;
using Standing.Server.Documents;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>/v1/backtests</c>: what a rule change would have done, as <c>standing backtest</c> answers it. An
/// admin starts one (202: it runs in the background); staff read its state and, once done, the same JSON
/// as backtest.json and the self-contained HTML report. Each backtest replays the store of the request's
/// marketplace (the key's, or an admin's <c>?marketplace=</c>) and is seen there only. The store's cases
/// are never written.
/// </summary>
public static class BacktestsEndpoints
{
    /// <summary>A backtest's state; <c>result</c> is backtest.json, on <c>GET /v1/backtests/{id}</c> once done.</summary>
    public sealed record BacktestRunDocument(string Id, string Marketplace, string State, string Standard, string Baseline, string Candidate, string From, string To, int Days,
        string StartedBy, string RequestedAt, string? StartedAt, string? FinishedAt, string? Error, string? Report, JsonElement? Result)
    {
        public static BacktestRunDocument Of(BacktestRun run, bool withResult)
        {
            var plan = run.Plan;
            JsonElement? result = null;
            if (withResult && run.Json is { } json)
            {
                using var parsed = JsonDocument.Parse(json);
                result = parsed.RootElement.Clone();
            }
            return new(run.Id, run.Marketplace, run.State, plan.Candidate.Id, plan.BaselineSource, plan.CandidateSource, BacktestPlan.Date(plan.Days[0]), BacktestPlan.Date(plan.Days[^1]),
                plan.Days.Count, run.StartedBy, EnforcementJson.Instant(run.RequestedAt), run.StartedAt is { } s ? EnforcementJson.Instant(s) : null,
                run.FinishedAt is { } f ? EnforcementJson.Instant(f) : null, run.Error, run.State == BacktestRuns.Done ? $"/v1/backtests/{run.Id}/report" : null, result);
        }
    }

    /// <summary>The report's own policy: it carries its style inline and loads nothing.</summary>
    public const string ReportSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/backtests", Start).Allow(KeyRoles.Admin).WithTags("backtests").WithName("startBacktest")
            .Accepts<BacktestPlan.Request>("application/json").Produces<BacktestRunDocument>(StatusCodes.Status202Accepted)
            .WithSummary("Start a backtest of a candidate policy (a built-in id or posted YAML) against a baseline of the same standard, day by day from from to to; " +
                "answered 202 with its id and Location at once, replayed in the background without touching the store's cases");
        v1.MapGet("/backtests", List).Allow(Roles.Staff).WithTags("backtests").WithName("listBacktests")
            .Produces<List<BacktestRunDocument>>().WithSummary("The backtests of the request's marketplace started on this server since it started, latest first, with their state; paged");
        v1.MapGet("/backtests/{id}", Show).Allow(Roles.Staff).WithTags("backtests").WithName("getBacktest")
            .Produces<BacktestRunDocument>().WithSummary("One backtest's state and, once done, its result: the same JSON as backtest.json");
        v1.MapGet("/backtests/{id}/report", Report).Allow(Roles.Staff).WithTags("backtests").WithName("getBacktestReport")
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithSummary("A done backtest's self-contained HTML report (backtest.html); 409 while it runs");
    }

    private static IResult Start(HttpContext context, StoreAccess access, BacktestRuns runs, BacktestPlan.Request request)
    {
        var key = context.Key();
        if (!access.HasStore)
            return Problems.Forbidden($"marketplace \"{access.Marketplace}\" has no store in this deployment yet (no event of it was ingested): nothing to replay, nothing was started");
        if (!BacktestPlan.TryMake(request, access, out var plan, out var problem)) return problem!;
        var run = runs.Start(plan, access.Marketplace, key.Name);
        return TypedResults.Accepted($"/v1/backtests/{run.Id}", BacktestRunDocument.Of(run, withResult: false));
    }

    private static IResult List(HttpContext context, StoreAccess access, BacktestRuns runs, int? limit, string? cursor)
    {
        if (!Page.TryParse(limit, cursor, out var page, out var problem)) return problem;
        return TypedResults.Ok(page.Of(runs.All(access.Marketplace).Select(r => BacktestRunDocument.Of(r, withResult: false)).ToList(), context));
    }

    private static IResult Show(HttpContext context, BacktestRuns runs, string id)
    {
        if (!TryFind(context, runs, id, out var run, out var problem)) return problem;
        return TypedResults.Ok(BacktestRunDocument.Of(run, withResult: true));
    }

    private static IResult Report(HttpContext context, BacktestRuns runs, string id)
    {
        if (!TryFind(context, runs, id, out var run, out var problem)) return problem;
        if (run.Html is not { } html)
        {
            return Problems.Conflict(run.State == BacktestRuns.Failed
                ? $"backtest {run.Id} failed, it has no report: {run.Error}"
                : $"backtest {run.Id} is {run.State}: its report is ready when it is done (GET /v1/backtests/{run.Id} says)");
        }
        context.Response.Headers.ContentSecurityPolicy = ReportSecurityPolicy;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static bool TryFind(HttpContext context, BacktestRuns runs, string id, out BacktestRun run, out IResult problem)
    {
        run = null!;
        problem = null!;
        if (Ids.IsBad("id", id, out var bad))
        {
            problem = bad;
            return false;
        }
        // A key of another marketplace sees none of this one's backtests: answered as unknown.
        if (runs.Find(id, context.RequestServices.GetRequiredService<StoreAccess>().Marketplace) is not { } found)
        {
            problem = Problems.NotFound("id", $"no backtest \"{Inputs.Shown(id)}\" (the server keeps the latest {BacktestRuns.Kept} until it stops)");
            return false;
        }
        run = found;
        return true;
    }
}
