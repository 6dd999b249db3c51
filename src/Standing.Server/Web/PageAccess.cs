using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Standing.Server.Access;

namespace Standing.Server.Web;

/// <summary>A page anyone may open, signed in or not (sign-in, errors).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicPageAttribute : Attribute;

/// <summary>
/// The roles a page admits (the API's <see cref="Roles"/> lists); without it a page admits every
/// signed-in key. Another role gets the 403 page.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PageRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>
/// Every page but a <see cref="PublicPageAttribute"/> one needs a session: without one the browser is
/// sent to the sign-in page (told when its session has ended), and comes back to the page after it.
/// </summary>
public sealed class PageAccessFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var type = context.HandlerInstance.GetType();
        if (type.IsDefined(typeof(PublicPageAttribute), inherit: true))
        {
            await next();
            return;
        }
        var http = context.HttpContext;
        if (http.KeyOrNull() is not { } key)
        {
            var back = http.Request.Path + http.Request.QueryString;
            var ended = SessionCookie.Ended(http) ? "&ended=1" : "";
            context.Result = new RedirectResult($"/sign-in?back={Uri.EscapeDataString(back)}{ended}");
            return;
        }
        var allowed = (type.GetCustomAttributes(typeof(PageRolesAttribute), inherit: true).FirstOrDefault() as PageRolesAttribute)?.Roles ?? Roles.Readers;
        if (!allowed.Contains(key.Role, StringComparer.Ordinal) || !http.RequestServices.GetRequiredService<StoreAccess>().HasStore)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}
