using Microsoft.AspNetCore.Mvc;
using Standing.Data.Backtests;
using Standing.Data.Keys;
using Standing.Policies;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/backtests</c>: the backtests kept in the marketplace's store with their state, a page at a time, and (admin) the form that
/// starts one: the candidate as a built-in policy or an edited YAML copy, the baseline, the days, or the
/// candidate against itself without its guards. Checked as <c>POST /v1/backtests</c> checks it.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class BacktestsModel(StoreAccess access, BacktestRuns runs) : StandingPageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<StoredBacktest> Runs { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    /// <summary>Whether older runs follow this page.</summary>
    public bool HasOlder { get; private set; }

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

    public void OnGet() => Read();

    public IActionResult OnPost()
    {
        if (!MayStart) return StatusCode(403);
        // The YAML box wins over the list: the list always has a value.
        var yaml = string.IsNullOrWhiteSpace(PolicyYaml) ? null : PolicyYaml;
        var request = new BacktestPlan.Request(yaml is null ? Policy : null, yaml, GuardCompare ? null : Baseline, From, To, GuardCompare);
        if (BacktestPlan.TryMake(request, access, out var plan, out var problem))
        {
            var run = runs.Start(plan, request, access, Caller.Name);
            return Redirect($"/backtests/{Uri.EscapeDataString(run.Id)}");
        }
        var details = problem!.ProblemDetails;
        Error = details.Detail;
        if (details.Extensions.TryGetValue("errors", out var errors) && errors is List<object> list) PolicyErrors = list.OfType<BacktestPlan.PolicyErrorDocument>().ToList();
        Response.StatusCode = details.Status ?? 400;
        Read();
        return Page();
    }

    private void Read()
    {
        PageNumber = PageNumbers.Of(Request);
        var read = runs.List(access, (PageNumber - 1) * PageSize, PageSize + 1);
        HasOlder = read.Count > PageSize;
        Runs = read.Take(PageSize).ToList();
    }

    public static string When(NodaTime.Instant? at) => at is { } a ? Data.Enforcement.EnforcementJson.Instant(a) : "";
}
