using System.Net;
using OpenQA.Selenium;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The <c>/backtests</c> pages against a real server over <see cref="Marketplace"/> (SQLite): who may start
/// one, forms that need their token, and, in headless Chromium, an admin who starts the relaxed Congocrea of
/// <see cref="BacktestsTests"/> from the form (after a range given backwards) and reads its report: the pack
/// warns shop-a on 6 March (ODR 3/10 = 30 %, at least 1 %), the relaxed limit of 50 % spares it.
/// </summary>
public sealed class BacktestPagesTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task A_reviewer_reads_the_backtests_but_has_no_form_and_a_form_without_its_token_starts_nothing()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        using var reviewer = new PageClient(server.Address);
        await reviewer.SignIn(server.KeyText("reviewer"));
        var page = await reviewer.Get("/backtests");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("data-form=\"backtest\"", page.Body, StringComparison.Ordinal);
        var form = new Dictionary<string, string> { ["Policy"] = "congocrea", ["Baseline"] = "congocrea", ["From"] = "2026-03-04", ["To"] = "2026-03-06" };
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.Post("/backtests", new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = PageClient.Token(page.Body) })).Status);

        using var admin = new PageClient(server.Address);
        await admin.SignIn(server.KeyText("admin"));
        Assert.Contains("data-form=\"backtest\"", (await admin.Get("/backtests")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Post("/backtests", form)).Status);
        Assert.Empty((await server.Client("admin").GetAsync("/v1/backtests").Json()).EnumerateArray());
    }

    /// <summary>A run a stopped server left running: its page says interrupted and why; only an admin has the button, which needs its token and starts it again.</summary>
    [Fact]
    public async Task An_interrupted_backtest_is_shown_as_such_and_an_admin_starts_it_again_from_its_page()
    {
        static ServerOptions Clock(ServerOptions o) => o with { Clock = new FixedClock(FixedClock.DayAfter) };
        var server = await ServerHarness.Start(_stores.NewTarget(), Clock);
        try
        {
            var id = (await server.Client("admin").PostAsync("/v1/backtests", ServerHarness.Json(BacktestsTests.Body(new { Policy = "congocrea", Baseline = "congocrea", From = "2026-03-05", To = "2026-03-06" })))
                .Json(HttpStatusCode.Accepted)).Str("id");
            Assert.Equal("done", (await BacktestsTests.Finished(server.Client("admin"), id)).Str("state"));
            await server.DisposeAsync();
            StoreSql.Execute(server.Target, $"UPDATE backtest_runs SET state = 'running', report_json = NULL, report_html = NULL WHERE id = '{id}'");
            server = await ServerHarness.Again(server, Clock);

            using var reviewer = new PageClient(server.Address);
            await reviewer.SignIn(server.KeyText("reviewer"));
            var seen = await reviewer.Get($"/backtests/{id}");
            Assert.Equal(HttpStatusCode.OK, seen.Status);
            Assert.Contains("data-state=\"interrupted\"", seen.Body, StringComparison.Ordinal);
            Assert.Contains("server stopped", seen.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("data-form=\"restart\"", seen.Body, StringComparison.Ordinal);
            Assert.Contains("<td data-state>interrupted</td>", (await reviewer.Get("/backtests")).Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.Post($"/backtests/{id}/restart", new Dictionary<string, string> { ["__RequestVerificationToken"] = PageClient.Token(seen.Body) })).Status);

            using var admin = new PageClient(server.Address);
            await admin.SignIn(server.KeyText("admin"));
            var page = await admin.Get($"/backtests/{id}");
            Assert.Contains("data-form=\"restart\"", page.Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.Post($"/backtests/{id}/restart", new Dictionary<string, string>())).Status);
            Assert.Equal("interrupted", (await server.Client("admin").GetAsync($"/v1/backtests/{id}").Json()).Str("state"));

            var posted = await admin.Post($"/backtests/{id}/restart", new Dictionary<string, string> { ["__RequestVerificationToken"] = PageClient.Token(page.Body) });
            Assert.Equal(HttpStatusCode.Redirect, posted.Status);
            Assert.Equal($"/backtests/{id}", posted.Location?.OriginalString);
            var run = await BacktestsTests.Finished(server.Client("admin"), id);
            Assert.Equal(("done", 2), (run.Str("state"), run.GetProperty("attempts").GetInt32()));
            Assert.Contains("data-report", (await admin.Get($"/backtests/{id}")).Body, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_admin_starts_a_backtest_from_the_form_and_reads_its_report()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("admin"));
        browser.Go("/overview");
        browser.ClickThrough(browser.Web.FindElement(By.LinkText("Backtests")));
        Assert.Equal("/backtests", browser.Location);
        Assert.NotNull(browser.Find("[data-empty]"));

        void Fill(string from, string to)
        {
            // The YAML is long: set it as a paste would, then type the rest.
            browser.Web.ExecuteScript("document.getElementById('policy-yaml').value = arguments[0];", BacktestsTests.Relaxed());
            browser.Find("#baseline option[value=congocrea]").Click();
            // A date input's value is ISO whatever the browser shows (typing follows the locale's order).
            foreach (var (field, value) in new[] { ("#from", from), ("#to", to) })
                browser.Web.ExecuteScript("arguments[0].value = arguments[1];", browser.Find(field), value);
            browser.ClickThrough(browser.Find("form[data-form=backtest] button[type=submit]"));
        }

        Fill("2026-03-06", "2026-03-04");
        Assert.Contains("to 2026-03-04 is before from 2026-03-06", browser.Find("[data-error]").Text, StringComparison.Ordinal);
        Assert.Empty((await server.Client("admin").GetAsync("/v1/backtests").Json()).EnumerateArray());
        browser.Screenshots("backtest-form-error");

        Fill("2026-03-04", "2026-03-06");
        Assert.StartsWith("/backtests/bt-", browser.Location, StringComparison.Ordinal);
        var until = DateTime.UtcNow.AddMinutes(2);
        while (browser.Find("[data-state]").GetAttribute("data-state") is not ("done" or "failed") && DateTime.UtcNow < until)
        {
            Thread.Sleep(500);
            browser.Web.Navigate().Refresh();
        }
        Assert.Equal("done", browser.Find("[data-state]").GetAttribute("data-state"));
        browser.Screenshots("backtest-report");

        browser.Web.SwitchTo().Frame(browser.Find("iframe[data-report]"));
        var report = browser.Text;
        Assert.Contains("Backtest of congocrea, 2026-03-04 to 2026-03-06", report, StringComparison.Ordinal);
        Assert.Contains("shop-a", report, StringComparison.Ordinal);
        Assert.Contains("2026-03-06", report, StringComparison.Ordinal);
        browser.Web.SwitchTo().DefaultContent();

        browser.Go("/backtests");
        var row = Assert.Single(browser.FindAll("table[data-table=backtests] tbody tr"));
        Assert.Equal("done", row.FindElement(By.CssSelector("[data-state]")).Text);
        Assert.Contains("policy_yaml", row.Text, StringComparison.Ordinal);
        browser.Screenshots("backtest-list");
    }
}
