using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Disputes;
using Standing.Server.Access;

namespace Standing.Server.Jobs;

/// <summary>
/// Opening a dispute on one counted item, for the API (<c>POST /v1/disputes</c>) and the seller pages
/// alike: the item must be the seller's, not already disputed, and the dispute is dated no earlier
/// than its item. The id is the one <c>standing disputes open</c> gives.
/// </summary>
public static class DisputeOpening
{
    public enum Refusal
    {
        None,
        UnknownSeller,
        UnknownItem,
        AlreadyDisputed,
    }

    public sealed record Outcome(Dispute? Dispute, Refusal Refusal, string Detail);

    /// <summary>Opens the dispute (the caller checked the fields: reason given, metric of the policy and disputable).</summary>
    public static Outcome Open(StoreAccess access, ServerOptions options, ApiKey key, Policy policy, string seller, string? metric, string item, string reason)
    {
        if (!key.Sees(access, seller)) return new(null, Refusal.UnknownSeller, $"no seller \"{Documents.Inputs.Shown(seller)}\": no event in the store names it");
        var when = options.Now();
        using (var events = access.Events())
        {
            var itemEvents = events.ReadAll(seller).Where(e => e.Order == item || e.Review == item || e.Case == item).ToList();
            if (itemEvents.Count == 0) return new(null, Refusal.UnknownItem, $"no order, review or case of seller \"{seller}\" has id \"{Documents.Inputs.Shown(item)}\"");
            // The dispute comes no earlier than its item, and where the data ends on a replayed history.
            when = ActionTime.At(access, policy.Id, when, notBefore: itemEvents.Min(e => e.At));
        }
        using var store = access.Enforcement();
        if (store.Disputes(seller).Any(d => d.State != Dispute.Rejected && d.Policy == policy.Id && d.Item == item && d.Metric == metric))
            return new(null, Refusal.AlreadyDisputed, $"item {item} of {seller} is already disputed under {policy.Id}");
        var dispute = new Dispute
        {
            Id = NewId(seller, policy.Id, metric, item, when),
            Seller = seller,
            Policy = policy.Id,
            Metric = metric,
            Item = item,
            Reason = reason,
            OpenedAt = when,
            State = Dispute.Open,
        };
        store.Save(dispute, isNew: true);
        return new(dispute, Refusal.None, "");
    }

    /// <summary>The id <c>standing disputes open</c> gives: a hash of what the dispute is about and when.</summary>
    private static string NewId(string seller, string policy, string? metric, string item, Instant at)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seller}\n{policy}\n{metric}\n{item}\n{EnforcementJson.Instant(at)}"));
        return "d-" + Convert.ToHexStringLower(hash)[..10];
    }
}
