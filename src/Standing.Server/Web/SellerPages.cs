using Microsoft.AspNetCore.Http;
using NodaTime;
using Standing.Core.Policies;
using Standing.Policies;
using Standing.Server.Access;

namespace Standing.Server.Web;

/// <summary>What the seller pages share: which seller and standard a URL may show, and as of when.</summary>
public static class SellerPages
{
    /// <summary>
    /// Whether the caller may see this seller and the store knows it. A seller key's "not its own" and
    /// an unknown id are the same answer (404), as on the API.
    /// </summary>
    public static bool Visible(HttpContext context, StoreAccess store, string seller)
    {
        if (Ids.IsBad("seller", seller, out _) || !context.Key().Sees(store, seller)) return false;
        using var events = store.Events();
        return events.Sellers(seller).Count > 0;
    }

    /// <summary>A built-in standard by id; null for anything else (the pages never read policy files).</summary>
    public static Policy? Standard(string id) => BuiltInPacks.Ids.Contains(id, StringComparer.Ordinal) ? BuiltInPacks.Shared(id) : null;

    /// <summary>
    /// Whether a seller page of <paramref name="policy"/> as of <paramref name="asOf"/> can be computed now without
    /// judging every seller first: always for a standard that compares no sellers, or on a small store; else when a
    /// peer pool of that as-of is kept (<see cref="StoreAccess.PeerPoolReady"/>, which starts it otherwise).
    /// </summary>
    public static bool PeerPoolReady(StoreAccess store, ServerOptions options, Policy policy, Instant asOf)
    {
        var evaluator = Jobs.CompiledPolicies.Evaluator(policy);
        return !evaluator.ComparesSellers || !BeingComputed.Large(store, options) || store.PeerPoolReady(evaluator, asOf);
    }

    /// <summary>
    /// The instant a page shows: <c>?asOf=</c> when given (an instant or a date, as on the API), else the
    /// standard's latest daily run (what enforcement acted on), else now; just after the latest acceptance of one
    /// of <paramref name="seller"/>'s disputes under the standard when that came at or after it, so that an accepted
    /// dispute leaves the page's metric at once (a decision is not known at its own instant, as events are not). Not
    /// under a standard that compares sellers (Prom.ua): its page stays at the as-of every seller was judged at.
    /// <paramref name="refused"/> says a given <c>?asOf=</c> was not one (not an instant, or outside the years
    /// evaluated), so the page says so.
    /// </summary>
    public static Instant AsOf(StoreAccess store, ServerOptions options, Policy policy, string? asked, out bool refused, string? seller = null)
    {
        refused = false;
        if (asked is not null)
        {
            if (Standing.Cli.Input.AsOfParser.TryParse(asked, policy.Zone, out var chosen, out _)) return chosen;
            refused = true;
        }
        using var enforcement = store.Enforcement();
        var asOf = enforcement.Runs(policy.Id).Latest ?? options.Now();
        if (seller is null || Jobs.CompiledPolicies.Evaluator(policy).ComparesSellers) return asOf;
        var accepted = enforcement.Disputes(seller)
            .Where(d => d.Policy == policy.Id && d.State == Standing.Enforcement.Disputes.Dispute.Accepted && d.DecidedAt >= asOf)
            .Select(d => d.DecidedAt!.Value).DefaultIfEmpty(asOf - Duration.FromMilliseconds(1)).Max();
        return accepted >= asOf ? accepted + Duration.FromMilliseconds(1) : asOf;
    }
}
