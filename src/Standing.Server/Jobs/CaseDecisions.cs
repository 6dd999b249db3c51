using NodaTime;
using Standing.Data.Keys;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Server.Access;

namespace Standing.Server.Jobs;

/// <summary>
/// A person's decision on a case, as <c>POST /v1/cases/{id}/decisions</c> and the case page's form
/// both make it: the key's name is the actor; a decision the state does not allow is refused with the reason.
/// </summary>
public static class CaseDecisions
{
    /// <summary>Done (with the case as it now is), or why not: a bad field, an unknown case, or a refusal.</summary>
    public sealed record Outcome(EnforcementCase? Case, Failure? Failed);

    public enum FailureKind
    {
        BadField,
        NotFound,
        Refused,
    }

    public sealed record Failure(FailureKind Kind, string Field, string Message);

    public static Outcome Decide(StoreAccess access, ApiKey key, string id, string? decision, string? note, Instant now)
    {
        if (string.IsNullOrWhiteSpace(decision)) return Bad("decision", "decision is required: confirm, dismiss, reinstate, answer or fine:AMOUNT");
        if (Decision.Parse(decision, out var error) is not { } parsed) return Bad("decision", error.Replace("--decision ", "decision ", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(note)) return Bad("note", "note must say why");
        if (!access.HasStore) return new(null, new(FailureKind.NotFound, "id", $"no case \"{Documents.Inputs.Shown(id)}\""));
        using var store = access.Enforcement();
        if (store.Case(id) is not { } c || !key.Sees(access, c.Seller)) return new(null, new(FailureKind.NotFound, "id", $"no case \"{Documents.Inputs.Shown(id)}\""));
        var when = ActionTime.At(access, c.Policy, now, notBefore: c.UpdatedAt);
        var book = new CaseBook(c.Seller, c.Policy, SellerCases.Of(store, c.Policy, c.Seller));
        var seen = AuditTrail.LatestSnapshot(store.Audit(c.Id, c.Seller), when);
        if (DecisionRules.Apply(book, c, parsed, key.Name, note, when, seen, WrittenPolicy(c)) is { } refusal)
            return new(null, new(FailureKind.Refused, "decision", refusal));
        store.Save([book]);
        return new(store.Case(id)!, null);
    }

    /// <summary>
    /// The built-in policy a case came from, for the notices a decision sends (its enforcement section's, or its
    /// pack's texts for a machine's case; a machine's case opened before the source was recorded reads its built-in
    /// pack); null for a case from a policy file (the server reads no policy files).
    /// </summary>
    private static Core.Policies.Policy? WrittenPolicy(EnforcementCase c) =>
        (c.Get(CaseRules.PolicySource) ?? (!CaseRules.IsWritten(c) && PackMachines.For(c.Policy) is not null ? "built-in:" : "")).StartsWith("built-in:", StringComparison.Ordinal)
            ? Policies.BuiltInPacks.Shared(c.Policy)
            : null;

    private static Outcome Bad(string field, string message) => new(null, new(FailureKind.BadField, field, message));
}
