using NodaTime;
using OpenQA.Selenium;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The trust &amp; safety journeys of issue 12 in headless Chromium against a real server (Kestrel on
/// loopback, SQLite), each ending in assertions on the page and on the store, and in screenshots.
/// </summary>
public sealed class StaffJourneyTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    /// <summary>
    /// Journey 1: an operator finds the worst seller of congocrea on the overview (shop-a, ODR 5/12, a
    /// suspension proposed by the run of 2026-05-02: <see cref="StaffJourneyData.CongocreaEscalation"/>),
    /// opens its open proposal, confirms it and sees the audit entry with the key's name.
    /// </summary>
    [Fact]
    public async Task An_operator_confirms_the_worst_sellers_suspension_from_the_overview()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(Instant.FromUtc(2026, 5, 3, 9, 0)) });
        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(StaffJourneyData.CongocreaEscalation())).Json();
        var admin = server.Client("admin");
        foreach (var asOf in new[] { StaffJourneyData.WarnedAsOf, StaffJourneyData.ProposedAsOf })
            await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{asOf}}","policies":["congocrea"]}""")).Json();

        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("operator"));
        browser.Go("/overview?policy=congocrea");
        Assert.Equal("1", browser.Find("[data-status=good] .n").Text);      // shop-b, 0/4
        Assert.Equal("1", browser.Find("[data-status=breach] .n").Text);    // shop-a, 5/12
        Assert.Equal("1%", browser.Find("line.threshold").GetAttribute("data-threshold"));
        browser.Screenshots("journey1-overview");
        var worst = browser.FindAll("table[data-table=worst] tbody tr")[0];
        Assert.Equal("shop-a", worst.GetAttribute("data-seller"));
        // The chip says the case's kind and state in words; the ids stay in the attributes.
        browser.ClickThrough(worst.FindElement(By.PartialLinkText("Suspension proposal · Proposed: awaiting a decision")));

        Assert.Equal(("suspension_proposal", "Suspension proposal"), Words(browser.Find("dd[data-kind]"), "data-kind"));
        Assert.Equal(("proposed", "Proposed: awaiting a decision"), Words(browser.Find("dd[data-state]"), "data-state"));
        var id = browser.Find("[data-case-id]").Text;
        browser.Find("input[name=Decision][value=confirm]").Click();
        browser.Find("#note").SendKeys("ODR rose from 30% to 41.7% after the warning");
        browser.ClickThrough(browser.Find("form[data-form=decide] button[type=submit]"));

        Assert.Equal(("confirmed", "Confirmed"), Words(browser.Find("[data-done] [data-state]"), "data-state"));
        var last = browser.FindAll("ol[data-audit] > li")[^1];
        Assert.Equal("person:operator", last.FindElement(By.CssSelector("[data-actor]")).Text);
        Assert.Contains("confirm by operator: ODR rose from 30% to 41.7% after the warning", last.Text, StringComparison.Ordinal);
        browser.Screenshots("journey1-case-confirmed");

        var stored = await admin.GetAsync($"/v1/cases/{id}").Json();
        Assert.Equal(("shop-a", "suspension_proposal", "confirmed"), (stored.Str("seller"), stored.Str("kind"), stored.Str("state")));
        var audit = stored.GetProperty("audit");
        Assert.Equal("person:operator", audit[audit.GetArrayLength() - 1].Str("actor"));
    }

    /// <summary>
    /// Journey 3: a Prom.ua company excluded from the catalog (ua-bad, <see cref="StaffJourneyData.PromuaExclusion"/>)
    /// sends its improvement letter (the marketplace forwards it as an event); the next run opens the letter
    /// case; the operator's queue shows it with its answer deadline, 14 days after the letter; the operator answers.
    /// </summary>
    [Fact]
    public async Task A_promua_letter_reaches_the_operators_queue_with_its_deadline_and_is_answered()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(Instant.FromUtc(2026, 3, 7, 9, 0)) }, withEvents: false);
        var integration = server.Client("integration");
        var admin = server.Client("admin");
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(StaffJourneyData.PromuaExclusion())).Json();
        await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{StaffJourneyData.ExcludedAsOf}}","policies":["promua"]}""")).Json();
        var excluded = Assert.Single((await admin.GetAsync("/v1/cases?policy=promua").Json()).EnumerateArray());
        Assert.Equal(("ua-bad", "catalog_exclusion", "excluded"), (excluded.Str("seller"), excluded.Str("kind"), excluded.Str("state")));

        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(StaffJourneyData.Letter())).Json();
        await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{StaffJourneyData.LetterRunAsOf}}","policies":["promua"]}""")).Json();

        using var browser = Browser.Open(server.Address);
        browser.SignIn(server.KeyText("operator"));
        browser.Go("/cases");
        var rows = browser.FindAll("table[data-table=cases] tbody tr");
        // The letter waits for a person, so it comes before the exclusion (which waits for the re-check).
        Assert.Equal(2, rows.Count);
        Assert.Equal(("letter", "Improvement letter"), Words(rows[0].FindElement(By.CssSelector("[data-kind]")), "data-kind"));
        Assert.Equal(("awaiting_answer", "Awaiting an answer"), Words(rows[0].FindElement(By.CssSelector("[data-state]")), "data-state"));
        Assert.Contains("ua-bad", rows[0].Text, StringComparison.Ordinal);
        Assert.Equal(StaffJourneyData.LetterDueUtc, rows[0].FindElement(By.CssSelector("time")).GetAttribute("datetime"));
        Assert.Equal(("catalog_exclusion", "Catalog exclusion"), Words(rows[1].FindElement(By.CssSelector("[data-kind]")), "data-kind"));
        Assert.Equal(("excluded", "Excluded"), Words(rows[1].FindElement(By.CssSelector("[data-state]")), "data-state"));
        // A person reads words, not the ids (the case's own id, promua.catalog_exclusion.…, keeps its kind).
        Assert.DoesNotContain("awaiting_answer", browser.Find("main").Text, StringComparison.Ordinal);
        browser.Screenshots("journey3-queue");

        browser.ClickThrough(rows[0].FindElement(By.CssSelector("a")));
        Assert.Equal(("awaiting_answer", "Awaiting an answer"), Words(browser.Find("dd[data-state]"), "data-state"));
        Assert.Contains("a second agent on the chat", browser.Find("dl.facts").Text, StringComparison.Ordinal);
        browser.Find("#note").SendKeys("Thank you: the plan is accepted; we re-check on day 14.");
        browser.ClickThrough(browser.Find("form[data-form=decide] button[type=submit]"));
        Assert.Equal(("answered", "Answered"), Words(browser.Find("[data-done] [data-state]"), "data-state"));
        browser.Screenshots("journey3-letter-answered");

        var letter = (await admin.GetAsync("/v1/cases?policy=promua&kind=letter").Json())[0];
        Assert.Equal(("ua-bad", "answered"), (letter.Str("seller"), letter.Str("state")));
        var audit = (await admin.GetAsync($"/v1/cases/{letter.Str("id")}").Json()).GetProperty("audit");
        Assert.Equal("person:operator", audit[audit.GetArrayLength() - 1].Str("actor"));
    }

    /// <summary>An element's id (the attribute) and what a person reads in it.</summary>
    private static (string Id, string Text) Words(IWebElement element, string attribute) => (element.GetAttribute(attribute) ?? "", element.Text);

    public void Dispose() => _stores.Dispose();
}
