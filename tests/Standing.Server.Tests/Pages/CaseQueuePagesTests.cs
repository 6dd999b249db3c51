using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// <c>/cases</c> across its pages (100 cases a page): every overdue case (waiting for a person past its due date)
/// before any other, the longest overdue first, over the page break; then the cases waiting for a person by due
/// date; then the other open ones by due date (an issued warning past its date waits for no one: not overdue).
/// </summary>
public sealed partial class CaseQueuePagesTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    [Fact]
    public async Task Overdue_cases_come_first_the_longest_overdue_on_top_across_the_pages()
    {
        var now = FixedClock.DayAfter;
        var target = _stores.NewTarget();
        await using var server = await ServerHarness.Start(target, o => o with { Clock = new MovableClock(now) });
        // 130 overdue (o000 due an hour ago … o129 130 hours ago), 30 waiting (w00 due in an hour … w29 in 30), 20 issued
        // warnings past their dates (i00 an hour ago … i19 20 hours ago). Ids run against the order: only due dates order.
        var book = new CaseBook("shop-a", "congocrea", []);
        EnforcementCase Case(string id, string state, Instant due) => new()
        {
            Id = id, Seller = "shop-a", Policy = "congocrea", Kind = CaseKinds.Warning, State = state,
            OpenedAt = now - Duration.FromDays(30), UpdatedAt = now - Duration.FromDays(30), DueAt = due,
        };
        for (var i = 0; i < 130; i++) book.Open(Case($"case-o{i:D3}", CaseStates.AwaitingAnswer, now - Duration.FromHours(i + 1)), Actor.Rule("congocrea", "r"), "test", []);
        for (var j = 0; j < 30; j++) book.Open(Case($"case-w{j:D2}", CaseStates.AwaitingAnswer, now + Duration.FromHours(j + 1)), Actor.Rule("congocrea", "r"), "test", []);
        for (var k = 0; k < 20; k++) book.Open(Case($"case-i{k:D2}", CaseStates.Issued, now - Duration.FromHours(k + 1)), Actor.Rule("congocrea", "r"), "test", []);
        using (var store = EnforcementStore.Open(target)) store.Save([book]);

        using var staff = new PageClient(server.Address);
        await staff.SignIn(server.KeyText("operator"));
        var first = await staff.Get("/cases");
        var second = await staff.Get("/cases?page=2");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Contains("data-total=\"180\"", first.Body, StringComparison.Ordinal);

        var expected = Enumerable.Range(0, 130).Reverse().Select(i => ($"case-o{i:D3}", true))
            .Concat(Enumerable.Range(0, 30).Select(j => ($"case-w{j:D2}", false)))
            .Concat(Enumerable.Range(0, 20).Reverse().Select(k => ($"case-i{k:D2}", false)))
            .ToList();
        Assert.Equal(expected.Take(100), Rows(first.Body));
        Assert.Equal(expected.Skip(100), Rows(second.Body)); // o029 … o000 still overdue on the second page, then the rest
        // The states' quick filters count every case the queue holds.
        Assert.Contains($"data-state=\"{CaseStates.AwaitingAnswer}\">", first.Body, StringComparison.Ordinal);
        Assert.Matches($"data-state=\"{CaseStates.AwaitingAnswer}\">[^<]*\\(160\\)", first.Body);
        Assert.Matches($"data-state=\"{CaseStates.Issued}\">[^<]*\\(20\\)", first.Body);
    }

    [Fact]
    public async Task A_queue_shown_again_is_the_one_of_the_store_and_the_instant_it_is_asked_at()
    {
        var now = FixedClock.DayAfter;
        var target = _stores.NewTarget();
        var clock = new MovableClock(now);
        await using var server = await ServerHarness.Start(target, o => o with { Clock = clock });
        EnforcementCase Case(string seller, string id, Instant due) => new()
        {
            Id = id, Seller = seller, Policy = "congocrea", Kind = CaseKinds.Warning, State = CaseStates.AwaitingAnswer,
            OpenedAt = now - Duration.FromDays(3), UpdatedAt = now - Duration.FromDays(3), DueAt = due,
        };
        void Save(string seller, string id, Instant due)
        {
            var book = new CaseBook(seller, "congocrea", []);
            book.Open(Case(seller, id, due), Actor.Rule("congocrea", "r"), "test", []);
            using var store = EnforcementStore.Open(target);
            store.Save([book]);
        }
        // Two cases waiting for an answer, due in one hour and in three: none overdue yet.
        Save("shop-a", "case-a", now + Duration.FromHours(1));
        Save("shop-b", "case-b", now + Duration.FromHours(3));

        using var staff = new PageClient(server.Address);
        await staff.SignIn(server.KeyText("operator"));
        async Task<string> Overdue() => Total((await staff.Get("/cases?overdue=true")).Body);
        Assert.Equal("0", await Overdue());
        Assert.Equal("0", await Overdue()); // asked again, the same store at the same instant
        clock.Advance(Duration.FromMinutes(59));
        Assert.Equal("0", await Overdue()); // case-a is due in a minute
        clock.Advance(Duration.FromMinutes(2));
        Assert.Equal("1", await Overdue()); // now past case-a's due date
        clock.Advance(Duration.FromHours(2));
        Assert.Equal("2", await Overdue()); // and past case-b's
        clock.Advance(Duration.FromHours(-2));
        Assert.Equal("1", await Overdue()); // a clock set back shows the queue of its instant
        // A case saved since is counted on the next view: a write changes the store's data version.
        Save("shop-c", "case-c", now - Duration.FromHours(1));
        Assert.Equal("2", await Overdue());
        Assert.Equal(["case-c", "case-a", "case-b"], Rows((await staff.Get("/cases")).Body).Select(r => r.Item1));
    }

    private static string Total(string html) => TotalPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("data-total=\"([0-9]+)\"")]
    private static partial Regex TotalPattern();

    /// <summary>Each row's case id and whether it is marked overdue, in the page's order.</summary>
    private static List<(string, bool)> Rows(string html) =>
        [.. RowPattern().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Success))];

    [GeneratedRegex("<tr data-case=\"([^\"]+)\"( class=\"overdue\")?>")]
    private static partial Regex RowPattern();

    public void Dispose() => _stores.Dispose();
}
