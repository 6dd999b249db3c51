using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Machines;
using Standing.Policies;
using Standing.Server.Access;
using Standing.Server.Documents;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary><c>/v1/runs</c>: trigger the daily enforcement job (admin), and see the runs recorded.</summary>
public static class RunsEndpoints
{
    /// <summary><c>as_of</c> as <c>--as-of</c> (a date: midnight in each policy's zone); <c>policies</c> default to every enforced pack.</summary>
    public sealed record RunRequest(string? AsOf, IReadOnlyList<string>? Policies);

    public sealed record RunDocument(string Policy, string AsOf);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/runs", Trigger).Allow(KeyRoles.Admin).WithTags("runs").WithName("triggerRun")
            .Accepts<RunRequest>("application/json").Produces<List<DailyJob.PolicyRun>>()
            .WithSummary("Run the daily enforcement job as of an instant; an as-of already run changes nothing; an earlier one is refused (409)");
        v1.MapGet("/runs", List).Allow(Roles.Staff).WithTags("runs").WithName("listRuns")
            .Produces<List<RunDocument>>().WithSummary("The runs recorded, by policy and as-of; paged");
    }

    private static IResult Trigger(HttpContext context, StoreAccess access, ServerOptions options, RunRequest request)
    {
        if (!access.HasStore) return Problems.Forbidden(Problems.NoStore(access, "run"));
        if (string.IsNullOrEmpty(request.AsOf)) return Problems.BadField("as_of", "as_of is required: an instant with offset (2026-03-01T00:00:00+01:00) or a date (2026-03-01)");
        var steps = new List<(Policy, IPackMachine, Instant)>();
        // The set standing run enforces: every built-in pack with an enforcement section or a C# machine,
        // found from the loaded policy, never from a list of pack ids.
        var enforced = BuiltInPacks.Ids.Where(id => PackMachines.For(BuiltInPacks.Shared(id)) is not null).ToList();
        foreach (var id in request.Policies is { Count: > 0 } ids ? ids : enforced)
        {
            if (!Inputs.TryPolicy(id, out var policy, out var problem)) return Problems.BadField("policies", problem.ProblemDetails.Detail!);
            if (PackMachines.For(policy) is not { } machine)
                return Problems.BadField("policies", $"policy {policy.Id} has no enforcement section (enforced: {string.Join(", ", enforced)})");
            if (!Inputs.TryAsOf(request.AsOf, policy, access, "as_of", out var asOf, out problem)) return problem;
            steps.Add((policy, machine, asOf));
        }
        var (runs, refusal) = DailyJob.Run(access, steps);
        return refusal is not null ? Problems.Conflict(refusal) : TypedResults.Ok(runs);
    }

    private static IResult List(HttpContext context, StoreAccess access, string? policy, int? limit, string? cursor)
    {
        if (!Page.TryParse(limit, cursor, out var page, out var problem)) return problem;
        var recorded = new List<(string Policy, Instant AsOf)>();
        if (access.HasStore)
        {
            using var store = access.Enforcement();
            recorded.AddRange(store.AllRuns());
        }
        if (ListFilter.IsBad("policy", policy, ListFilter.Policies(recorded.Select(r => r.Policy)), "a policy runs can be of", out var bad)) return bad;
        var runs = recorded.Where(r => policy is null || r.Policy == policy).Select(r => new RunDocument(r.Policy, EnforcementJson.Instant(r.AsOf))).ToList();
        return TypedResults.Ok(page.Of(runs, context));
    }
}
