using System.Globalization;
using System.Net;
using Standing.Policies;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// On a large store every standard's sellers list and overview, once computed, stays answered: each list is kept as
/// the few fields the pages show (<see cref="Jobs.SellerLines"/>), at the size of those bytes, so that all of them fit
/// together in the kept results. Here the store counts as large (<see cref="ServerOptions.LargeStoreSellers"/> 0), holds
/// 60 sellers, and the kept results are bounded at 200 sellers' evaluations: eight standards' lists kept as whole
/// evaluations (480) would not fit, and a list dropped answers 503 "being computed" again.
/// </summary>
public sealed class KeptListsTests : IDisposable
{
    private const int Bound = 200;

    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task Every_standards_list_and_overview_stay_answered_once_computed_under_a_small_bound()
    {
        var clock = new MovableClock(FixedClock.DayAfter);
        var first = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = clock, WarmPages = false });
        var orders = string.Concat(Enumerable.Range(1, 58).Select(i =>
            Marketplace.Placed($"m-p{i}", string.Create(CultureInfo.InvariantCulture, $"shop-m{i:00}"), $"m-o{i}", i) + "\n"));
        await first.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(orders)).Json();
        await using var server = await ServerHarness.Again(first, o => o with { Clock = clock, LargeStoreSellers = 0, KeptEvaluations = Bound });
        using var staff = new PageClient(server.Address);
        await staff.SignIn(server.KeyText("operator"));
        var pages = BuiltInPacks.Ids.SelectMany(id => new[] { $"/sellers?policy={id}&status=any", $"/overview?policy={id}" }).ToList();

        // Each computed once (the warming's or the ask's: a bound on the asks, not a timing).
        foreach (var path in pages)
        {
            var page = await staff.Get(path);
            for (var ask = 0; ask < 600 && page.Status == HttpStatusCode.ServiceUnavailable; ask++)
            {
                await Task.Delay(100);
                page = await staff.Get(path);
            }
            Assert.True(page.Status == HttpStatusCode.OK, $"{path} answered {(int)page.Status}");
        }

        // Every one of them still kept: none is being computed again.
        foreach (var path in pages)
        {
            var again = await staff.Get(path);
            Assert.True(again.Status == HttpStatusCode.OK, $"{path} answered {(int)again.Status} after every list was computed");
            Assert.DoesNotContain("data-being-computed", again.Body, StringComparison.Ordinal);
        }
        var congocrea = await staff.Get("/sellers?policy=congocrea&status=any&q=shop-m");
        Assert.Contains("data-total=\"58\"", congocrea.Body, StringComparison.Ordinal);
    }

    public void Dispose() => _stores.Dispose();
}
