using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Standing.Cli.Output;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Server.Access;
using Standing.Server.Documents;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>/v1/cases</c>: enforcement cases (the documents of <c>cases list|show --format json</c>) and
/// people's decisions on them; the decision's actor is the key's name.
/// </summary>
public static class CasesEndpoints
{
    public sealed record DecisionRequest(string? Decision, string? Note);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/cases", List).Allow(Roles.Readers).WithTags("cases").WithName("listCases").Produces<List<Schemas.CaseDocument>>()
            .WithSummary("Cases, filtered by state, seller, policy, kind, overdue; paged");
        v1.MapGet("/cases/{id}", Show).Allow(Roles.Readers).WithTags("cases").WithName("getCase").Produces<Schemas.CaseDocument>()
            .WithSummary("One case with its audit trail (the evidence of each step) and its notices");
        v1.MapPost("/cases/{id}/decisions", Decide).Allow(Roles.Deciders).WithTags("cases").WithName("decideCase").Produces<Schemas.CaseDocument>()
            .Accepts<DecisionRequest>("application/json")
            .WithSummary("A person's decision (confirm, dismiss, reinstate, answer, fine:AMOUNT) with a note; refused (409) when the state does not allow it");
    }

    private static IResult List(HttpContext context, StoreAccess access, ServerOptions options,
        string? state, string? seller, string? policy, string? kind, bool? overdue, int? limit, string? cursor)
    {
        if (Ids.IsBad("seller", seller, out var bad) || StateFilter.IsBad(state, StateFilter.OfCases, "case", out bad)) return bad;
        if (!Page.TryParse(limit, cursor, out var page, out var problem)) return problem;
        var key = context.Key();
        if (!access.HasStore)
        {
            if (ListFilter.IsBad("policy", policy, ListFilter.Policies([]), "a policy of this store's cases", out bad)
                || ListFilter.IsBad("kind", kind, ListFilter.BuiltInCaseKinds, "a kind of case", out bad)) return bad;
            return new JsonDocumentResult(stream => CaseJson.WriteList(stream, []));
        }
        var now = options.Now();
        using var store = access.Enforcement();
        if (ListFilter.IsBad("policy", policy, ListFilter.Policies(store.AllRuns().Select(r => r.Policy)), "a policy of this store's cases", out bad)) return bad;
        var sellerShown = key.SellerFilter(seller);
        if (sellerShown is null) return EveryCase(context, store, page, now, state, policy, kind, overdue);
        var cases = store.Cases(policy, sellerShown).AsEnumerable();
        // A kind of a policy file's cases is known by the cases that have it.
        if (kind is not null && !ListFilter.BuiltInCaseKinds.Contains(kind) && !cases.Any(c => c.Kind == kind)
            && ListFilter.IsBad("kind", kind, ListFilter.BuiltInCaseKinds, "a kind of case", out bad)) return bad;
        if (key.Role == Data.Keys.KeyRoles.Seller && seller is not null && seller != key.Seller) cases = [];
        if (state is not null) cases = cases.Where(c => c.State == state);
        if (kind is not null) cases = cases.Where(c => c.Kind == kind);
        if (overdue == true) cases = cases.Where(c => CaseQueue.IsOverdue(c, now));
        var shown = page.Of(cases.ToList(), context);
        return new JsonDocumentResult(stream => CaseJson.WriteList(stream, shown, _ => now));
    }

    /// <summary>
    /// The list without a seller: only the page asked is read (<see cref="Data.Enforcement.EnforcementStore.CasePage"/>),
    /// with one case more telling that another page follows; a seller's few cases are still read whole and paged above.
    /// </summary>
    private static IResult EveryCase(HttpContext context, Data.Enforcement.EnforcementStore store, Page page, NodaTime.Instant now,
        string? state, string? policy, string? kind, bool? overdue)
    {
        if (kind is not null && !ListFilter.BuiltInCaseKinds.Contains(kind) && !store.HasCaseOfKind(policy, kind)
            && ListFilter.IsBad("kind", kind, ListFilter.BuiltInCaseKinds, "a kind of case", out var bad)) return bad;
        var read = store.CasePage(policy, state, kind, overdue == true ? now : null, page.Offset, page.Limit + 1);
        var shown = page.OfRead(read, context);
        return new JsonDocumentResult(stream => CaseJson.WriteList(stream, shown, _ => now));
    }

    private static IResult Show(HttpContext context, StoreAccess access, ServerOptions options, string id)
    {
        if (Ids.IsBad("id", id, out var bad)) return bad;
        if (!access.HasStore) return Unknown(id);
        using var store = access.Enforcement();
        if (store.Case(id) is not { } c || !context.Key().Sees(access, c.Seller)) return Unknown(id);
        var audit = store.Audit(c.Id, c.Seller);
        var notices = store.Notices(c.Seller, c.Id);
        return new JsonDocumentResult(stream => CaseJson.WriteOne(stream, c, audit, notices, access.Marketplace, ActionTime.At(access, c.Policy, options.Now(), c.UpdatedAt)));
    }

    private static IResult Decide(HttpContext context, StoreAccess access, ServerOptions options, string id, DecisionRequest request)
    {
        if (Ids.IsBad("id", id, out var bad)) return bad;
        var (moved, failed) = CaseDecisions.Decide(access, context.Key(), id, request.Decision, request.Note, options.Now());
        if (failed is not null) return Problem(failed);
        using var store = access.Enforcement();
        var audit = store.Audit(moved!.Id, moved.Seller);
        var notices = store.Notices(moved!.Seller, moved.Id);
        return new JsonDocumentResult(stream => CaseJson.WriteOne(stream, moved!, audit, notices, access.Marketplace, ActionTime.At(access, moved!.Policy, options.Now(), moved!.UpdatedAt)));
    }

    /// <summary>A decision not made, as a problem document: 400 for a bad field, 404, or 409 with the refusal.</summary>
    internal static IResult Problem(CaseDecisions.Failure failed) => failed.Kind switch
    {
        CaseDecisions.FailureKind.BadField => Problems.BadField(failed.Field, failed.Message),
        CaseDecisions.FailureKind.NotFound => Problems.NotFound(failed.Field, failed.Message),
        _ => Problems.Conflict(failed.Message),
    };

    private static IResult Unknown(string id) => Problems.NotFound("id", $"no case \"{Inputs.Shown(id)}\"");
}
