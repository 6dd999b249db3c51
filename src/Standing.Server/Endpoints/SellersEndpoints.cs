using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Server.Access;
using Standing.Server.Documents;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>/v1/sellers</c>: one seller's standing (the document of <c>evaluate --format json</c>, each metric
/// with its forecast), its explanation (that of <c>explain --format json</c>, items paged), and the sellers
/// at risk or in breach.
/// </summary>
public static class SellersEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/sellers/{seller}/standing", Standing)
            .WithMetadata(new KeyConfirmedByRead()).Allow(Roles.Readers).WithTags("sellers").WithName("getStanding").Produces<Schemas.EvaluationDocument>()
            .WithSummary("A seller's metrics and outcomes under a policy, as of an instant (the evaluate document), each metric with its forecast: time to recovery, error budget, defects leaving the window");
        v1.MapGet("/sellers/{seller}/explain", Explain)
            .Allow(Roles.Readers).WithTags("sellers").WithName("explainStanding").Produces<Schemas.EvaluationDocument>()
            .WithSummary("The items behind each number (the explain document); each metric's items paged by limit and cursor");
        v1.MapGet("/sellers", List)
            .Allow(Roles.Staff).WithTags("sellers").WithName("listSellers").Produces<Schemas.EvaluationDocument>()
            .WithSummary("Sellers by status under a policy (default: at_risk and breach), paged; a metric's range (min, max in its unit: a ratio for rates) and a part of the id (search); sort=seller, status (worst first) or value (the metric, worst first)");
    }

    private static IResult Standing(HttpContext context, StoreAccess access, KnownKeys known, string seller, string? policy, string? asOf)
    {
        // The log position, the data's end, the seller's disputes and a remembered key's row on one connection;
        // a document kept for the first three is a lookup.
        var pending = PendingKey.Of(context);
        var read = access.SellerRead(policy ?? "", seller, pending is null ? null : (pending.Key.Id, pending.Hash));
        if (KeyConfirmation.Refusal(context, access, known, read?.KeyLive) is { } refused) return refused;
        if (Ids.IsBad("seller", seller, out var bad)) return bad;
        if (!Inputs.TryPolicy(policy, out var loaded, out var problem)) return problem;
        if (!Inputs.TryAsOf(asOf, loaded, read, "asOf", out var instant, out problem)) return problem;
        if (read is null || !context.Key().Sees(access, seller) || StandingDocuments.Of(access, loaded, instant, seller, read) is not { } document)
            return Unknown(seller);
        return new KeptDocumentResult(document);
    }

    private static IResult Explain(HttpContext context, StoreAccess access, ServerOptions options, string seller, string? policy, string? asOf, string? metric, int? limit, string? cursor)
    {
        if (Ids.IsBad("seller", seller, out var bad)) return bad;
        if (!Inputs.TryPolicy(policy, out var loaded, out var problem)) return problem;
        if (!Inputs.TryAsOf(asOf, loaded, access, "asOf", out var instant, out problem)) return problem;
        if (metric is not null && !loaded.Metrics.Any(m => m.Id == metric))
            return Problems.BadField("metric", $"metric \"{Inputs.Shown(metric)}\" is not in policy {loaded.Id}; its metrics: {string.Join(", ", loaded.Metrics.Select(m => m.Id))}");
        if (!Page.TryParse(limit, cursor, out var page, out problem)) return problem;
        if (!context.Key().Sees(access, seller) || Evaluations.Seller(access, loaded, instant, seller, explain: true) is not { } found)
            return Unknown(seller);
        var (evaluation, disputes, facts) = found;
        var result = evaluation.Sellers[0];
        var metrics = result.Metrics.Where(m => metric is null || m.Id == metric).ToList();
        // Each metric shows the same window of its items; the next page exists while any metric has more.
        if (metrics.Any(m => m.Items.Count > page.Offset + page.Limit)) Page.SetNext(context, Page.Cursor(page.Offset + page.Limit));
        result = result with { Metrics = metrics.Select(m => m with { Items = m.Items.Skip(page.Offset).Take(page.Limit).ToList() }).ToList() };
        var paged = new PolicyEvaluation(loaded, instant, [result]);
        var forecast = Evaluations.Forecast(loaded, instant, facts, disputes, evaluation.Sellers[0]);
        return new JsonDocumentResult(stream => WholeMetricSummary.Write(stream, page => EvaluationJson.Write(page, [paged], explain: true,
            metricExtras: (json, m) =>
            {
                global::Standing.Data.Documents.ExplanationDocument.WriteExcludedByDisputes(json, paged, m, disputes, facts);
                global::Standing.Data.Documents.ExplanationDocument.WriteForecast(json, paged, m, forecast);
            }), metrics));
    }

    private static IResult List(HttpContext context, StoreAccess access, ServerOptions options, string? policy, string? asOf, string? status, string? sort,
        string? metric, double? min, double? max, string? search, int? limit, string? cursor)
    {
        if (!Inputs.TryPolicy(policy, out var loaded, out var problem)) return problem;
        if (!Inputs.TryAsOf(asOf, loaded, access, "asOf", out var instant, out problem)) return problem;
        if (!Page.TryParse(limit, cursor, out var page, out problem)) return problem;
        var statuses = (status ?? "at_risk,breach").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = Enum.GetValues<MetricStatus>().Select(s => s.Wire()).Append("any").ToList();
        // An empty list (status= or status=,) is a mistake like every other empty filter, not every seller.
        if (statuses.Length == 0)
            return Problems.BadField("status", $"status \"{Inputs.Shown(status!)}\" names no status: give a comma list of {string.Join(", ", known)}, or leave it out for at_risk,breach");
        if (statuses.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
            return Problems.BadField("status", $"status \"{Inputs.Shown(unknown)}\" is not one of {string.Join(", ", known)}");
        if (sort is not null and not SellerListing.BySeller and not SellerListing.ByStatus and not SellerListing.ByValue)
            return Problems.BadField("sort", $"sort \"{Inputs.Shown(sort)}\" is not seller, status or value");
        var query = new SellerListing.Query(statuses.Contains("any") ? [] : statuses.Select(s => SellerStatus.Parse(s)!.Value).ToList(),
            metric, min, max, search, sort ?? SellerListing.BySeller, Descending: false);
        if (SellerListing.Check(query, loaded) is [var (field, message), ..]) return Problems.BadField(field, message);
        var evaluation = access.HasStore ? Evaluations.All(access, loaded, instant) : new PolicyEvaluation(loaded, instant, []);
        var chosen = SellerListing.Select(evaluation, query).Select(r => r.Seller).ToList();
        var shown = evaluation with { Sellers = page.Of(chosen, context) };
        return new JsonDocumentResult(stream => EvaluationJson.Write(stream, [shown], explain: false));
    }

    /// <summary>Another seller's id answers exactly like an unknown one: nothing tells the two apart.</summary>
    private static IResult Unknown(string seller) =>
        Problems.NotFound("seller", $"no seller \"{Inputs.Shown(seller)}\": no event in the store names it");
}
