using NodaTime;
using Standing.Core.Metrics;
using Standing.Data.Keys;
using Standing.Enforcement.Cases;
using Standing.Policies;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// The queries behind the staff pages (and the API), on a real SQLite store. Under congocrea as of
/// 2026-04-01 (ODR: orders with a review of 1–2 stars over orders, breach at 1 % or more, minimum
/// sample 1): shop-a 3/10 = 0.3 and shop-b 0/4 = 0 (<see cref="Marketplace"/>); here also shop-c
/// 1/2 = 0.5 and shop-d 1/4 = 0.25. So 3 in breach, 1 good; worst by ODR: c, a, d.
/// </summary>
public sealed class StaffQueriesTests : IClassFixture<SqliteTarget>
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 4, 1, 0, 0);
    private readonly SqliteTarget _stores;

    public StaffQueriesTests(SqliteTarget stores) => _stores = stores;

    private static string More()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 2; i++) lines.Add(Marketplace.Placed($"c-p{i}", "shop-c", $"c-o{i}", i));
        for (var i = 1; i <= 4; i++) lines.Add(Marketplace.Placed($"d-p{i}", "shop-d", $"d-o{i}", i));
        lines.Add("""{"id":"c-r1","type":"review.posted","at":"2026-03-05T10:00:00Z","seller":"shop-c","review":"c-rv1","order":"c-o1","stars":1}""");
        lines.Add("""{"id":"d-r1","type":"review.posted","at":"2026-03-05T10:00:00Z","seller":"shop-d","review":"d-rv1","order":"d-o1","stars":2}""");
        return string.Join('\n', lines);
    }

    private async Task<(ServerHarness Server, StoreAccess Access)> Start()
    {
        var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(More())).Json();
        return (server, new StoreAccess(server.Target));
    }

    [Fact]
    public async Task The_overview_counts_sellers_by_status_bins_the_metric_with_its_threshold_and_lists_the_worst_first()
    {
        var (server, access) = await Start();
        await using var _ = server;
        var overview = StandardOverview.Read(access, BuiltInPacks.Load("congocrea"), AsOf);

        Assert.Equal(3, overview.Counts[MetricStatus.Breach]);
        Assert.Equal(1, overview.Counts[MetricStatus.Good]);
        Assert.Equal(0, overview.Counts[MetricStatus.AtRisk]);
        Assert.Equal(["shop-c", "shop-a", "shop-d"], overview.Worst.Select(s => s.Seller));

        var odr = overview.Histograms.Single(h => h.Metric.Id == "odr");
        Assert.Equal(0.01, odr.Threshold);
        Assert.Equal(4, odr.Measured);
        // The axis runs from 0 to the largest value, 0.5, in 20 bins of 0.025: 0 is in the first,
        // 0.25 and 0.3 start the 11th and 13th bins, 0.5 ends the last one.
        Assert.Equal(20, odr.Bins.Count);
        Assert.Equal((0.0, 0.5), (odr.Bins[0].From, odr.Bins[^1].To));
        Assert.Equal(1, odr.Bins[0].Sellers);
        Assert.Equal(1, odr.Bins[10].Sellers);
        Assert.Equal(0.25, odr.Bins[10].From, 12);
        Assert.Equal(1, odr.Bins[12].Sellers);
        Assert.Equal(0.3, odr.Bins[12].From, 12);
        Assert.Equal(1, odr.Bins[19].Sellers);
        Assert.Equal(4, odr.Bins.Sum(b => b.Sellers));

        Assert.Null(overview.LatestRun);
        Assert.Empty(overview.RunActions);
    }

    [Fact]
    public async Task The_overview_shows_the_latest_run_and_the_cases_it_opened()
    {
        var (server, access) = await Start();
        await using var _ = server;
        await server.Client("admin").PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var overview = StandardOverview.Read(access, BuiltInPacks.Load("congocrea"), AsOf);
        Assert.Equal(AsOf, overview.LatestRun);
        // shop-a alone holds both count guards (≥ 3 defective since the first sale, ≥ 2 in 60 days): one warning.
        var opened = Assert.Single(overview.RunActions);
        Assert.Equal(("shop-a", "opened", CaseStates.Issued), (opened.Seller, opened.Action, opened.ToState));
    }

    [Fact]
    public async Task The_sellers_list_filters_by_status_range_and_search_and_sorts_either_way()
    {
        var (server, access) = await Start();
        await using var _ = server;
        var policy = BuiltInPacks.Load("congocrea");
        var evaluation = Evaluations.All(access, policy, AsOf);
        IEnumerable<string> Ids(SellerListing.Query q) => SellerListing.Select(evaluation, q).Select(r => r.Seller.Seller);

        var everyone = SellerListing.Query.Everyone;
        Assert.Equal(["shop-a", "shop-c", "shop-d", "shop-b"], Ids(everyone)); // breach by id, then good
        Assert.Equal(["shop-b", "shop-a", "shop-c", "shop-d"], Ids(everyone with { Descending = true }));
        Assert.Equal(["shop-b"], Ids(everyone with { Statuses = [MetricStatus.Good] }));
        Assert.Equal(["shop-c", "shop-a", "shop-d", "shop-b"], Ids(everyone with { Metric = "odr", Sort = SellerListing.ByValue }));
        Assert.Equal(["shop-a", "shop-d"], Ids(everyone with { Metric = "odr", Min = 0.25, Max = 0.3, Sort = SellerListing.BySeller }));
        Assert.Equal(["shop-c"], Ids(everyone with { Search = "P-C" }));

        Assert.Empty(SellerListing.Check(everyone with { Metric = "odr", Min = 0.1 }, policy));
        Assert.Equal(["metric"], SellerListing.Check(everyone with { Min = 0.1 }, policy).Select(e => e.Field));
        Assert.Equal(["metric"], SellerListing.Check(everyone with { Metric = "nope" }, policy).Select(e => e.Field));
        Assert.Equal(["min"], SellerListing.Check(everyone with { Metric = "odr", Min = 0.5, Max = 0.1 }, policy).Select(e => e.Field));
        Assert.Equal(["sort"], SellerListing.Check(everyone with { Sort = "colour" }, policy).Select(e => e.Field));
    }

    [Fact]
    public async Task The_sellers_endpoint_reads_the_same_listing_with_a_metric_range_search_and_sort_by_value()
    {
        var (server, _) = await Start();
        await using var _s = server;
        var reviewer = server.Client("reviewer");
        var byValue = await reviewer.GetAsync($"/v1/sellers?policy=congocrea&asOf={Marketplace.AsOf}&status=any&metric=odr&sort=value").Json();
        Assert.Equal(["shop-c", "shop-a", "shop-d", "shop-b"], byValue.GetProperty("sellers").EnumerateArray().Select(s => s.Str("seller")));
        var ranged = await reviewer.GetAsync($"/v1/sellers?policy=congocrea&asOf={Marketplace.AsOf}&metric=odr&min=0.25&max=0.3&search=SHOP").Json();
        Assert.Equal(["shop-a", "shop-d"], ranged.GetProperty("sellers").EnumerateArray().Select(s => s.Str("seller")));
        var bad = await reviewer.GetAsync($"/v1/sellers?policy=congocrea&min=0.1").Problem(System.Net.HttpStatusCode.BadRequest);
        Assert.Equal("metric", bad.Str("field"));
    }

    [Fact]
    public void The_case_queue_puts_overdue_first_then_waiting_by_due_date_then_open_then_closed()
    {
        var now = Instant.FromUtc(2026, 4, 10, 0, 0);
        EnforcementCase Case(string id, string state, int? dueDay, int? closedDay = null) => new()
        {
            Id = id, Seller = "s", Policy = "kuaishou", Kind = CaseKinds.Violation, State = state,
            OpenedAt = Instant.FromUtc(2026, 4, 1, 0, 0), UpdatedAt = Instant.FromUtc(2026, 4, 1, 0, 0),
            DueAt = dueDay is { } d ? Instant.FromUtc(2026, 4, d, 0, 0) : null,
            ClosedAt = closedDay is { } c ? Instant.FromUtc(2026, 4, c, 0, 0) : null,
        };
        var cases = new[]
        {
            Case("closed-early", CaseStates.Handled, null, 2),
            Case("waiting-late", CaseStates.Recorded, 20),
            Case("open-no-person", CaseStates.Issued, 11),
            Case("overdue-2d", CaseStates.Recorded, 8),
            Case("closed-late", CaseStates.Handled, null, 5),
            Case("overdue-5d", CaseStates.Recorded, 5),
            Case("waiting-soon", CaseStates.Recorded, 12),
        };
        var ordered = CaseQueue.Order(cases, now);
        Assert.Equal(["overdue-5d", "overdue-2d", "waiting-soon", "waiting-late", "open-no-person", "closed-late", "closed-early"], ordered.Select(c => c.Id));
        Assert.True(CaseQueue.IsOverdue(cases[3], now));
        Assert.False(CaseQueue.IsOverdue(cases[2], now)); // issued waits for no person: never overdue
    }

    [Fact]
    public async Task A_decision_is_refused_with_the_reason_when_the_state_does_not_allow_it_and_recorded_with_the_keys_name_when_it_does()
    {
        var (server, access) = await Start();
        await using var _ = server;
        await server.Client("admin").PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        ApiKey key;
        using (var keys = access.Keys()) key = keys.Find(server.KeyText("operator"))!;
        string id;
        using (var store = access.Enforcement()) id = Assert.Single(store.Cases("congocrea")).Id;

        var refused = CaseDecisions.Decide(access, key, id, "confirm", "no", FixedClock.DayAfter).Failed!;
        Assert.Equal(CaseDecisions.FailureKind.Refused, refused.Kind);
        Assert.Contains("allowed: dismiss", refused.Message, StringComparison.Ordinal);
        Assert.Equal("note", CaseDecisions.Decide(access, key, id, "dismiss", " ", FixedClock.DayAfter).Failed!.Field);
        Assert.Equal("decision", CaseDecisions.Decide(access, key, id, "fine:-3", "x", FixedClock.DayAfter).Failed!.Field);
        Assert.Equal(CaseDecisions.FailureKind.NotFound, CaseDecisions.Decide(access, key, "c-nope", "dismiss", "x", FixedClock.DayAfter).Failed!.Kind);

        var done = CaseDecisions.Decide(access, key, id, "dismiss", "reviews were fake", FixedClock.DayAfter);
        Assert.Null(done.Failed);
        using var check = access.Enforcement();
        Assert.Equal(CaseStates.Withdrawn, check.Case(id)!.State);
        Assert.Equal("person:operator", check.Audit(id)[^1].Actor);
    }
}
