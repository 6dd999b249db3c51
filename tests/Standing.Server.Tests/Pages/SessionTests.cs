using System.Net;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The pages' sign-in over real HTTP (Kestrel on loopback, SQLite store): a key becomes a session
/// cookie that does not contain it; sign-out ends the session on the server; forms need their token;
/// errors are pages in plain words.
/// </summary>
public sealed class SessionTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task A_key_becomes_a_session_that_sign_out_ends_for_good()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var browser = new PageClient(server.Address);
        var key = server.KeyText("seller");

        var landing = await browser.SignIn(key, back: "/sellers/shop-a");
        Assert.Equal("/sellers/shop-a", landing?.OriginalString);
        var session = browser.Cookies["standing.session"];
        Assert.DoesNotContain(key, string.Join(";", browser.Cookies.Values), StringComparison.Ordinal);

        var own = await browser.Get("/sellers/shop-a");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains("shop-a", own.Body, StringComparison.Ordinal);

        var signOut = await browser.Post("/sign-out", new Dictionary<string, string> { ["__RequestVerificationToken"] = PageClient.Token(own.Body) });
        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        Assert.False(browser.Cookies.ContainsKey("standing.session"));

        // The old cookie, sent again, is refused: the browser is sent to sign in, told its session ended.
        browser.Cookies["standing.session"] = session;
        var replay = await browser.Get("/sellers/shop-a");
        Assert.Equal(HttpStatusCode.Redirect, replay.Status);
        Assert.StartsWith("/sign-in?back=%2Fsellers%2Fshop-a&ended=1", replay.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_sellers_page_is_not_found_like_an_unknown_one_and_staff_see_any()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var seller = new PageClient(server.Address);
        await seller.SignIn(server.KeyText("seller"));
        var other = await seller.Get("/sellers/shop-b");
        var unknown = await seller.Get("/sellers/shop-zz");
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Page not found", other.Body, StringComparison.Ordinal);
        Assert.Equal(PageClient.WithoutTokens(unknown.Body), PageClient.WithoutTokens(other.Body));

        using var reviewer = new PageClient(server.Address);
        await reviewer.SignIn(server.KeyText("reviewer"));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Get("/sellers/shop-b")).Status);
    }

    [Fact]
    public async Task A_form_without_its_token_is_refused_with_a_page_that_says_why()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var browser = new PageClient(server.Address);
        await browser.Get("/sign-in");
        var answer = await browser.Post("/sign-in", new Dictionary<string, string> { ["key"] = server.KeyText("admin") });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("The form was not sent from this site", answer.Body, StringComparison.Ordinal);
        Assert.False(browser.Cookies.ContainsKey("standing.session"));
    }

    [Fact]
    public async Task Keys_that_may_not_read_are_refused_at_sign_in_with_the_reason()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var browser = new PageClient(server.Address);
        async Task<(HttpStatusCode Status, string Body)> Try(string key)
        {
            var page = await browser.Get("/sign-in");
            var answer = await browser.Post("/sign-in", new Dictionary<string, string> { ["key"] = key, ["__RequestVerificationToken"] = PageClient.Token(page.Body) });
            return (answer.Status, answer.Body);
        }
        var integration = await Try(server.KeyText("integration"));
        Assert.Equal(HttpStatusCode.Unauthorized, integration.Status);
        Assert.Contains("An integration key only sends events", integration.Body, StringComparison.Ordinal);
        Assert.Contains("This key is not known to this server.", (await Try("sk_nonsense")).Body, StringComparison.Ordinal);
        Assert.Contains("another marketplace", (await Try(server.KeyText(ServerHarness.ElsewhereAdmin))).Body, StringComparison.Ordinal);
        Assert.False(browser.Cookies.ContainsKey("standing.session"));
    }

    [Fact]
    public async Task Pages_without_a_session_send_to_sign_in_and_unknown_addresses_get_the_404_page()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var browser = new PageClient(server.Address);
        var page = await browser.Get("/sellers/shop-a");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/sign-in?back=%2Fsellers%2Fshop-a", page.Location?.OriginalString);
        var missing = await browser.Get("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("There is no page at this address", missing.Body, StringComparison.Ordinal);
        // The API keeps its problem documents.
        var api = await browser.Get("/v1/nothing");
        Assert.Contains("\"status\":", api.Body, StringComparison.Ordinal);
        var css = await browser.Get("/assets/site.css");
        Assert.Equal(HttpStatusCode.OK, css.Status);
        Assert.Contains(".status-breach", css.Body, StringComparison.Ordinal);
    }

    public void Dispose() => _stores.Dispose();
}
