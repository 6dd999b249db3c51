using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Standing.Server.Web;

/// <summary>
/// The pages beside the API: Razor Pages compiled into this assembly, their stylesheet embedded in it,
/// sessions in memory, anti-forgery on every form, and error pages in HTML (the API keeps its problem
/// documents).
/// </summary>
public static class PageSetup
{
    public static void AddPages(this IServiceCollection services)
    {
        services.AddSingleton<PageSessions>();
        services.AddHostedService<PageWarming>(); // a large store's overviews and lists computed after start
        services.AddRazorPages(o =>
            {
                o.Conventions.ConfigureFilter(new PageAccessFilter());
            })
            // The entry assembly is the CLI (or a test): name ours so its pages are found.
            .AddApplicationPart(typeof(PageSetup).Assembly);
        // Letters of every script written as themselves (UTF-8), not as &#x…; entities (8 bytes a letter): a Russian,
        // Ukrainian or Chinese page weighs a quarter less. What means something in HTML (<, >, &, quotes) is still encoded.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "standing.antiforgery";
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.FormFieldName = "__RequestVerificationToken";
        });
    }

    /// <summary>Error pages, headers and the stylesheet for the pages' requests (the API's go by untouched).</summary>
    public static void UsePages(this WebApplication app)
    {
        app.UseWhen(c => PagePaths.IsPage(c.Request.Path), pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
            pages.Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                if (!context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)) headers.CacheControl = "no-store";
                return next(context);
            });
            pages.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new EmbeddedFileProvider(typeof(PageSetup).Assembly, "Standing.Server.wwwroot"),
                RequestPath = "/assets",
                OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        });
        app.UseWhen(c => !PagePaths.IsPage(c.Request.Path), api => api.UseStatusCodePages());
    }

    /// <summary>Sign-out and the language switch (plain forms, so they work with JavaScript off), then the pages.</summary>
    public static void MapPages(this WebApplication app)
    {
        app.MapRazorPages();
    }

    /// <summary>Whether a form's anti-forgery token is valid (for the few form posts that are not Razor Pages handlers).</summary>
    public static Task<bool> FormIsGenuine(HttpContext context) => context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
}
