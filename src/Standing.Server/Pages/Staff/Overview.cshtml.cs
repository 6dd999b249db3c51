using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Standing.Core.Policies;
using Standing.Data.Keys;
using Standing.Enforcement.Cases;
using Standing.Server.Access;
using Standing.Server.Jobs;
using Standing.Server.Web;
using Standing.Server.Web.Staff;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/overview?policy=ID&amp;metric=ID</c>: one standard at a glance for the trust &amp; safety team, as of
/// its latest daily run: sellers by status, the metric across sellers against its threshold, the worst
/// sellers with their open cases, and what the run did.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class OverviewModel(StoreAccess access, ServerOptions options) : StandingPageModel
{
    public StandardOverview Overview { get; private set; } = null!;

    /// <summary>The store is large and its figures of every seller are not computed yet: the page says so (<see cref="BeingComputed"/>).</summary>
    public bool Computing { get; private set; }

    public MetricHistogram? Histogram { get; private set; }

    public HistogramChart? Chart { get; private set; }

    /// <summary>The open cases of the worst sellers under this policy, by seller.</summary>
    public ILookup<string, EnforcementCase> OpenCases { get; private set; } = Array.Empty<EnforcementCase>().ToLookup(c => c.Seller);

    public Policy Policy { get; private set; } = null!;

    public IActionResult OnGet(string? policy, string? metric)
    {
        if (StaffChoices.Policy(policy) is not { } chosen) return NotFound();
        var asOf = StaffChoices.AsOf(access, chosen, options);
        Policy = chosen;
        if (StandardOverview.Read(access, chosen, asOf, StaffChoices.FiguresWait, BeingComputed.Large(access, options)) is not { } read)
        {
            Computing = true;
            BeingComputed.Answer(this);
            return Page();
        }
        Overview = read;
        Histogram = Overview.Histograms.FirstOrDefault(h => h.Metric.Id == metric)
            ?? Overview.Histograms.FirstOrDefault(h => h.Metric.Standard is not null) ?? (Overview.Histograms.Count > 0 ? Overview.Histograms[0] : null);
        Chart = Histogram is { } h ? HistogramChart.Of(h) : null;
        using var store = access.Enforcement();
        // The worst sellers' cases alone, each read by the table's key (seller first), not every case of the policy.
        OpenCases = Overview.Worst.Select(s => s.Seller).Distinct(StringComparer.Ordinal)
            .SelectMany(seller => SellerCases.Of(store, chosen.Id, seller)).Where(c => c.IsOpen).ToLookup(c => c.Seller, StringComparer.Ordinal);
        return Page();
    }

    public static string When(Instant at) => Data.Enforcement.EnforcementJson.Instant(at);
}
