using Microsoft.AspNetCore.Mvc;
using Standing.Data.Keys;
using Standing.Server.Access;
using Standing.Server.Web;

namespace Standing.Server.Pages;

/// <summary>
/// <c>/sign-in</c>: a person pastes an API key; a key that may read is exchanged for a session cookie
/// (the key itself is not kept in the browser). Refusals say why, in the page's language.
/// </summary>
[PublicPage]
public sealed class SignInModel(StoreAccess store, PageSessions sessions) : StandingPageModel
{
    public string Back { get; private set; } = "/";

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public IActionResult OnGet(string? back, int? ended, int? signedOut)
    {
        Back = PagePaths.Local(back);
        if (HttpContext.KeyOrNull() is not null) return LocalRedirect(Back);
        Notice = ended == 1 ? Texts.Say("Your session has ended. Sign in again.") : signedOut == 1 ? Texts.Say("You have signed out.") : null;
        return Page();
    }

    public IActionResult OnPost(string? key, string? back)
    {
        Back = PagePaths.Local(back);
        Error = Check(key?.Trim(), out var found);
        if (Error is not null || found is null)
        {
            Response.StatusCode = Error == Texts.Say("Enter your API key.") ? 400 : 401;
            return Page();
        }
        var token = sessions.Open(found.Id);
        Response.Cookies.Append(SessionCookie.Name, token, SessionCookie.Options(HttpContext));
        return LocalRedirect(Back);
    }

    private string? Check(string? text, out ApiKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(text)) return Texts.Say("Enter your API key.");
        using (var keys = store.Keys()) key = keys.Find(text);
        return key switch
        {
            null => Texts.Say("This key is not known to this server."),
            { Revoked: true } => Texts.Say("This key was revoked."),
            { Role: KeyRoles.Integration } => Texts.Say("An integration key only sends events; the pages need a seller, reviewer, operator or admin key."),
            _ when !store.Holds(key.Marketplace) => Texts.Say("This key belongs to another marketplace than this server's store."),
            _ => null,
        };
    }
}
