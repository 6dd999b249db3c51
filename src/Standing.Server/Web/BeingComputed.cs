using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Standing.Server.Web;

/// <summary>
/// The answer of a page whose figures a large store has not computed yet (every seller's evaluation, a peer pool):
/// 503 with <c>Retry-After</c>, so that a script or a crawler never takes it for the figures, and a page that says
/// so and reloads itself (a <c>&lt;meta http-equiv="refresh"&gt;</c>: no script needed) while the computation,
/// started once whoever asks, goes on in the background.
/// </summary>
public static class BeingComputed
{
    /// <summary>Seconds before the page asks again.</summary>
    public const int RetrySeconds = 5;

    /// <summary>What the layout reads to add the refresh to the page's head.</summary>
    public const string RefreshItem = "standing.refresh";

    public static void Answer(PageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        page.Response.Headers.RetryAfter = RetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        page.ViewData[RefreshItem] = RetrySeconds;
    }

    /// <summary>Whether a store counts as large for the pages (<see cref="ServerOptions.LargeStoreSellers"/>).</summary>
    public static bool Large(StoreAccess access, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(options);
        return access.HoldsMoreSellersThan(options.LargeStoreSellers);
    }
}
