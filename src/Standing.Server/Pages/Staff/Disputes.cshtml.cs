using Microsoft.AspNetCore.Mvc;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Enforcement.Disputes;
using Standing.Server.Access;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/disputes</c>: the disputes queue (open ones first, oldest first), each open one with accept and
/// reject for an operator or admin; the decider is the signed-in key; a decision is final.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class DisputesModel(StoreAccess access, ServerOptions options) : StandingPageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)] public string? State { get; set; } = Dispute.Open;
    [BindProperty(SupportsGet = true)] public string? Seller { get; set; }

    public IReadOnlyList<Dispute> Disputes { get; private set; } = [];

    public int Total { get; private set; }

    public bool MayDecide => Roles.Deciders.Contains(Caller.Role, StringComparer.Ordinal);

    /// <summary>The dispute a refused decision was about, and why.</summary>
    public (string Id, string Message)? Failed { get; private set; }

    public string? Note { get; private set; }

    public string? Done { get; private set; }

    public void OnGet(string? decided)
    {
        Done = decided;
        Load();
    }

    public IActionResult OnPost(string? id, string? decision, string? note)
    {
        if (!MayDecide) return StatusCode(403);
        if (string.IsNullOrEmpty(id) || Ids.IsBad("id", id, out _)) return NotFound();
        var (decided, failed) = DisputeDecisions.Decide(access, Caller, id, decision, note, options.Now());
        if (failed is not null)
        {
            if (failed.Kind == CaseDecisions.FailureKind.NotFound) return NotFound();
            Failed = (id, failed.Message);
            Note = note;
            Response.StatusCode = failed.Kind == CaseDecisions.FailureKind.Refused ? 409 : 400;
            Load();
            return Page();
        }
        return Redirect($"/disputes?decided={Uri.EscapeDataString(decided!.Id + " " + decided.State)}");
    }

    private void Load()
    {
        using var store = access.Enforcement();
        var all = store.Disputes()
            .Where(d => string.IsNullOrEmpty(State) || State == "any" || d.State == State)
            .Where(d => string.IsNullOrWhiteSpace(Seller) || d.Seller.Contains(Seller.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.State == Dispute.Open ? 0 : 1).ThenBy(d => d.OpenedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        Total = all.Count;
        Disputes = all.Take(Shown).ToList();
    }

    public static string When(NodaTime.Instant at) => EnforcementJson.Instant(at);
}
