using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement.Cases;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// A page of every seller's cases read in SQL (<see cref="EnforcementStore.CasePage"/>, the list without a seller) is
/// the page of the whole list read and filtered in memory (<see cref="EnforcementStore.Cases"/>, by opening instant then
/// id), for every combination of the filters and pages at the start, the middle and the end, on SQLite and a real
/// PostgreSQL. The generated cases share opening instants (the id decides), have instants whose texts differ in
/// length ("…:00Z" and "…:00.5Z"), ids that only an ordinal comparison orders ("B…" before "a…"), and due dates on
/// both sides of the clock, open and closed: a wrong order, a wrong filter or a wrong page boundary changes a page.
/// </summary>
public abstract class CaseListPageContract : IDisposable
{
    private protected TempFolder Temp { get; } = new();

    protected abstract string NewTarget();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 0, 0);
    private static readonly string[] Policies = ["mall", "promua", "congocrea"];
    private static readonly string[] Kinds = ["warning", "letter", "catalog_exclusion"];
    private static readonly string[] States =
        [CaseStates.Proposed, CaseStates.AwaitingAnswer, CaseStates.Open, CaseStates.Issued, CaseStates.Excluded, CaseStates.Recorded, CaseStates.Dismissed];

    /// <summary>About 1,200 cases of 40 sellers, the same for every engine (a fixed seed).</summary>
    private static List<CaseBook> Generated()
    {
        var random = new Random(59);
        var books = new List<CaseBook>();
        var n = 0;
        for (var s = 0; s < 40; s++)
        {
            foreach (var policy in Policies)
            {
                var seller = $"shop-{s:D3}";
                var book = new CaseBook(seller, policy, []);
                for (var i = 0; i < 10; i++)
                {
                    // Twelve opening instants only, some a half second after another: many ties, texts of two lengths.
                    var opened = Instant.FromUtc(2026, 5, 20 + random.Next(6), 0, 0) + Duration.FromMilliseconds(random.Next(2) * 500);
                    var state = States[random.Next(States.Length)];
                    var due = random.Next(4) switch
                    {
                        0 => (Instant?)null,
                        1 => Now,
                        2 => Now - Duration.FromHours(random.Next(1, 100)) + Duration.FromMilliseconds(random.Next(2) * 250),
                        _ => Now + Duration.FromHours(random.Next(1, 100)),
                    };
                    var closed = random.Next(5) == 0 ? opened + Duration.FromDays(1) : (Instant?)null;
                    // Upper- and lower-case first letters: ordinal order ("B" < "a") differs from a language's.
                    var id = $"{(random.Next(2) == 0 ? "B" : "a")}{++n % 97:D2}.{policy}.{seller}.{i}";
                    book.Open(new EnforcementCase
                    {
                        Id = id,
                        Seller = seller,
                        Policy = policy,
                        Kind = Kinds[random.Next(Kinds.Length)],
                        State = state,
                        OpenedAt = opened,
                        DueAt = due,
                        ClosedAt = closed,
                        UpdatedAt = closed ?? opened,
                    }, Actor.Rule(policy, "generated"), "generated for the list's contract", []);
                }
                books.Add(book);
            }
        }
        return books;
    }

    private static bool Overdue(EnforcementCase c) => c.IsOpen && CaseStates.AwaitsPerson(c.State) && c.DueAt is { } due && due < Now;

    private static string Text(IEnumerable<EnforcementCase> cases) =>
        string.Join("\n", cases.Select(c => $"{c.Id} {c.Policy} {c.Kind} {c.State} {c.OpenedAt} {c.DueAt} {c.ClosedAt}"));

    [Fact]
    public void Every_filter_and_page_read_in_SQL_is_the_page_of_the_whole_list()
    {
        var target = NewTarget();
        using (EventStore.Open(target, create: true))
        {
        }
        using var store = EnforcementStore.Open(target);
        store.Save(Generated());
        var all = store.Cases();
        Assert.Equal(1200, all.Count);
        Assert.Contains(all, Overdue);

        var checkedPages = 0;
        foreach (var policy in (string?[])[null, "mall", "promua", "absent"])
        foreach (var state in (string?[])[null, CaseStates.Proposed, CaseStates.Open, CaseStates.Dismissed])
        foreach (var kind in (string?[])[null, "letter"])
        foreach (var overdue in (bool[])[false, true])
        {
            var filtered = all.Where(c => (policy is null || c.Policy == policy) && (state is null || c.State == state)
                && (kind is null || c.Kind == kind) && (!overdue || Overdue(c))).ToList();
            foreach (var (offset, limit) in ((int, int)[])[(0, 100), (0, 1), (7, 13), (100, 100), (filtered.Count - 3, 100), (1199, 1000), (1200, 5)])
            {
                var expected = filtered.Skip(Math.Max(0, offset)).Take(limit).ToList();
                var read = store.CasePage(policy, state, kind, overdue ? Now : null, Math.Max(0, offset), limit);
                Assert.True(Text(expected) == Text(read),
                    $"policy={policy} state={state} kind={kind} overdue={overdue} offset={offset} limit={limit}:\nexpected\n{Text(expected)}\nread\n{Text(read)}");
                if (expected.Count > 0) checkedPages++;
            }
        }
        Assert.True(checkedPages > 100, $"only {checkedPages} pages had cases");
    }

    [Fact]
    public void A_kind_is_known_by_a_case_of_it_within_the_policy()
    {
        var target = NewTarget();
        using (EventStore.Open(target, create: true))
        {
        }
        using var store = EnforcementStore.Open(target);
        store.Save(Generated());
        Assert.True(store.HasCaseOfKind(null, "letter"));
        Assert.True(store.HasCaseOfKind("mall", "letter"));
        Assert.False(store.HasCaseOfKind("absent", "letter"));
        Assert.False(store.HasCaseOfKind(null, "fine"));
    }
}

public sealed class SqliteCaseListPageTests : CaseListPageContract
{
    private int _n;

    protected override string NewTarget() => Temp.File($"list{++_n}.db");
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseListPageTests(PostgresCluster cluster) : CaseListPageContract
{
    protected override string NewTarget() => cluster.NewDatabase();
}
