using OpenQA.Selenium;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// Issue 12: the pages stay usable with JavaScript turned off. Headless Chromium with its JavaScript content
/// setting off signs in as a seller, follows the links to its page of a standard and disputes a counted order
/// through the page's form (a <c>details</c> to open, a textarea, a button): plain HTML does all of it. The
/// figures are those of <see cref="Journeys"/>, worked out by hand from the congocrea standard: shop-a's ODR is
/// 3 defective of 10 orders = 30 %, a breach, with a-o1 among the counted orders.
/// </summary>
public sealed class NoScriptTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task With_JavaScript_off_a_seller_signs_in_opens_its_page_and_disputes_an_order()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new MovableClock(FixedClock.DayAfter) });
        using var browser = Browser.Open(server.Address, javaScript: false);

        // Scripts are off: a page's script that would retitle the page does not run.
        browser.Web.Navigate().GoToUrl("data:text/html,<title>off</title><script>document.title='on'</script>");
        Assert.Equal("off", browser.Web.Title);

        browser.SignIn(server.KeyText("seller"));
        Assert.Equal("/sellers/shop-a", browser.Location);
        browser.ClickThrough(browser.Find("tr[data-standard='congocrea'] a"));
        Assert.Equal("/sellers/shop-a/congocrea", browser.Location);
        var odr = browser.Find("article[data-metric='odr']");
        Assert.Equal("3 / 10", odr.FindElement(By.CssSelector("[data-counted]")).Text);
        Assert.Equal("30%", odr.FindElement(By.CssSelector("[data-value]")).Text);
        Assert.Empty(browser.FindAll("tr[data-dispute]"));

        var row = browser.Find("tr[data-item='a-o1']");
        row.FindElement(By.TagName("summary")).Click();
        row.FindElement(By.TagName("textarea")).SendKeys("The buyer reviewed the wrong order");
        browser.ClickThrough(row.FindElement(By.CssSelector("button[type=submit]")));
        Assert.StartsWith("/sellers/shop-a/congocrea?done=disputed", browser.Location, StringComparison.Ordinal);
        Assert.Contains("Your dispute is open", browser.Find("[role=status]").Text, StringComparison.Ordinal);
        Assert.Equal("open", browser.Find("tr[data-dispute]").GetAttribute("data-state"));
        browser.Screenshots("noscript-disputed");

        var dispute = Assert.Single((await server.Client("operator").GetAsync("/v1/disputes?seller=shop-a").Json()).EnumerateArray());
        Assert.Equal("a-o1", dispute.Str("item"));
        Assert.Equal("The buyer reviewed the wrong order", dispute.Str("reason"));
    }

    public void Dispose() => _stores.Dispose();
}
