using System.Net;
using NodaTime;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The seller's page of one standard over real HTTP. Numbers worked out by hand from the congocrea
/// standard (docs/standards/congocrea.md) on <see cref="Marketplace"/>: shop-a's ODR as of 2026-04-02
/// is 3 defective of 10 orders (a-o1, a-o2, a-o3 reviewed with 1 or 2 stars) = 30 %, a breach (the
/// standard is under 1 %).
/// </summary>
public sealed class StandardPageTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task The_card_shows_the_standards_numbers_and_a_dispute_needs_a_reason()
    {
        var clock = new MovableClock(FixedClock.DayAfter);
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = clock });
        using var browser = new PageClient(server.Address);
        await browser.SignIn(server.KeyText("seller"));
        var page = await browser.Get("/sellers/shop-a/congocrea");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-counted>3 / 10<", page.Body, StringComparison.Ordinal);
        Assert.Contains("30%", page.Body, StringComparison.Ordinal);
        Assert.Contains("data-status=\"breach\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("data-item=\"a-o1\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("class=\"threshold\"", page.Body, StringComparison.Ordinal);

        var token = PageClient.Token(page.Body);
        var blank = await browser.Post("/sellers/shop-a/congocrea?handler=Dispute", new Dictionary<string, string>
        {
            ["metric"] = "odr", ["item"] = "a-o1", ["reason"] = "  ", ["__RequestVerificationToken"] = token,
        });
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Contains("a reason is required", blank.Body, StringComparison.Ordinal);

        var opened = await browser.Post("/sellers/shop-a/congocrea?handler=Dispute", new Dictionary<string, string>
        {
            ["metric"] = "odr", ["item"] = "a-o1", ["reason"] = "the buyer reviewed the wrong order", ["__RequestVerificationToken"] = token,
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        var disputes = await server.Client("operator").GetAsync("/v1/disputes?seller=shop-a").Json();
        var dispute = Assert.Single(disputes.EnumerateArray());
        Assert.Equal("a-o1", dispute.Str("item"));
        Assert.Equal("the buyer reviewed the wrong order", dispute.Str("reason"));
    }

    public void Dispose() => _stores.Dispose();
}
