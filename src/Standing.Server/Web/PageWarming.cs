using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Standing.Policies;
using Standing.Server.Jobs;
using Standing.Server.Web.Staff;

namespace Standing.Server.Web;

/// <summary>
/// After the server starts on a large store (more than <see cref="ServerOptions.LargeStoreSellers"/> sellers), computes
/// in the background what the first views would otherwise wait for: each built-in standard's overview and every
/// seller's line (the sellers list's, <see cref="EveryLine"/>), and the peer pool of a standard that compares sellers (every seller
/// page of it), as of the standard's latest run, as the pages ask for them. A small store's take well under a
/// second: they are left to the first view. A failure here is no request's: it is logged, and the view computes.
/// </summary>
public sealed class PageWarming(Deployment deployment, ServerOptions options, ILogger<PageWarming> log) : BackgroundService
{
    /// <summary>Starts the work on a background thread of its own and returns: a shutdown does not wait for it.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = Task.Factory.StartNew(() => Warm(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    private void Warm(CancellationToken stopping)
    {
        var access = deployment.Default;
        try
        {
            if (!options.WarmPages || !access.HasStore || !BeingComputed.Large(access, options)) return;
            // The peer pools first: every seller page of such a standard (and the seller's index) waits for one.
            foreach (var id in BuiltInPacks.Ids)
            {
                var evaluator = CompiledPolicies.Evaluator(BuiltInPacks.Shared(id));
                if (stopping.IsCancellationRequested || !evaluator.ComparesSellers) continue;
                using var events = access.Events();
                access.PeerPool(events, evaluator, StaffChoices.AsOf(access, evaluator.Policy, options));
            }
            // Then every seller's line of each standard (the sellers list's) and the overview made of it. Those of standards
            // that compare sellers first: every seller's evaluation comes from the pool just judged. The others' in one walk
            // of the store, each batch's facts decoded once for all of them. The lines are kept as summaries (EveryLine):
            // every standard's stays kept together at 100,000 sellers, so none goes back to "being computed".
            var comparing = BuiltInPacks.Ids.Where(id => CompiledPolicies.Evaluator(BuiltInPacks.Shared(id)).ComparesSellers).ToList();
            foreach (var id in comparing)
            {
                if (stopping.IsCancellationRequested) return;
                var policy = BuiltInPacks.Shared(id);
                var asOf = StaffChoices.AsOf(access, policy, options);
                Evaluations.Lines(access, policy, asOf);
                StandardOverview.Read(access, policy, asOf);
            }
            var others = BuiltInPacks.Ids.Except(comparing).Select(BuiltInPacks.Shared).Select(p => (p, StaffChoices.AsOf(access, p, options))).ToList();
            if (stopping.IsCancellationRequested) return;
            Evaluations.LinesOfEach(access, others);
            foreach (var (policy, asOf) in others)
            {
                if (stopping.IsCancellationRequested) return;
                StandardOverview.Read(access, policy, asOf);
            }
            SellerPageOfEach(access, stopping);
        }
#pragma warning disable CA1031 // a warm-up's failure (a store being replaced, a shutdown) must not stop the server
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogWarning("the pages' figures were not computed ahead: {Reason}; the first views compute them", e.Message);
        }
    }

    /// <summary>
    /// One seller's page of each standard computed as a request computes it (the explained evaluation, the 90-day
    /// trend, the forecast): the first person to open a seller page of a standard otherwise pays that code's first
    /// use (Mall's, with its business-day calendar, about 170 ms at 10,000 and 100,000 sellers, against 8–50 ms after).
    /// </summary>
    private void SellerPageOfEach(StoreAccess access, CancellationToken stopping)
    {
        string seller;
        using (var events = access.Events())
        {
            var sellers = events.Sellers();
            if (sellers.Count == 0) return;
            seller = sellers[0].Seller;
        }
        foreach (var id in BuiltInPacks.Ids)
        {
            if (stopping.IsCancellationRequested) return;
            var policy = BuiltInPacks.Shared(id);
            var asOf = StaffChoices.AsOf(access, policy, options);
            if (Evaluations.Seller(access, policy, asOf, seller, explain: true) is not { } found) continue;
            Trends.Daily(access, policy, seller, asOf, Pages.Sellers.StandardModel.TrendDays, found.Disputes);
            Evaluations.Forecast(policy, asOf, found.Facts, found.Disputes, found.Evaluation.Sellers[0]);
        }
    }
}
