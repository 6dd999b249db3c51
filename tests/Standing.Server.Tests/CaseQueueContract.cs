using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement.Cases;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// The cases queue paged and counted by the store (<see cref="EnforcementStore.Queue"/>) and a run's actions
/// read in SQL (<see cref="EnforcementStore.RuleActions"/>) against the same done in memory over every case
/// (<see cref="CaseQueue"/>, the order the queue had before): the same cases in the same order, the same
/// counts, on a store of cases drawn at random (states waiting for a person or not, due dates on both sides
/// of now, some with a fraction of a second, closed ones, ties on every key), on SQLite and PostgreSQL.
/// </summary>
public abstract class CaseQueueContract
{
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 10, 12, 0);
    private static readonly string[] States = [CaseStates.Recorded, CaseStates.Proposed, CaseStates.AwaitingAnswer, CaseStates.Issued, CaseStates.Excluded, CaseStates.Handled, CaseStates.Sent];
    private static readonly string[] Sellers = ["shop-a", "shop-b", "Shop_C", "x%y"];

    private protected abstract IStoreTarget Stores { get; }

    private static Instant Around(Random random) =>
        // Whole days around now, a few with a fraction of a second (stored as longer text: "…:00.5Z").
        Now + Duration.FromDays(random.Next(-6, 7)) + (random.Next(3) == 0 ? Duration.FromMilliseconds(random.Next(1, 1000)) : Duration.Zero);

    private (string Target, List<EnforcementCase> Cases) Fill()
    {
        var target = Stores.NewTarget();
        using (EventStore.Open(target, create: true)) { } // a new, empty store
        var random = new Random(12);
        var books = new List<CaseBook>();
        var cases = new List<EnforcementCase>();
        var n = 0;
        foreach (var seller in Sellers)
        {
            foreach (var policy in new[] { "congocrea", "kuaishou" })
            {
                var book = new CaseBook(seller, policy, []);
                for (var i = 0; i < 30; i++)
                {
                    var state = States[random.Next(States.Length)];
                    var opened = Now - Duration.FromDays(random.Next(10, 13)); // ties on the opening instant
                    var closed = state is CaseStates.Handled or CaseStates.Sent ? Around(random) : (Instant?)null;
                    var c = new EnforcementCase
                    {
                        Id = $"case-{n++:D3}-{random.Next(100)}", Seller = seller, Policy = policy,
                        Kind = random.Next(2) == 0 ? CaseKinds.Violation : CaseKinds.Warning, State = state,
                        OpenedAt = opened, UpdatedAt = closed ?? opened,
                        DueAt = random.Next(4) == 0 ? null : Around(random), ClosedAt = closed,
                    };
                    var actor = random.Next(3) == 0 ? Actor.Person("ann") : Actor.Rule(policy, "r");
                    var stored = book.Open(c, actor, "drawn", []);
                    if (random.Next(2) == 0) stored = book.Move(stored, stored, Actor.Rule(policy, "again"), "rechecked", "drawn", [], Around(random));
                    cases.Add(stored);
                }
                books.Add(book);
            }
        }
        using (var store = EnforcementStore.Open(target)) store.Save(books);
        return (target, cases);
    }

    [Fact]
    public void The_store_pages_counts_and_orders_the_queue_as_the_queue_does_in_memory()
    {
        var (target, _) = Fill();
        using var store = EnforcementStore.Open(target);
        var all = store.Cases();
        Assert.Equal(240, all.Count);
        var (policies, kinds) = store.CasePoliciesAndKinds();
        Assert.Equal(["congocrea", "kuaishou"], policies);
        Assert.Equal([CaseKinds.Violation, CaseKinds.Warning], kinds);
        var checkedQueries = 0;
        foreach (var policy in new string?[] { null, "kuaishou" })
        foreach (var seller in new string?[] { null, "SHOP_", "%", "b" })
        foreach (var closed in new[] { false, true })
        foreach (var state in new string?[] { null, CaseStates.Recorded, CaseStates.Handled })
        foreach (var overdue in new[] { false, true })
        {
            var query = new CaseQueueQuery(Now, policy, null, seller, closed, state, overdue);
            var chosen = all.Where(c => (policy is null || c.Policy == policy)
                && (seller is null || c.Seller.Contains(seller.Trim(), StringComparison.OrdinalIgnoreCase))
                && (closed || c.IsOpen || c.State == state));
            var ordered = CaseQueue.Order(chosen, Now);
            var shown = ordered.Where(c => (state is null || c.State == state) && (!overdue || CaseQueue.IsOverdue(c, Now))).ToList();
            // Pages that start just before and at each place the band changes (the store reads the page band by band).
            var edges = Enumerable.Range(1, Math.Max(0, shown.Count - 1)).Where(i => Band(shown[i - 1]) != Band(shown[i]))
                .SelectMany(i => new[] { (i - 1, 2), (i, 3) });
            foreach (var (offset, limit) in new[] { (0, 1000), (0, 7), (7, 7), (shown.Count - 3, 10) }.Concat(edges))
            {
                var page = store.Queue(query, Math.Max(0, offset), limit);
                Assert.Equal(shown.Skip(Math.Max(0, offset)).Take(limit).Select(c => c.Id), page.Cases.Select(c => c.Id));
                Assert.Equal(shown.Count, page.Total);
                Assert.Equal(CaseQueue.States(ordered), page.States);
            }
            checkedQueries++;
        }
        Assert.Equal(2 * 4 * 2 * 3 * 2, checkedQueries);
        // The draw holds every band: overdue, waiting, other open, closed.
        var bands = all.Select(c => CaseQueue.IsOverdue(c, Now) ? 0 : c.IsOpen && CaseStates.AwaitsPerson(c.State) ? 1 : c.IsOpen ? 2 : 3).Distinct().Order();
        Assert.Equal([0, 1, 2, 3], bands);
    }

    /// <summary>The band a case is read in: overdue, waiting with a due date, without, other open ones likewise, closed.</summary>
    private static int Band(EnforcementCase c) =>
        CaseQueue.IsOverdue(c, Now) ? 0
        : c.IsOpen && CaseStates.AwaitsPerson(c.State) ? (c.DueAt is null ? 2 : 1)
        : c.IsOpen ? (c.DueAt is null ? 4 : 3) : 5;

    [Fact]
    public void The_queue_is_the_same_at_every_instant_of_its_window_and_changes_just_outside()
    {
        var (target, _) = Fill();
        using var store = EnforcementStore.Open(target);
        var all = store.Cases();
        // By the queue's definition (overdue: waiting for a person, open, due before now), the window is bounded by the
        // latest such due date before now and the earliest at or after it.
        var dues = all.Where(c => c.IsOpen && CaseStates.AwaitsPerson(c.State) && c.DueAt is not null).Select(c => c.DueAt!.Value).ToList();
        var lastBefore = dues.Where(d => d < Now).Max();
        var firstFrom = dues.Where(d => d >= Now).Min();
        var window = store.QueueWindow(Now);
        Assert.Equal(EnforcementJson.Instant(lastBefore).TrimEnd('Z'), window.LastDueBefore);
        Assert.Equal(EnforcementJson.Instant(firstFrom).TrimEnd('Z'), window.FirstDueFrom);

        // The whole queue and its overdue cases alone (whose count changes wherever a case falls due).
        string Queues(Instant at) => Shown(store.Queue(new CaseQueueQuery(at), 0, 1000)) + " || " + Shown(store.Queue(new CaseQueueQuery(at, OverdueOnly: true), 0, 1000));
        var atNow = Queues(Now);
        var tick = Duration.FromMilliseconds(1);
        foreach (var (at, holds) in new[] { (lastBefore + tick, true), (firstFrom, true), (lastBefore, false), (firstFrom + tick, false) })
        {
            Assert.Equal(holds, window.Holds(at));
            var then = Queues(at);
            if (holds) Assert.Equal(atNow, then);
            else Assert.NotEqual(atNow, then);
        }
        // A store without cases waiting for a person has no bounds.
        var empty = Stores.NewTarget();
        using (EventStore.Open(empty, create: true)) { }
        using var none = EnforcementStore.Open(empty);
        Assert.Equal(new QueueWindow(null, null), none.QueueWindow(Now));
    }

    private static string Shown(CaseQueuePage page) =>
        string.Join(" ", page.Cases.Select(c => c.Id)) + $" | {page.Total} | " + string.Join(" ", page.States.Select(s => $"{s.State}={s.Cases}"));

    [Fact]
    public void A_sellers_cases_of_a_standard_are_that_standards_cases_of_the_seller_in_the_same_order()
    {
        var (target, _) = Fill();
        using var store = EnforcementStore.Open(target);
        foreach (var policy in new[] { "congocrea", "kuaishou" })
        foreach (var seller in Sellers)
        {
            var expected = store.Cases(policy).Where(c => c.Seller == seller).Select(c => c.Id).ToList();
            Assert.Equal(30, expected.Count);
            Assert.Equal(expected, store.Cases(policy, seller).Select(c => c.Id));
        }
        // By opening instant, then id (ties on the opening instant are drawn).
        var both = store.Cases("kuaishou", "shop-b");
        Assert.Equal(both.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), both.Select(c => c.Id));
        Assert.Empty(store.Cases("kuaishou", "nobody"));
    }

    [Fact]
    public void The_store_reads_a_runs_actions_as_they_were_read_case_by_case()
    {
        var (target, _) = Fill();
        using var store = EnforcementStore.Open(target);
        foreach (var policy in new[] { "congocrea", "kuaishou" })
        foreach (var after in new Instant?[] { null, Now - Duration.FromDays(2), Now + Duration.FromMilliseconds(1) })
        {
            var upTo = Now + Duration.FromDays(4);
            var expected = store.Cases(policy)
                .Where(c => c.UpdatedAt > (after ?? Instant.MinValue))
                .SelectMany(c => store.Audit(c.Id, c.Seller))
                .Where(a => a.Actor.StartsWith("rule:", StringComparison.Ordinal) && a.At <= upTo && (after is null || a.At > after))
                .OrderBy(a => a.At).ThenBy(a => a.Seller, StringComparer.Ordinal).ThenBy(a => a.CaseId, StringComparer.Ordinal).ThenBy(a => a.Seq)
                .ToList();
            Assert.NotEmpty(expected);
            var (first, total) = store.RuleActions(policy, after, upTo, 5);
            Assert.Equal(expected.Count, total);
            Assert.Equal(expected.Take(5).Select(a => (a.Seller, a.CaseId, a.Seq)), first.Select(a => (a.Seller, a.CaseId, a.Seq)));
            Assert.Equal(expected.Select(a => (a.Seller, a.CaseId, a.Seq)), store.RuleActions(policy, after, upTo, 1000).First.Select(a => (a.Seller, a.CaseId, a.Seq)));
        }
    }
}

public sealed class SqliteCaseQueueTests : CaseQueueContract, IDisposable
{
    private readonly SqliteTarget _stores = new();

    private protected override IStoreTarget Stores => _stores;

    public void Dispose() => _stores.Dispose();
}

[Collection(Standing.Store.Tests.PostgresCollection.Name)]
public sealed class PostgresCaseQueueTests(Standing.Store.Tests.PostgresCluster cluster) : CaseQueueContract
{
    private protected override IStoreTarget Stores { get; } = new PostgresTarget(cluster);
}
