using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Standing.Policies;
using Standing.Server.Jobs;
using Standing.Server.Web.Staff;

namespace Standing.Server.Web;

/// <summary>
/// After the server starts on a large store (more than <see cref="ServerOptions.LargeStoreSellers"/> sellers), computes
/// in the background what the first views would otherwise wait for: each built-in standard's overview and every
/// seller's evaluation (the sellers list's), and the peer pool of a standard that compares sellers (every seller
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
            // Then the overviews, those of standards that compare sellers first: every seller's evaluation comes from the
            // pool just judged, while each of the others reads every seller's facts.
            var comparing = BuiltInPacks.Ids.Where(id => CompiledPolicies.Evaluator(BuiltInPacks.Shared(id)).ComparesSellers).ToList();
            foreach (var id in comparing.Concat(BuiltInPacks.Ids.Except(comparing)))
            {
                if (stopping.IsCancellationRequested) return;
                var policy = BuiltInPacks.Shared(id);
                StandardOverview.Read(access, policy, StaffChoices.AsOf(access, policy, options)); // and every seller's evaluation, the sellers list's
            }
            // On a store of many sellers not every standard's list of every seller is kept (KeptResults.Limit): the least
            // used make room. The lists of the standards that compare sellers are read last, so that they are the ones
            // kept (made again from the pool if they were dropped: Prom.ua's reads no seller's facts).
            foreach (var id in comparing)
            {
                if (stopping.IsCancellationRequested) return;
                var policy = BuiltInPacks.Shared(id);
                Evaluations.All(access, policy, StaffChoices.AsOf(access, policy, options));
            }
        }
#pragma warning disable CA1031 // a warm-up's failure (a store being replaced, a shutdown) must not stop the server
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogWarning("the pages' figures were not computed ahead: {Reason}; the first views compute them", e.Message);
        }
    }
}
