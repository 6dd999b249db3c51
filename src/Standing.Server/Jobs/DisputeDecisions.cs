using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Disputes;
using Standing.Server.Access;

namespace Standing.Server.Jobs;

/// <summary>
/// An operator's accept or reject of a dispute, as <c>POST /v1/disputes/{id}/decisions</c> and the
/// disputes page both make it: the key's name is the decider; a decision is final.
/// </summary>
public static class DisputeDecisions
{
    public sealed record Outcome(Dispute? Dispute, CaseDecisions.Failure? Failed);

    public static Outcome Decide(StoreAccess access, ApiKey key, string id, string? decision, string? note, Instant now)
    {
        if (decision is not ("accept" or "reject")) return Bad("decision", "decision must be accept or reject");
        if (string.IsNullOrWhiteSpace(note)) return Bad("note", "note must say why");
        if (!access.HasStore) return new(null, new(CaseDecisions.FailureKind.NotFound, "id", $"no dispute \"{Documents.Inputs.Shown(id)}\""));
        using var store = access.Enforcement();
        if (store.Dispute(id) is not { } d || !key.Sees(access, d.Seller))
            return new(null, new(CaseDecisions.FailureKind.NotFound, "id", $"no dispute \"{Documents.Inputs.Shown(id)}\""));
        if (d.State != Dispute.Open)
            return Refused($"dispute {d.Id} was {d.State} by {d.DecidedBy} at {EnforcementJson.Instant(d.DecidedAt!.Value)}; a decision is final");
        var decided = d with
        {
            State = decision == "accept" ? Dispute.Accepted : Dispute.Rejected,
            DecidedAt = ActionTime.At(access, d.Policy, now, notBefore: d.OpenedAt),
            DecidedBy = key.Name,
            Note = note,
        };
        return store.Save(decided, isNew: false) ? new(decided, null) : Refused($"dispute {d.Id} was decided meanwhile; a decision is final");
    }

    private static Outcome Bad(string field, string message) => new(null, new(CaseDecisions.FailureKind.BadField, field, message));

    private static Outcome Refused(string message) => new(null, new(CaseDecisions.FailureKind.Refused, "decision", message));
}
