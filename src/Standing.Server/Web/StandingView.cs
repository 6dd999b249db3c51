using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Standing.Data.Keys;
using Standing.Server.Access;

namespace Standing.Server.Web;

/// <summary>The base of every page's view (<c>_ViewImports.cshtml</c>): <c>T("…")</c> translates, <c>Language</c> formats.</summary>
public abstract class StandingPage : Page
{
    public PageLanguage Language => PageLanguage.Of(HttpContext);

    public ApiKey? Caller => HttpContext.KeyOrNull();

    public bool IsStaff => ViewWords.IsStaff(HttpContext);

    public string T(string english) => Texts.In(Language, english);
}

/// <summary>The same for the layout (a view, not a page).</summary>
public abstract class StandingView<TModel> : RazorPage<TModel>
{
    public PageLanguage Language => PageLanguage.Of(Context);

    public ApiKey? Caller => Context.KeyOrNull();

    public bool IsStaff => ViewWords.IsStaff(Context);

    public string T(string english) => Texts.In(Language, english);
}

internal static class ViewWords
{
    public static bool IsStaff(HttpContext context) => context.KeyOrNull() is { } key && Roles.Staff.Contains(key.Role, StringComparer.Ordinal);
}
