using Microsoft.AspNetCore.Mvc;
using Standing.Data.Keys;
using Standing.Server.Endpoints;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary><c>/backtests/{id}</c>: one backtest's state, then its report (refreshing itself while it runs).</summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class BacktestModel(StoreAccess access, BacktestRuns runs) : StandingPageModel
{
    public BacktestRun Run { get; private set; } = null!;

    public bool Finished => Run.State is BacktestRuns.Done or BacktestRuns.Failed;

    public IActionResult OnGet(string id)
    {
        if (runs.Find(id, access.Marketplace) is not { } run) return NotFound();
        Run = run;
        if (!Finished) Response.Headers["Refresh"] = "2"; // plain HTML, no script: the browser asks again until it is done
        return Page();
    }

    /// <summary><c>/backtests/{id}/report</c>: the report itself, as <c>GET /v1/backtests/{id}/report</c> serves it, framed by the page above.</summary>
    public IActionResult OnGetReport(string id)
    {
        if (runs.Find(id, access.Marketplace) is not { Html: { } html }) return NotFound();
        Response.Headers.ContentSecurityPolicy = BacktestsEndpoints.ReportSecurityPolicy + "; frame-ancestors 'self'";
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(html, "text/html; charset=utf-8");
    }
}
