using System.Net;
using System.Text.RegularExpressions;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// A browser's HTTP without the browser: keeps cookies by hand (so a test can replay an old one),
/// never follows redirects (so a test sees them), and reads a form's anti-forgery token from the page.
/// </summary>
internal sealed partial class PageClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public string? AcceptLanguage { get; set; }

    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await Send(request);
    }

    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> Post(string path, IDictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await Send(request);
    }

    /// <summary>Signs in with a key through the sign-in form; returns where the site sent the browser.</summary>
    public async Task<Uri?> SignIn(string key, string back = "/")
    {
        var page = await Get($"/sign-in?back={Uri.EscapeDataString(back)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var answer = await Post("/sign-in", new Dictionary<string, string> { ["key"] = key, ["back"] = back, ["__RequestVerificationToken"] = Token(page.Body) });
        Assert.True(answer.Status == HttpStatusCode.Redirect, $"sign-in answered {(int)answer.Status}: {answer.Body}");
        return answer.Location;
    }

    public static string Token(string html) =>
        TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery token on the page");

    /// <summary>A page with its anti-forgery tokens blanked (they differ on every answer).</summary>
    public static string WithoutTokens(string html) => TokenField().Replace(html, "");

    private async Task<(HttpStatusCode, string, Uri?)> Send(HttpRequestMessage request)
    {
        if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        if (AcceptLanguage is not null) request.Headers.Add("Accept-Language", AcceptLanguage);
        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        }
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => _http.Dispose();
}
