using Microsoft.AspNetCore.Mvc;
using Standing.Server.Web;

namespace Standing.Server.Pages;

/// <summary><c>POST /sign-out</c>: ends the session on the server (the same cookie is refused afterwards) and clears it.</summary>
[PublicPage]
public sealed class SignOutModel(PageSessions sessions) : StandingPageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost()
    {
        if (Request.Cookies[SessionCookie.Name] is { Length: > 0 } token) sessions.Close(token);
        Response.Cookies.Delete(SessionCookie.Name, SessionCookie.Options(HttpContext));
        return LocalRedirect("/sign-in?signedOut=1");
    }
}
