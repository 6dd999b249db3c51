using NodaTime;
using OpenQA.Selenium;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The journeys of the pages (issue 12's numbers 2, 4 and 5) in headless Chromium against a real
/// server on loopback over a SQLite store. Numbers worked out by hand from the congocrea standard
/// (docs/standards/congocrea.md: ODR = orders with a review of 2 stars or fewer / orders, over 90
/// days by order date; breach at 1 % or more) on <see cref="Marketplace"/>: shop-a has 10 orders of
/// 2 March, a-o1, a-o2, a-o3 reviewed with 1, 2 and 2 stars, so 3 / 10 = 30 %, a breach.
/// </summary>
public sealed class Journeys : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task Journey_2_a_seller_sees_only_its_own_standing_disputes_a_defective_order_and_once_accepted_it_no_longer_counts()
    {
        var clock = new MovableClock(FixedClock.DayAfter);
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = clock });
        using var browser = Browser.Open(server.Address);

        browser.SignIn(server.KeyText("seller"));
        Assert.Equal("/sellers/shop-a", browser.Location);
        Assert.Equal("shop-a", browser.Find("h1").Text);
        Assert.Contains("seller", browser.Find(".who").Text, StringComparison.Ordinal);

        // Another seller's page is "not found", word for word as an unknown seller's.
        browser.Go("/sellers/shop-b");
        var other = browser.Find("main").Text;
        browser.Go("/sellers/shop-nobody");
        Assert.Equal(browser.Find("main").Text, other);
        Assert.Contains("Page not found", other, StringComparison.Ordinal);
        browser.Go("/sellers/shop-b/congocrea");
        Assert.Contains("Page not found", browser.Find("main").Text, StringComparison.Ordinal);

        browser.Go("/sellers/shop-a");
        browser.ClickThrough(browser.Find("tr[data-standard='congocrea'] a"));
        Assert.Equal("/sellers/shop-a/congocrea", browser.Location);
        var odr = browser.Find("article[data-metric='odr']");
        Assert.Equal("3 / 10", odr.FindElement(By.CssSelector("[data-counted]")).Text);
        Assert.Equal("30%", odr.FindElement(By.CssSelector("[data-value]")).Text);
        Assert.Equal("Breach", odr.FindElement(By.CssSelector("[data-status]")).Text);
        Assert.Single(odr.FindElements(By.CssSelector("svg.trend line.threshold")));

        // Dispute a-o2: the reason is required (the browser will not send an empty one), then sent.
        var row = browser.Find("tr[data-item='a-o2']");
        row.FindElement(By.TagName("summary")).Click();
        row.FindElement(By.TagName("textarea")).SendKeys("The buyer's 2-star review is about another shop's parcel");
        browser.ClickThrough(row.FindElement(By.CssSelector("button[type=submit]")));
        Assert.Contains("Your dispute is open", browser.Find("[role=status]").Text, StringComparison.Ordinal);
        Assert.Equal("open", browser.Find("tr[data-dispute]").GetAttribute("data-state"));
        browser.Screenshot("journey2-disputed-1440");

        // An operator accepts it through the API; an hour later the seller's page no longer counts a-o2.
        var operatorApi = server.Client("operator");
        var dispute = (await operatorApi.GetAsync("/v1/disputes?seller=shop-a").Json()).EnumerateArray().Single();
        Assert.Equal("a-o2", dispute.Str("item"));
        await operatorApi.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions",
            ServerHarness.Json("""{"decision":"accept","note":"the review names another shop"}""")).Json();
        clock.Advance(Duration.FromHours(1));

        browser.Go("/sellers/shop-a/congocrea");
        odr = browser.Find("article[data-metric='odr']");
        // An accepted dispute takes the item out of the metric, numerator and denominator
        // (docs/enforcement.md): 2 defective (a-o1, a-o3) of 9 orders = 22.22 %, still a breach.
        Assert.Equal("2 / 9", odr.FindElement(By.CssSelector("[data-counted]")).Text);
        Assert.Equal("22.22%", odr.FindElement(By.CssSelector("[data-value]")).Text);
        Assert.Empty(browser.FindAll("table[data-items='odr'] tr[data-item='a-o2']"));
        Assert.Equal(["a-o1", "a-o3"], browser.FindAll("table[data-items='odr'] tr[data-item]").Select(r => r.GetAttribute("data-item")));
        Assert.Equal("accepted", browser.Find("tr[data-dispute]").GetAttribute("data-state"));
        browser.Screenshot("journey2-accepted-1440");
        browser.Web.Manage().Window.Size = new System.Drawing.Size(375, 800);
        browser.Screenshot("journey2-accepted-375");

        // The store agrees: the API's standing at the same instant counts 2 of 9.
        var asOf = browser.Find("[data-as-of]").GetAttribute("data-as-of");
        var standing = await server.Client("seller").GetAsync($"/v1/sellers/shop-a/standing?policy=congocrea&asOf={asOf}").Json();
        var metric = standing.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(m => m.Str("id") == "odr");
        Assert.Equal((2, 9), (metric.GetProperty("numerator").GetInt64(), metric.GetProperty("denominator").GetInt64()));
    }

    [Fact]
    public async Task Journey_4_the_seller_page_in_Polish_and_in_Chinese_has_translated_labels_and_local_numbers_and_dates()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        // An 11th order: 3 defective of 11 = 27.2727… % — a number with decimals to format.
        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(Marketplace.Placed("a-p11", "shop-a", "a-o11", 11))).Json();
        using var browser = Browser.Open(server.Address, language: "pl-PL");

        browser.SignIn(server.KeyText("seller"));
        browser.Go("/sellers/shop-a/congocrea");
        Assert.Equal("pl", browser.Find("html").GetAttribute("lang"));
        var odr = browser.Find("article[data-metric='odr']");
        Assert.Equal("27,27%", odr.FindElement(By.CssSelector("[data-value]")).Text);
        Assert.Equal("Naruszenie", odr.FindElement(By.CssSelector("[data-status]")).Text);
        Assert.Contains("Wskaźniki", browser.Find("main").Text, StringComparison.Ordinal);
        Assert.Contains("Stan na 2 kwi 2026 00:00", browser.Find("[data-as-of]").Text, StringComparison.Ordinal);
        Assert.Contains("Wyloguj się", browser.Find(".who").Text, StringComparison.Ordinal);
        browser.Screenshot("journey4-polish-1440");

        // The switch: Chinese, remembered for the next pages.
        browser.Find("#lang-code option[value=zh]").Click();
        browser.ClickThrough(browser.Find("form.lang button[type=submit]"));
        Assert.Equal("/sellers/shop-a/congocrea", browser.Location);
        Assert.Equal("zh", browser.Find("html").GetAttribute("lang"));
        odr = browser.Find("article[data-metric='odr']");
        Assert.Equal("27.27%", odr.FindElement(By.CssSelector("[data-value]")).Text);
        Assert.Equal("违规", odr.FindElement(By.CssSelector("[data-status]")).Text);
        Assert.Contains("截至 2026年4月2日 00:00", browser.Find("[data-as-of]").Text, StringComparison.Ordinal);
        Assert.Contains("指标", browser.Find("main").Text, StringComparison.Ordinal);
        browser.Web.Manage().Window.Size = new System.Drawing.Size(375, 800);
        browser.Screenshot("journey4-chinese-375");
    }

    [Fact]
    public async Task Journey_5_a_form_without_its_token_and_a_cookie_replayed_after_sign_out_are_refused()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("seller"));
        browser.Go("/sellers/shop-a/congocrea");

        // The dispute form, its anti-forgery token taken out before sending: refused, nothing stored.
        var row = browser.Find("tr[data-item='a-o1']");
        row.FindElement(By.TagName("summary")).Click();
        row.FindElement(By.TagName("textarea")).SendKeys("no token");
        browser.Web.ExecuteScript("document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(e => e.remove())");
        browser.ClickThrough(row.FindElement(By.CssSelector("button[type=submit]")));
        Assert.Contains("The form could not be used", browser.Find("h1").Text, StringComparison.Ordinal);
        Assert.Equal("400", browser.Find("[data-status]").GetAttribute("data-status"));
        Assert.Empty((await server.Client("operator").GetAsync("/v1/disputes?seller=shop-a").Json()).EnumerateArray());
        browser.Screenshot("journey5-no-token-1440");

        // Sign out, then put the old session cookie back: the site no longer knows it.
        browser.Go("/sellers/shop-a");
        var session = browser.Web.Manage().Cookies.GetCookieNamed("standing.session");
        Assert.NotNull(session);
        browser.ClickThrough(browser.Find(".who button[type=submit]"));
        Assert.StartsWith("/sign-in", browser.Location, StringComparison.Ordinal);
        Assert.Null(browser.Web.Manage().Cookies.GetCookieNamed("standing.session"));
        browser.Web.Manage().Cookies.AddCookie(new OpenQA.Selenium.Cookie("standing.session", session.Value, "/"));
        browser.Go("/sellers/shop-a");
        Assert.StartsWith("/sign-in?back=%2Fsellers%2Fshop-a&ended=1", browser.Location, StringComparison.Ordinal);
        Assert.Contains("Your session has ended", browser.Find("[role=status]").Text, StringComparison.Ordinal);
        Assert.Empty(browser.FindAll(".who"));
        browser.Screenshot("journey5-replayed-cookie-1440");
    }

    public void Dispose() => _stores.Dispose();
}
