using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Disputes;
using Standing.Server.Access;
using Standing.Server.Documents;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>/v1/disputes</c>: a seller (or staff on its behalf) disputes one counted item; an operator
/// accepts or rejects it, as <c>standing disputes open|decide|list</c> do. The decider is the key's name.
/// </summary>
public static class DisputesEndpoints
{
    public sealed record DisputeRequest(string? Seller, string? Policy, string? Metric, string? Item, string? Reason);

    public sealed record DisputeDecisionRequest(string? Decision, string? Note);

    public sealed record DisputeDocument(string Id, string Seller, string Policy, string? Metric, string Item, string Reason,
        string OpenedAt, string State, string? DecidedAt, string? DecidedBy, string? Note)
    {
        public static DisputeDocument Of(Dispute d) => new(d.Id, d.Seller, d.Policy, d.Metric, d.Item, d.Reason, EnforcementJson.Instant(d.OpenedAt),
            d.State, d.DecidedAt is { } t ? EnforcementJson.Instant(t) : null, d.DecidedBy, d.Note);
    }

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/disputes", List).Allow(Roles.Readers).WithTags("disputes").WithName("listDisputes")
            .Produces<List<DisputeDocument>>().WithSummary("Disputes, filtered by seller, policy and state; paged");
        v1.MapGet("/disputes/{id}", Show).Allow(Roles.Readers).WithTags("disputes").WithName("showDispute")
            .Produces<DisputeDocument>().WithSummary("One dispute (the Location a new one is answered with)");
        v1.MapPost("/disputes", Open).Allow([KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Seller]).WithTags("disputes").WithName("openDispute")
            .Accepts<DisputeRequest>("application/json").Produces<DisputeDocument>(StatusCodes.Status201Created)
            .WithSummary("Dispute one counted item (an order, review or case id as explain shows it)");
        v1.MapPost("/disputes/{id}/decisions", Decide).Allow(Roles.Deciders).WithTags("disputes").WithName("decideDispute")
            .Accepts<DisputeDecisionRequest>("application/json").Produces<DisputeDocument>()
            .WithSummary("Accept or reject a dispute; a decision is final");
    }

    private static IResult List(HttpContext context, StoreAccess access, string? seller, string? policy, string? state, int? limit, string? cursor)
    {
        if (Ids.IsBad("seller", seller, out var bad) || StateFilter.IsBad(state, StateFilter.OfDisputes, "dispute", out bad)) return bad;
        if (!Page.TryParse(limit, cursor, out var page, out var problem)) return problem;
        var key = context.Key();
        if (!access.HasStore)
            return ListFilter.IsBad("policy", policy, ListFilter.Policies([]), "a policy a dispute can be under", out bad) ? bad : TypedResults.Ok(new List<DisputeDocument>());
        using var store = access.Enforcement();
        // A policy no dispute can be under (neither built in nor one of the store's disputes') is a mistake, never an empty list.
        if (ListFilter.IsBad("policy", policy, ListFilter.Policies(store.Disputes().Select(d => d.Policy)), "a policy a dispute can be under", out bad)) return bad;
        if (seller is not null && !key.Sees(access, seller)) return TypedResults.Ok(new List<DisputeDocument>());
        var disputes = store.Disputes(key.SellerFilter(seller))
            .Where(d => (state is null || d.State == state) && (policy is null || d.Policy == policy)).ToList();
        return TypedResults.Ok(page.Of(disputes, context).Select(DisputeDocument.Of).ToList());
    }

    /// <summary>A dispute the key may not see (another seller's, for a seller key) is answered as an unknown one.</summary>
    private static IResult Show(HttpContext context, StoreAccess access, string id)
    {
        if (Ids.IsBad("id", id, out var bad)) return bad;
        if (!access.HasStore) return Problems.NotFound("id", $"no dispute \"{Inputs.Shown(id)}\"");
        using var store = access.Enforcement();
        return store.Dispute(id) is { } d && context.Key().Sees(access, d.Seller)
            ? TypedResults.Ok(DisputeDocument.Of(d))
            : Problems.NotFound("id", $"no dispute \"{Inputs.Shown(id)}\"");
    }

    private static IResult Open(HttpContext context, StoreAccess access, ServerOptions options, DisputeRequest request)
    {
        if (string.IsNullOrEmpty(request.Seller)) return Problems.BadField("seller", "seller is required");
        if (Ids.IsBad("seller", request.Seller, out var bad) || Ids.IsBad("item", request.Item, out bad) || Ids.IsBad("metric", request.Metric, out bad)) return bad;
        if (string.IsNullOrEmpty(request.Item)) return Problems.BadField("item", "item is required: an order, review or case id as explain shows it");
        if (string.IsNullOrWhiteSpace(request.Reason)) return Problems.BadField("reason", "reason must say why the item should not count");
        if (!Inputs.TryPolicy(request.Policy, out var policy, out var problem)) return problem;
        if (request.Metric is { } metricId)
        {
            if (policy.Metrics.FirstOrDefault(m => m.Id == metricId) is not { } m)
                return Problems.BadField("metric", $"metric \"{metricId}\" is not in policy {policy.Id}; its metrics: {string.Join(", ", policy.Metrics.Select(x => x.Id))}");
            if (!DisputeExclusion.Supports(m)) return Problems.BadField("metric", $"items of metric {metricId} (subject {m.Subject}) cannot be disputed yet");
        }
        var opened = DisputeOpening.Open(access, options, context.Key(), policy, request.Seller, request.Metric, request.Item, request.Reason);
        return opened.Refusal switch
        {
            DisputeOpening.Refusal.UnknownSeller => Problems.NotFound("seller", opened.Detail),
            DisputeOpening.Refusal.UnknownItem => Problems.NotFound("item", opened.Detail),
            DisputeOpening.Refusal.AlreadyDisputed => Problems.Conflict(opened.Detail),
            _ => TypedResults.Created($"/v1/disputes/{opened.Dispute!.Id}", DisputeDocument.Of(opened.Dispute)),
        };
    }

    private static IResult Decide(HttpContext context, StoreAccess access, ServerOptions options, string id, DisputeDecisionRequest request)
    {
        if (Ids.IsBad("id", id, out var bad)) return bad;
        var (decided, failed) = DisputeDecisions.Decide(access, context.Key(), id, request.Decision, request.Note, options.Now());
        return failed is not null ? CasesEndpoints.Problem(failed) : TypedResults.Ok(DisputeDocument.Of(decided!));
    }
}
