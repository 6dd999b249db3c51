using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Cases;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/cases</c>: the operators' queue: overdue first, then waiting for a person by due date, then the
/// rest; filtered by state, standard, kind, seller; the states with their counts as quick filters.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class CasesModel(StoreAccess access, ServerOptions options) : StandingPageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Policy { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Seller { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }
    public int PageNumber { get; private set; } = 1;

    public Instant Now { get; private set; }

    public IReadOnlyList<EnforcementCase> Shown { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>States of the cases the other filters select, with their counts.</summary>
    public IReadOnlyList<(string State, int Cases)> States { get; private set; } = [];

    public IReadOnlyList<string> Policies { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public void OnGet()
    {
        Now = options.Now();
        using var store = access.Enforcement();
        PageNumber = PageNumbers.Of(Request);
        // Paged and counted by the store: only the page's cases are read (the order is CaseQueue's); kept per data version.
        var query = new CaseQueueQuery(Now, Policy, Kind, Seller, Closed, State, Overdue);
        (Policies, Kinds, var page) = KeptCaseQueue.Read(access, store, query, (int)Math.Min(int.MaxValue, (PageNumber - 1L) * PageSize), PageSize);
        (Shown, Total, States) = (page.Cases, page.Total, page.States);
    }

    public bool IsOverdue(EnforcementCase c) => CaseQueue.IsOverdue(c, Now);

    /// <summary>This page's URL with one parameter changed (null: removed).</summary>
    public string With(string name, string? value)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value);
        query.Remove("page");
        if (value is null) query.Remove(name);
        else query[name] = value;
        return QueryHelpers.AddQueryString("/cases", query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
    }

    /// <summary>How long ago (or in how long) a due date is, in whole days or hours.</summary>
    public string Relative(Instant due)
    {
        var d = due - Now;
        var abs = d < Duration.Zero ? -d : d;
        var text = abs.TotalDays >= 1 ? $"{(int)abs.TotalDays} d" : $"{(int)abs.TotalHours} h";
        return d < Duration.Zero ? $"{text} overdue" : $"in {text}";
    }
}
