using Microsoft.AspNetCore.Mvc;
using Standing.Server.Access;
using Standing.Server.Web;

namespace Standing.Server.Pages.Sellers;

/// <summary>
/// <c>/sellers/{seller}</c>: the standards a seller is held to. A seller key sees its own only: another
/// seller's id is "not found", exactly like an unknown one (the API's rule, <see cref="Caller.Sees"/>).
/// </summary>
public sealed class SellerModel(StoreAccess store) : StandingPageModel
{
    public string Seller { get; private set; } = "";

    public IActionResult OnGet(string seller)
    {
        if (Ids.IsBad("seller", seller, out _) || !Caller.Sees(seller)) return NotFound();
        using (var events = store.Events())
        {
            if (events.Sellers(seller).Count == 0) return NotFound();
        }
        Seller = seller;
        return Page();
    }
}
