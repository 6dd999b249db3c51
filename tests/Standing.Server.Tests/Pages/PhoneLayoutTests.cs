using Standing.Policies;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// A seller's pages on a phone (375 px) in headless Chromium: no page is wider than the screen (a long metric
/// id such as Kuaishou's <c>return_receipt_handling_hours_experience</c> widened it), and each forecast answer
/// reads across its card instead of in a sliver beside a long label (a date a line, ids broken letter by letter),
/// on a phone and in a desktop's columns of cards.
/// </summary>
public sealed class PhoneLayoutTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task At_375_px_no_standard_page_is_wider_than_the_screen_and_the_forecast_reads_across_its_card()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new MovableClock(FixedClock.DayAfter) });
        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("seller"));
        browser.Web.Manage().Window.Size = new System.Drawing.Size(375, 900); // a window of 375 px (the flag's minimum is wider)
        foreach (var policy in BuiltInPacks.Ids)
        {
            browser.Go($"/sellers/shop-a/{policy}");
            // The window's width, the page's, and the room beside the vertical scroll bar.
            var widths = ((IReadOnlyCollection<object>)browser.Web.ExecuteScript(
                "return [window.innerWidth, document.documentElement.scrollWidth, document.documentElement.clientWidth]")!)
                .Select(w => Convert.ToInt64(w, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(widths[0] == 375, $"the window is {widths[0]} px wide, not 375");
            Assert.True(widths[1] <= widths[2], $"{policy}: the page is {widths[1]} px wide in {widths[2]} px");
        }

        browser.Go("/sellers/shop-a/congocrea");
        Assert.NotEmpty(browser.FindAll("dl[data-forecast] dd"));
        // On a phone, and in a desktop's three columns of cards (each about a phone's width).
        foreach (var width in new[] { 375, 1440 })
        {
            browser.Web.Manage().Window.Size = new System.Drawing.Size(width, 900);
            var narrow = browser.Web.ExecuteScript(
                "return Array.from(document.querySelectorAll('dl[data-forecast] dd')).filter(function (d) { return d.getBoundingClientRect().width < 0.75 * d.parentElement.getBoundingClientRect().width; }).length");
            Assert.True(Equals(0L, narrow), $"at {width} px, {narrow} forecast answers are squeezed beside their labels");
            browser.Screenshot($"layout-congocrea-{width}");
        }
    }

    /// <summary>
    /// A case's page at 375 px: its facts' values (the standard, the kind, the dates) had a sliver beside long
    /// keys such as <c>setting_early_reevaluation_change</c>, a date broken a few characters a line.
    /// </summary>
    [Fact]
    public async Task At_375_px_a_cases_facts_keep_room_for_their_values()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        await server.Client("admin").PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var caseId = (await server.Client("admin").GetAsync("/v1/cases").Json())[0].Str("id");
        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("operator"));
        browser.Web.Manage().Window.Size = new System.Drawing.Size(375, 900);
        browser.Go($"/cases/{Uri.EscapeDataString(caseId)}");
        Assert.NotEmpty(browser.FindAll("dl.facts dd"));
        var squeezed = browser.Web.ExecuteScript(
            "return Array.from(document.querySelectorAll('dl.facts dd')).filter(function (d) { return d.getBoundingClientRect().width < 0.4 * d.parentElement.getBoundingClientRect().width; }).length");
        Assert.True(Equals(0L, squeezed), $"{squeezed} values of the case's facts are squeezed beside their keys");
        browser.Screenshot("layout-case-375");
    }

    public void Dispose() => _stores.Dispose();
}
