using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Standing.Server.Web;

/// <summary>
/// The <c>?page=</c> of a paged page (1 when absent or not a whole number from 1). Read from the query string itself:
/// Razor Pages keeps the page's own path under the route value "page", which model binding consults before the
/// query, so a bound "page" never saw the query's number and every list stayed on its first page.
/// </summary>
public static class PageNumbers
{
    public static int Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
    }
}
