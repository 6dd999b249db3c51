using System.Net;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// On a large store a page never waits for a first result of every seller or a first peer pool: it answers 503 with
/// Retry-After and a page that says its figures are being computed and reloads itself (no script), and the figures are
/// computed once in the background. Here every store counts as large (<see cref="ServerOptions.LargeStoreSellers"/> 0)
/// and nothing is computed ahead (<see cref="ServerOptions.WarmPages"/> off), so each page's first ask is the waiting
/// page; the asks after it, as the page's refresh makes them, end on the real page.
/// </summary>
public sealed class BeingComputedTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Theory]
    [InlineData("/sellers/shop-a", "data-standard=\"promua\"")] // waits for Prom.ua's peer pool
    [InlineData("/sellers/shop-a/promua", "data-counted>")] // likewise
    [InlineData("/overview?policy=congocrea", "data-seller=\"shop-a\"")] // every seller's evaluation
    [InlineData("/sellers?policy=promua", "data-seller=\"shop-a\"")]
    public async Task A_large_stores_first_ask_says_the_figures_are_being_computed_and_a_reload_shows_them(string path, string figures)
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(),
            o => o with { Clock = new MovableClock(FixedClock.DayAfter), LargeStoreSellers = 0, WarmPages = false });
        using var staff = new PageClient(server.Address);
        staff.AcceptLanguage = "fr";
        await staff.SignIn(server.KeyText("operator"));

        // The first ask, its headers read as a script or a crawler would (the same session and language).
        using var raw = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", string.Join("; ", staff.Cookies.Select(c => $"{c.Key}={c.Value}")));
        request.Headers.Add("Accept-Language", "fr");
        using var answer = await raw.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(Web.BeingComputed.RetrySeconds), answer.Headers.RetryAfter?.Delta);
        Assert.Contains("data-being-computed", body, StringComparison.Ordinal);
        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"{Web.BeingComputed.RetrySeconds}\">", body, StringComparison.Ordinal);
        Assert.Contains("Les chiffres de cette page sont en cours de calcul", body, StringComparison.Ordinal); // translated
        Assert.DoesNotContain(figures, body, StringComparison.Ordinal);

        // The refresh asks again: the figures come once computed (a bound on the asks, not a timing).
        var again = await staff.Get(path);
        for (var ask = 0; ask < 600 && again.Status == HttpStatusCode.ServiceUnavailable; ask++)
        {
            await Task.Delay(100);
            again = await staff.Get(path);
        }
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains(figures, again.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-being-computed", again.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", again.Body, StringComparison.Ordinal);
    }

    public void Dispose() => _stores.Dispose();
}
