using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Standing.Server.Web;

namespace Standing.Server.Pages;

/// <summary><c>POST /language</c>: the language switch; remembers the choice in a cookie (a year) and goes back to the page.</summary>
[PublicPage]
public sealed class LanguageModel : StandingPageModel
{
    public IActionResult OnGet(string? back) => LocalRedirect(PagePaths.Local(back));

    public IActionResult OnPost(string? code, string? back)
    {
        if (PageLanguage.Find(code) is { } language)
        {
            Response.Cookies.Append(PageLanguage.CookieName, language.Code, new CookieOptions
            {
                HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true, MaxAge = TimeSpan.FromDays(365),
            });
        }
        return LocalRedirect(PagePaths.Local(back));
    }
}
