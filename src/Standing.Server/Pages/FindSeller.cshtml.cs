using Microsoft.AspNetCore.Mvc;
using Standing.Server.Web;

namespace Standing.Server.Pages;

/// <summary><c>/find-seller?seller=ID</c>: the home page's "open a seller" form lands on that seller's page.</summary>
public sealed class FindSellerModel : StandingPageModel
{
    public IActionResult OnGet(string? seller) =>
        string.IsNullOrWhiteSpace(seller) ? LocalRedirect("/") : Redirect($"/sellers/{Uri.EscapeDataString(seller.Trim())}");
}
