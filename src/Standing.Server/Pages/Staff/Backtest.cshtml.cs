using Microsoft.AspNetCore.Mvc;
using Standing.Data.Backtests;
using Standing.Data.Keys;
using Standing.Server.Endpoints;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/backtests/{id}</c>: one backtest's state, then its report (refreshing itself while it runs); a
/// failed or interrupted one has (admin) the button that starts it again, as <c>POST /v1/backtests/{id}/restart</c> does.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class BacktestModel(StoreAccess access, BacktestRuns runs) : StandingPageModel
{
    public StoredBacktest Run { get; private set; } = null!;

    public string Marketplace => access.Marketplace;

    public bool Finished => BacktestStates.Ended(Run.State);

    public bool MayStartAgain => Caller.Role == KeyRoles.Admin && BacktestStates.MayStartAgain(Run.State);

    /// <summary>Why starting it again was refused, shown above the button.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (runs.Find(access, id) is not { } run) return NotFound();
        Run = run;
        if (!Finished) Response.Headers["Refresh"] = "2"; // plain HTML, no script: the browser asks again until it is done
        return Page();
    }

    /// <summary><c>/backtests/{id}/report</c>: the report itself, as <c>GET /v1/backtests/{id}/report</c> serves it, framed by the page above.</summary>
    public IActionResult OnGetReport(string id)
    {
        if (runs.Report(access, id, html: true) is not { } html) return NotFound();
        Response.Headers.ContentSecurityPolicy = BacktestsEndpoints.ReportSecurityPolicy + "; frame-ancestors 'self'";
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The button of a failed or interrupted run: queued again, same id; back to its page.</summary>
    public IActionResult OnPostRestart(string id)
    {
        if (Caller.Role != KeyRoles.Admin) return StatusCode(403);
        if (runs.Find(access, id) is null) return NotFound();
        if (runs.StartAgain(access, id, out var problem) is not null) return Redirect($"/backtests/{Uri.EscapeDataString(id)}");
        var details = problem!.ProblemDetails;
        Error = details.Detail;
        Response.StatusCode = details.Status ?? 409;
        Run = runs.Find(access, id)!;
        return Page();
    }
}
