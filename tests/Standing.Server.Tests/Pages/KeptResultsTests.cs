using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NodaTime;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The pages keep what they computed per log position, policy and disputes (KeptResults): each test reads a
/// page, changes what it shows (an event posted, a dispute accepted) and reads it again at the same as-of,
/// where a kept answer would still show the old numbers. Numbers worked out by hand from congocrea (ODR
/// under 1 %: defective orders, here reviews of 1 or 2 stars, over orders placed in the last 90 days;
/// docs/standards/congocrea.md) on <see cref="Marketplace"/>: shop-a 3 of 10 (a-o1, a-o2, a-o3), shop-b 0 of 4.
/// </summary>
public sealed partial class KeptResultsTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    /// <summary>
    /// As of 2026-04-02 00:00 UTC (no run: the clock). A 1-star review of b-o1 at 2026-03-10 10:00 makes shop-b
    /// 1 of 4 = 25 %, a breach. Its trend (the 90 days to Apr 2, each at 00:00) then stands at 25 % on the 23
    /// days from Mar 11 to Apr 2 and at 0 on the days from Mar 3 to Mar 10 (its orders were placed Mar 2).
    /// The staff's list and overview of congocrea move shop-b from good to breach.
    /// </summary>
    [Fact]
    public async Task A_posted_event_changes_the_seller_page_its_trend_and_the_staff_lists()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new MovableClock(FixedClock.DayAfter) });
        using var staff = new PageClient(server.Address);
        await staff.SignIn(server.KeyText("operator"));

        var before = await staff.Get("/sellers/shop-b/congocrea");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("data-counted>0 / 4<", before.Body, StringComparison.Ordinal);
        var flat = TrendLevels(before.Body, "odr");
        Assert.Single(flat.Distinct());
        var listed = await staff.Get("/sellers?policy=congocrea&status=breach");
        Assert.DoesNotContain("data-seller=\"shop-b\"", listed.Body, StringComparison.Ordinal);
        var overview = await staff.Get("/overview?policy=congocrea");
        Assert.Contains("data-seller=\"shop-a\"", overview.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-seller=\"shop-b\"", overview.Body, StringComparison.Ordinal);

        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(
            """{"id":"b-r1","type":"review.posted","at":"2026-03-10T10:00:00Z","seller":"shop-b","review":"b-rv1","order":"b-o1","stars":1}""" + "\n")).Json();

        var after = await staff.Get("/sellers/shop-b/congocrea");
        Assert.Contains("data-counted>1 / 4<", after.Body, StringComparison.Ordinal);
        Assert.Contains("data-status=\"breach\"", after.Body, StringComparison.Ordinal);
        var levels = TrendLevels(after.Body, "odr");
        Assert.Equal(flat.Count, levels.Count);
        var zero = levels.Max(); // SVG's y grows downwards: the lowest line is the largest y
        Assert.Equal(23, levels.Count(y => y < zero));
        Assert.Equal(8, levels.Count(y => y == zero));
        Assert.Contains("data-seller=\"shop-b\"", (await staff.Get("/sellers?policy=congocrea&status=breach")).Body, StringComparison.Ordinal);
        Assert.Contains("data-seller=\"shop-b\"", (await staff.Get("/overview?policy=congocrea")).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// The clock at 2026-04-01 23:00 UTC, the page asked as of 2026-04-02: shop-a's dispute of a-o1, accepted
    /// at 23:00 (before that as-of), takes the order out of the metric: 2 of 9 (22.2 %) instead of 3 of 10. The
    /// log position does not move (disputes are not events): only the disputes tell the kept answer is old.
    /// </summary>
    [Fact]
    public async Task An_accepted_dispute_changes_the_seller_page_at_the_same_as_of()
    {
        var clock = new MovableClock(FixedClock.DayAfter - Duration.FromHours(1));
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = clock });
        using var seller = new PageClient(server.Address);
        await seller.SignIn(server.KeyText("seller"));
        const string page = "/sellers/shop-a/congocrea?asOf=2026-04-02T00:00:00Z";

        var before = await seller.Get(page);
        Assert.Contains("data-counted>3 / 10<", before.Body, StringComparison.Ordinal);
        var index = await seller.Get("/sellers/shop-a");
        Assert.Equal(HttpStatusCode.OK, index.Status);

        var operatorKey = server.Client("operator");
        var dispute = await operatorKey.PostAsync("/v1/disputes", ServerHarness.Json(
            """{"seller":"shop-a","policy":"congocrea","metric":"odr","item":"a-o1","reason":"the buyer reviewed the wrong order"}""")).Json(HttpStatusCode.Created);
        Assert.Contains("data-counted>3 / 10<", (await seller.Get(page)).Body, StringComparison.Ordinal); // open: still counts
        await operatorKey.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions", ServerHarness.Json("""{"decision":"accept","note":"confirmed"}""")).Json();

        var after = await seller.Get(page);
        Assert.Contains("data-counted>2 / 9<", after.Body, StringComparison.Ordinal);
        var standing = await operatorKey.GetAsync("/v1/sellers/shop-a/standing?policy=congocrea&asOf=2026-04-02T00:00:00Z").Json();
        var odr = standing.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(m => m.Str("id") == "odr");
        Assert.Equal(2.0 / 9, odr.GetProperty("value").GetDouble(), 1e-9); // the document writes ten significant digits
    }

    /// <summary>
    /// A seller's results are kept per change of its own events (congocrea compares no sellers), so the seller
    /// page must never show one older than the seller's latest event or decided dispute, whatever came between.
    /// As of 2026-04-02 00:00 UTC, the clock an hour before: shop-b 0 of 4; an order of shop-a (another seller)
    /// changes nothing of shop-b's; then shop-b's 1-star review of b-o1 (Mar 10, before the as-of, posted after
    /// the page was read: a late arrival) makes it 1 of 4, a breach, on its standard's page and in the index;
    /// then another seller's event again, and shop-b's dispute of b-o1 accepted at 23:00 takes the order out:
    /// 0 of 3, good (the index, as of the clock, read half an hour after the decision).
    /// </summary>
    [Fact]
    public async Task A_seller_page_is_never_older_than_the_sellers_latest_event_or_decided_dispute()
    {
        var clock = new MovableClock(FixedClock.DayAfter - Duration.FromHours(1));
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = clock });
        using var staff = new PageClient(server.Address);
        await staff.SignIn(server.KeyText("operator"));
        const string page = "/sellers/shop-b/congocrea?asOf=2026-04-02T00:00:00Z";
        var integration = server.Client("integration");
        async Task Post(string line) => await integration.PostAsync("/v1/events", ServerHarness.Ndjson(line + "\n")).Json();
        async Task<string> Index() => Regex.Match((await staff.Get("/sellers/shop-b")).Body, "<tr data-standard=\"congocrea\">.*?</tr>", RegexOptions.Singleline).Value;

        Assert.Contains("data-counted>0 / 4<", (await staff.Get(page)).Body, StringComparison.Ordinal);
        Assert.Contains("status-good", await Index(), StringComparison.Ordinal);
        await Post(Marketplace.Placed("a-p11", "shop-a", "a-o11", 11));
        Assert.Contains("data-counted>0 / 4<", (await staff.Get(page)).Body, StringComparison.Ordinal);

        await Post("""{"id":"b-r1","type":"review.posted","at":"2026-03-10T10:00:00Z","seller":"shop-b","review":"b-rv1","order":"b-o1","stars":1}""");
        var reviewed = await staff.Get(page);
        Assert.Contains("data-counted>1 / 4<", reviewed.Body, StringComparison.Ordinal);
        Assert.Contains("data-status=\"breach\"", reviewed.Body, StringComparison.Ordinal);
        Assert.Contains("status-breach", await Index(), StringComparison.Ordinal);

        await Post(Marketplace.Placed("a-p12", "shop-a", "a-o12", 12));
        var operatorKey = server.Client("operator");
        var dispute = await operatorKey.PostAsync("/v1/disputes", ServerHarness.Json(
            """{"seller":"shop-b","policy":"congocrea","metric":"odr","item":"b-o1","reason":"the review is of another shop"}""")).Json(HttpStatusCode.Created);
        Assert.Contains("data-counted>1 / 4<", (await staff.Get(page)).Body, StringComparison.Ordinal); // open: still counts
        await operatorKey.PostAsync($"/v1/disputes/{dispute.Str("id")}/decisions", ServerHarness.Json("""{"decision":"accept","note":"confirmed"}""")).Json();
        Assert.Contains("data-counted>0 / 3<", (await staff.Get(page)).Body, StringComparison.Ordinal);
        clock.Advance(Duration.FromMinutes(30)); // the index is as of now (no run): after the decision
        Assert.Contains("status-good", await Index(), StringComparison.Ordinal);
    }

    /// <summary>The y of each point of a metric's trend line (its SVG path), in day order.</summary>
    private static List<double> TrendLevels(string html, string metric)
    {
        var start = html.IndexOf($"data-metric=\"{metric}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no card for {metric}");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        var path = TrendPath().Match(html[start..end]);
        Assert.True(path.Success, $"no trend line in the card of {metric}");
        return Point().Matches(path.Groups[1].Value).Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
    }

    [GeneratedRegex("<path class=\"line\" d=\"([^\"]+)\"")]
    private static partial Regex TrendPath();

    [GeneratedRegex(@"[ML] ?([0-9.]+) ([0-9.]+)")]
    private static partial Regex Point();

    public void Dispose() => _stores.Dispose();
}
