using Microsoft.AspNetCore.Mvc;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Server.Access;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/cases/{id}</c>: one case, its audit trail with the evidence of each step, its notices, and (for
/// an operator or admin) the decide form offering what the state allows; a refusal is shown with its
/// reason and nothing changes. The audit entry names the signed-in key as the person.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class CaseModel(StoreAccess access, ServerOptions options) : StandingPageModel
{
    public EnforcementCase Case { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public IReadOnlyList<StoredNotice> Notices { get; private set; } = [];

    public IReadOnlyList<string> Allowed { get; private set; } = [];

    public bool MayDecide => Roles.Deciders.Contains(Caller.Role, StringComparer.Ordinal);

    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Note { get; set; }

    /// <summary>Why the decision was not made, and the field at fault.</summary>
    public (string Field, string Message)? Failed { get; private set; }

    public string? Done { get; private set; }

    public IActionResult OnGet(string id, string? decided)
    {
        if (!Load(id)) return NotFound();
        Done = decided;
        return Page();
    }

    public IActionResult OnPost(string id)
    {
        if (!MayDecide) return StatusCode(403);
        if (!Load(id)) return NotFound();
        var text = Decision == Enforcement.Decisions.Decision.Fine ? $"fine:{Amount?.Trim()}" : Decision;
        var (moved, failed) = CaseDecisions.Decide(access, Caller, id, text, Note, options.Now());
        if (failed is not null)
        {
            if (failed.Kind == CaseDecisions.FailureKind.NotFound) return NotFound();
            Failed = (failed.Field, failed.Message);
            Response.StatusCode = failed.Kind == CaseDecisions.FailureKind.Refused ? 409 : 400;
            return Page();
        }
        // After a post, a redirect: reloading the page does not decide twice.
        return Redirect($"/cases/{Uri.EscapeDataString(id)}?decided={Uri.EscapeDataString(moved!.State)}");
    }

    private bool Load(string id)
    {
        if (Ids.IsBad("id", id, out _) || !access.HasStore) return false;
        using var store = access.Enforcement();
        if (store.Case(id) is not { } c || !Caller.Sees(access, c.Seller)) return false;
        Case = c;
        Audit = store.Audit(id, c.Seller);
        Notices = store.Notices(c.Seller, id);
        Allowed = DecisionRules.Allowed(c, ActionTime.At(access, c.Policy, options.Now(), c.UpdatedAt)); // as a decision would be dated
        return true;
    }

    /// <summary>A snapshot's value in its metric's unit (the policy's metric kind; a plain number for a policy not built in).</summary>
    public string Value(MetricSnapshot s)
    {
        _kinds ??= Policies.BuiltInPacks.Ids.Contains(Case.Policy, StringComparer.Ordinal)
            ? Policies.BuiltInPacks.Shared(Case.Policy).Metrics.ToDictionary(m => m.Id, m => m.Kind, StringComparer.Ordinal)
            : new Dictionary<string, Core.Metrics.MetricKind>(StringComparer.Ordinal);
        return Cli.Output.Formats.Value(s.Value, _kinds.TryGetValue(s.Metric, out var k) ? k : null);
    }

    private Dictionary<string, Core.Metrics.MetricKind>? _kinds;

    /// <summary>The verb of an allowed decision ("fine:10..200" is "fine").</summary>
    public static string Verb(string allowed) => allowed.Split(':')[0];

    public static string When(NodaTime.Instant at) => EnforcementJson.Instant(at);
}
