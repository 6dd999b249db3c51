using Microsoft.AspNetCore.Mvc;
using Standing.Data.Keys;
using Standing.Server.Access;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/keys</c> (admin): the keys of the admin's marketplace; create one (its text is shown on the answer
/// to that form only: the store keeps its hash) and revoke one.
/// </summary>
[PageRoles(KeyRoles.Admin)]
public sealed class KeysModel(StoreAccess access, ServerOptions options) : StandingPageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Seller { get; set; }

    public (ApiKey Key, string Text)? Created { get; private set; }

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public void OnGet(string? revoked)
    {
        Done = revoked is null ? null : $"Key {revoked} revoked: requests and sessions with it are refused from now on.";
        Load();
    }

    public IActionResult OnPostCreate()
    {
        var seller = string.IsNullOrWhiteSpace(Seller) ? null : Seller.Trim();
        if (Ids.IsBad("seller", seller, out _)) Error = $"seller \"{seller}\" is not an id";
        else
        {
            using var keys = access.Keys();
            var (key, text, error) = keys.Create(Name?.Trim() ?? "", Role ?? "", seller, Caller.Marketplace, options.Now());
            if (error is not null) Error = error.Replace("--", "", StringComparison.Ordinal);
            else Created = (key!, text!);
        }
        if (Error is not null) Response.StatusCode = 400;
        Load();
        return Page();
    }

    public IActionResult OnPostRevoke(string? id)
    {
        using (var keys = access.Keys())
        {
            if (string.IsNullOrEmpty(id) || keys.List().FirstOrDefault(k => k.Id == id && k.Marketplace == Caller.Marketplace) is not { } key) return NotFound();
            if (key.Revoked) return Redirect($"/keys?revoked={Uri.EscapeDataString(key.Id)}");
            keys.Revoke(key.Id, options.Now());
        }
        return Redirect($"/keys?revoked={Uri.EscapeDataString(id)}");
    }

    private void Load()
    {
        using var keys = access.Keys();
        Keys = keys.List().Where(k => k.Marketplace == Caller.Marketplace).ToList();
    }

    public static string When(NodaTime.Instant at) => Data.Enforcement.EnforcementJson.Instant(at);
}
