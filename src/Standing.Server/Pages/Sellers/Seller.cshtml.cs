using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Standing.Core.Metrics;
using Standing.Policies;
using Standing.Server.Access;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Sellers;

/// <summary>
/// <c>/sellers/{seller}</c>: the standards a seller is held to (every built-in standard), each with the
/// seller's overall status and open cases. A seller key sees its own only: another seller's id is
/// "not found", exactly like an unknown one (the API's rule, <see cref="Caller.Sees"/>).
/// </summary>
public sealed class SellerModel(StoreAccess store, ServerOptions options) : StandingPageModel
{
    /// <param name="NameLanguage">The name's <c>lang</c> when it is not in the page's language (<see cref="TextLanguage"/>).</param>
    public sealed record Row(string Id, string Name, string? NameLanguage, MetricStatus Status, int Metrics, int OpenCases, Instant AsOf, DateTimeZone Zone);

    public string Seller { get; private set; } = "";

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>A standard that compares sellers has no peer pool yet on a large store: the page says it is being computed (<see cref="BeingComputed"/>).</summary>
    public bool Computing { get; private set; }

    public IActionResult OnGet(string seller)
    {
        if (!SellerPages.Visible(HttpContext, store, seller)) return NotFound();
        Seller = seller;
        // Every standard's as-of first: a peer pool not computed yet makes the page say so, rather than wait for it.
        var asOfs = BuiltInPacks.Ids.ToDictionary(id => id, id => SellerPages.AsOf(store, options, BuiltInPacks.Shared(id), null, out _, seller), StringComparer.Ordinal);
        var waiting = false;
        foreach (var id in BuiltInPacks.Ids) waiting |= !SellerPages.PeerPoolReady(store, options, BuiltInPacks.Shared(id), asOfs[id]);
        if (waiting)
        {
            Computing = true;
            BeingComputed.Answer(this);
            return Page();
        }
        IReadOnlyList<Standing.Enforcement.Cases.EnforcementCase> cases;
        using (var enforcement = store.Enforcement()) cases = enforcement.Cases(seller: seller);
        var rows = new List<Row>();
        foreach (var id in BuiltInPacks.Ids)
        {
            var policy = BuiltInPacks.Shared(id);
            var asOf = asOfs[id];
            var found = Evaluations.Seller(store, policy, asOf, seller, explain: false);
            var metrics = found?.Evaluation.Sellers[0].Metrics ?? [];
            rows.Add(new Row(id, policy.NameIn(Language.Code), TextLanguage.Name(Language, policy), StatusText.Worst(metrics.Select(m => m.Status)), metrics.Count,
                cases.Count(c => c.Policy == id && c.IsOpen), asOf, policy.Zone));
        }
        Rows = rows;
        return Page();
    }
}
