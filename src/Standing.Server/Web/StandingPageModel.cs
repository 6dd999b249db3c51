using Microsoft.AspNetCore.Mvc.RazorPages;
using Standing.Data.Keys;
using Standing.Server.Access;

namespace Standing.Server.Web;

/// <summary>What every page's model knows: the caller (its key, as the API's role rules see it) and the page's language.</summary>
public abstract class StandingPageModel : PageModel
{
    /// <summary>The signed-in key (every page but a public one has one: <see cref="PageAccessFilter"/>).</summary>
    public ApiKey Caller => HttpContext.Key();

    public PageLanguage Language => PageLanguage.Of(HttpContext);

    public string T(string english) => Texts.In(Language, english);
}
