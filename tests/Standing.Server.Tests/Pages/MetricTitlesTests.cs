using OpenQA.Selenium;
using Standing.Policies;
using Standing.Server.Web;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// A standard's page names each metric in the page's language, with the titles the packs give their
/// notices, and never by its English title. The expected titles are copied by hand from the packs
/// (src/Standing.Policies/Packs: mall.yaml and congocrea.yaml in Polish, douyin.yaml in Chinese, congocrea.yaml in
/// French); the last test walks every pack in every language against the titles the packs give.
/// </summary>
public sealed class MetricTitlesTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task Metric_titles_are_in_the_page_language_and_no_english_title_is_left()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        using var browser = Browser.Open(server.Address, language: "pl-PL");
        browser.SignIn(server.KeyText("seller"));

        browser.Go("/sellers/shop-a/mall");
        Assert.Equal("pl", browser.Find("html").GetAttribute("lang"));
        Assert.StartsWith("SLA partnerów MALL", browser.Find("h1").Text, StringComparison.Ordinal); // the pack's Polish name (mall.yaml)
        Assert.StartsWith("Zamówienia anulowane przez partnera / zamówienia, które osiągnęły status OPEN", Title(browser, "cancellation_rate"), StringComparison.Ordinal);
        Assert.StartsWith("Zamówienia z błędnie wprowadzonym statusem końcowym / wszystkie zamówienia", Title(browser, "status_error_rate"), StringComparison.Ordinal);
        Assert.DoesNotContain("Orders cancelled by the partner", browser.Find("main").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Orders whose final status was entered wrongly", browser.Find("main").Text, StringComparison.Ordinal);
        browser.Screenshot("titles-polish-mall-1440");

        // congocrea's Polish title (congocrea.yaml), not its English one.
        browser.Go("/sellers/shop-a/congocrea");
        Assert.StartsWith("Wskaźnik wadliwych zamówień (opinia na 2 gwiazdki lub mniej albo reklamacja; każde zamówienie liczone raz)", Title(browser, "odr"), StringComparison.Ordinal);
        Assert.DoesNotContain("Order defect rate", browser.Find("main").Text, StringComparison.Ordinal);

        Switch(browser, "zh");
        browser.Go("/sellers/shop-a/douyin");
        Assert.Equal("zh", browser.Find("html").GetAttribute("lang"));
        Assert.StartsWith("抖音小店客服考核", browser.Find("h1").Text, StringComparison.Ordinal); // douyin.yaml's Chinese name
        Assert.StartsWith("评为 5 星（非常满意）或 4 星（满意）的会话 / 已评价的会话", Title(browser, "satisfaction_rate"), StringComparison.Ordinal);
        Assert.StartsWith("转人工后 2 分钟内获得首次人工回复的会话 / 转人工的会话", Title(browser, "first_reply_2min_rate"), StringComparison.Ordinal);
        Assert.DoesNotContain("Rated sessions rated 5 stars", browser.Find("main").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sessions whose first human reply", browser.Find("main").Text, StringComparison.Ordinal);
        browser.Web.Manage().Window.Size = new System.Drawing.Size(375, 800);
        browser.Screenshot("titles-chinese-douyin-375");
        browser.Web.Manage().Window.Size = new System.Drawing.Size(1440, 900);

        Switch(browser, "fr");
        browser.Go("/sellers/shop-a/congocrea");
        Assert.Equal("fr", browser.Find("html").GetAttribute("lang"));
        Assert.StartsWith("Norme de service client Congocrea", browser.Find("h1").Text, StringComparison.Ordinal); // congocrea.yaml's French name
        Assert.StartsWith("Taux de commandes défectueuses (avis de 2 étoiles ou moins, ou réclamation ; compté une fois par commande)", Title(browser, "odr"), StringComparison.Ordinal);
        Assert.Contains("Taux de commandes défectueuses", browser.Find("#items + h3").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Order defect rate", browser.Find("main").Text, StringComparison.Ordinal);
        browser.Screenshot("titles-french-congocrea-1440");
    }

    /// <summary>
    /// Issue 12: on every built-in standard's page, in each of the five languages besides English, every metric's
    /// card is titled with the pack's title in that language and none is marked as English. The expected titles are
    /// read from the packs, so a metric added without its translations fails here.
    /// </summary>
    [Fact]
    public async Task Every_metric_of_every_pack_is_titled_in_each_page_language()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("seller"));
        var packs = BuiltInPacks.Ids.Select(BuiltInPacks.Load).ToList();
        Assert.Equal(8, packs.Count);
        var wrong = new List<string>();
        var bare = new List<string>();
        foreach (var language in PageLanguage.All.Where(l => l.Code != PageLanguage.English.Code))
        {
            browser.Web.Manage().Cookies.AddCookie(new Cookie(PageLanguage.CookieName, language.Code, "/"));
            foreach (var pack in packs)
            {
                browser.Go("/sellers/shop-a/" + pack.Id);
                Assert.Equal(language.Code, browser.Find("html").GetAttribute("lang"));
                var cards = browser.FindAll("article[data-metric]");
                if (cards.Count == 0) bare.Add($"{language.Code} {pack.Id}");
                foreach (var card in cards)
                {
                    var id = card.GetAttribute("data-metric")!;
                    var title = card.FindElement(By.CssSelector("h3 > span"));
                    var expected = pack.Metrics.Single(m => m.Id == id).Titles.GetValueOrDefault(language.Code);
                    if (expected is null || title.Text != expected || title.GetAttribute("lang") is { Length: > 0 })
                        wrong.Add($"{language.Code} {pack.Id} {id}: \"{title.Text}\" (lang {title.GetAttribute("lang")}), the pack's: \"{expected}\"");
                }
            }
        }
        Assert.True(bare.Count == 0, "pages without a metric card: " + string.Join(", ", bare));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string Title(Browser browser, string metric) =>
        browser.Find($"article[data-metric='{metric}']").FindElement(By.TagName("h3")).Text;

    private static void Switch(Browser browser, string code)
    {
        browser.Find($"#lang-code option[value={code}]").Click();
        browser.ClickThrough(browser.Find("form.lang button[type=submit]"));
        // The switch answers with a redirect: wait for the page in the new language, or the next Go races it.
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until && browser.FindAll($"html[lang={code}]").Count == 0) Thread.Sleep(50);
    }

    public void Dispose() => _stores.Dispose();
}
