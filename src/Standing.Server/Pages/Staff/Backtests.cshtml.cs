using Microsoft.AspNetCore.Mvc;
using Standing.Data.Keys;
using Standing.Policies;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/backtests</c>: the backtests started on this server with their state, and (admin) the form that
/// starts one: the candidate as a built-in policy or an edited YAML copy, the baseline, the days, or the
/// candidate against itself without its guards. Checked as <c>POST /v1/backtests</c> checks it.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class BacktestsModel(StoreAccess access, BacktestRuns runs) : StandingPageModel
{
    public IReadOnlyList<BacktestRun> Runs { get; private set; } = [];

    public static IReadOnlyList<string> Policies => BuiltInPacks.Ids;

    [BindProperty] public string? Policy { get; set; }
    [BindProperty] public string? PolicyYaml { get; set; }
    [BindProperty] public string? Baseline { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public bool GuardCompare { get; set; }

    public string? Error { get; private set; }

    /// <summary>The located errors of a posted YAML candidate.</summary>
    public IReadOnlyList<BacktestPlan.PolicyErrorDocument> PolicyErrors { get; private set; } = [];

    public bool MayStart => Caller.Role == KeyRoles.Admin;

    public void OnGet() => Runs = runs.All(access.Marketplace);

    public IActionResult OnPost()
    {
        if (!MayStart) return StatusCode(403);
        // The YAML box wins over the list: the list always has a value.
        var yaml = string.IsNullOrWhiteSpace(PolicyYaml) ? null : PolicyYaml;
        var request = new BacktestPlan.Request(yaml is null ? Policy : null, yaml, GuardCompare ? null : Baseline, From, To, GuardCompare);
        if (BacktestPlan.TryMake(request, access, out var plan, out var problem))
        {
            var run = runs.Start(plan, access.Marketplace, Caller.Name);
            return Redirect($"/backtests/{Uri.EscapeDataString(run.Id)}");
        }
        var details = problem!.ProblemDetails;
        Error = details.Detail;
        if (details.Extensions.TryGetValue("errors", out var errors) && errors is List<object> list) PolicyErrors = list.OfType<BacktestPlan.PolicyErrorDocument>().ToList();
        Response.StatusCode = details.Status ?? 400;
        Runs = runs.All(access.Marketplace);
        return Page();
    }

    public static string When(NodaTime.Instant? at) => at is { } a ? Data.Enforcement.EnforcementJson.Instant(a) : "";
}
