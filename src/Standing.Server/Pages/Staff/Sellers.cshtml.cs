using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Data.Keys;
using Standing.Server.Jobs;
using Standing.Server.Web;
using Standing.Server.Web.Staff;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/sellers</c>: every seller under one standard, filtered by status, a metric's range and a piece
/// of the id, sorted, 50 a page; each row links to the seller's page. Query mistakes are shown beside
/// their field and the list stays as it was.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class SellersModel(StoreAccess access, ServerOptions options) : StandingPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Policy { get; set; }
    [BindProperty(SupportsGet = true)] public string[] Status { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Metric { get; set; }
    [BindProperty(SupportsGet = true)] public string? Min { get; set; }
    [BindProperty(SupportsGet = true)] public string? Max { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Order { get; set; }
    public int PageNumber { get; private set; } = 1;

    public Policy Chosen { get; private set; } = null!;

    public IReadOnlyList<SellerListing.Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public MetricDefinition? MetricShown { get; private set; }

    /// <summary>The store's log position the list's figures are of, and whether it is the current one (null: no list, the query has mistakes).</summary>
    public FiguresAsOf? Figures { get; private set; }

    /// <summary>The store is large and its figures of every seller are not computed yet: the page says so (<see cref="BeingComputed"/>).</summary>
    public bool Computing { get; private set; }

    public IActionResult OnGet()
    {
        if (StaffChoices.Policy(Policy) is not { } policy)
        {
            Errors["policy"] = $"\"{Policy}\" is not a built-in policy";
            policy = StaffChoices.Policy(null)!;
        }
        Chosen = policy;
        var statuses = new List<MetricStatus>();
        foreach (var s in Status.Where(s => s.Length > 0 && s != "any"))
        {
            if (SellerStatus.Parse(s) is { } st) statuses.Add(st);
            else Errors["status"] = $"\"{s}\" is not a status";
        }
        var metric = string.IsNullOrEmpty(Metric) ? null : Metric;
        MetricShown = metric is null ? null : policy.Metrics.FirstOrDefault(m => m.Id == metric);
        var min = Number("min", Min);
        var max = Number("max", Max);
        var query = new SellerListing.Query(statuses, metric, min, max, string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            string.IsNullOrEmpty(Sort) ? SellerListing.ByStatus : Sort, Order == "desc");
        foreach (var (field, message) in SellerListing.Check(query, policy)) Errors.TryAdd(field, message);
        if (Errors.Count > 0) return Page();
        if (Evaluations.RecentLines(access, policy, StaffChoices.AsOf(access, policy, options), StaffChoices.FiguresWait, BeingComputed.Large(access, options)) is not { } shown)
        {
            Computing = true;
            BeingComputed.Answer(this);
            return Page();
        }
        Figures = FiguresAsOf.Of(shown);
        var all = SellerListing.Select(shown.Value, query);
        Total = all.Count;
        PageNumber = PageNumbers.Of(Request);
        Rows = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(i => SellerListing.RowOf(shown.Value, i, query)).ToList();
        return Page();
    }

    /// <summary>A bound in the unit the page shows: a rate in percent (1.5 = 1.5 %), a duration in hours.</summary>
    private double? Number(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            Errors[field] = $"\"{text}\" is not a number";
            return null;
        }
        return MetricShown is { Kind: MetricKind.Rate or MetricKind.ShareWithin or MetricKind.Ratio } ? v / 100 : v;
    }

    public bool Has(string status) => Status.Contains(status, StringComparer.Ordinal);

    /// <summary>This page's URL with one parameter changed (the pager's links).</summary>
    public string With(string name, string value)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value);
        query[name] = value;
        return QueryHelpers.AddQueryString("/sellers", query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
    }
}
