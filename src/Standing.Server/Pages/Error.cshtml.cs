using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Standing.Data.Store;
using Standing.Server.Web;

namespace Standing.Server.Pages;

/// <summary>
/// The pages' error page (404, 403, a refused form, a failure): plain words, never a stack trace. A
/// page that refuses with a status comes here with it; an exception comes here as 500 (503 when the
/// store failed: nothing was changed).
/// </summary>
[PublicPage]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : StandingPageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = Texts.Say("Error");

    public string Message { get; private set; } = Texts.Say("The server failed this request. It is logged; try again in a moment.");

    public void OnGet(int code) => Describe(code);

    // A failed POST re-executes here as a POST: answered the same way (no token check on this page, it changes nothing).
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (failure is EventStoreException or DbException) code = 503;
        if (code is < 400 or > 599) code = 404;
        Code = code;
        Response.StatusCode = code;
        (Title, Message) = code switch
        {
            404 or 405 => (Texts.Say("Page not found"), Texts.Say("There is no page at this address, or it is not yours to see.")),
            403 => (Texts.Say("Not allowed"), Texts.Say("Your key's role may not open this page.")),
            400 => (Texts.Say("The form could not be used"), Texts.Say("The form was not sent from this site, or it is too old. Go back, reload the page and try again.")),
            503 => (Texts.Say("Something went wrong"), Texts.Say("The store is not available right now. Nothing was changed; try again in a moment.")),
            _ => (Texts.Say("Something went wrong"), Texts.Say("The server failed this request. It is logged; try again in a moment.")),
        };
    }
}
