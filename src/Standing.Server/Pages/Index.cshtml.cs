using Microsoft.AspNetCore.Mvc;
using Standing.Data.Keys;
using Standing.Server.Web;

namespace Standing.Server.Pages;

/// <summary><c>/</c>: a seller goes straight to its own page; staff find a seller by id.</summary>
public sealed class IndexModel : StandingPageModel
{
    public IActionResult OnGet() =>
        Caller.Role == KeyRoles.Seller ? Redirect($"/sellers/{Uri.EscapeDataString(Caller.Seller ?? "")}") : Page();
}
