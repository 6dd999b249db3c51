using Microsoft.AspNetCore.Http;

namespace Standing.Server.Web;

/// <summary>Which requests are the pages' (HTML for people) and which the API's (JSON for programs).</summary>
public static class PagePaths
{
    private static readonly string[] Api = ["/v1", "/openapi", "/scalar", "/healthz", "/readyz"];

    public static bool IsPage(PathString path) => !Api.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A return address that stays on this site (an absolute or protocol-relative URL becomes the home page).</summary>
    public static string Local(string? back) =>
        back is { Length: > 0 } && back[0] == '/' && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal) && !back.Any(char.IsControl)
            ? back : "/";
}
