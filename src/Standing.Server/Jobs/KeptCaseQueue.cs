using System.Runtime.CompilerServices;
using NodaTime;
using Standing.Data.Enforcement;

namespace Standing.Server.Jobs;

/// <summary>
/// The operators' queue (<c>/cases</c>) kept per version of the store's cases (<see cref="EnforcementStore.CaseVersion"/>,
/// which only writes of cases raise: not sign-ins, keys or events): its policies and kinds, and each page asked of it
/// with its counts. A page is shown again while the cases' version is the one it was read at and "now" leaves the same
/// cases overdue (<see cref="QueueWindow"/>), on SQLite and PostgreSQL alike; a store without that version (one opened
/// read-only before it was made) is read on every view. A page read again after a write costs the kept counts and a
/// few index seeks (EnforcementStore.CaseCounts.cs).
/// </summary>
public static class KeptCaseQueue
{
    /// <summary>The most pages kept of one store: a version's pages are dropped when the next version is read.</summary>
    private const int PagesKept = 256;

    private static readonly ConditionalWeakTable<StoreAccess, Kept> OfStore = [];

    /// <summary>The queue's policies and kinds, and its page of <paramref name="query"/> from <paramref name="offset"/>, as the store has them now.</summary>
    public static (IReadOnlyList<string> Policies, IReadOnlyList<string> Kinds, CaseQueuePage Page) Read(
        StoreAccess access, EnforcementStore store, CaseQueueQuery query, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        // The version read before the cases: what the store gives is at least as new as the version it is kept under.
        if (store.CaseVersion() is not { } version)
        {
            var (policies, kinds) = store.CasePoliciesAndKinds();
            return (policies, kinds, store.Queue(query, offset, limit));
        }
        var kept = OfStore.GetValue(access, _ => new Kept());
        var key = new PageKey(query with { Now = Instant.MinValue }, offset, limit);
        (IReadOnlyList<string>, IReadOnlyList<string>)? lists;
        lock (kept)
        {
            if (kept.Version != version) lists = null;
            else
            {
                lists = kept.Lists;
                if (lists is { } l && kept.Pages.TryGetValue(key, out var shown) && shown.Window.Holds(query.Now)) return (l.Item1, l.Item2, shown.Page);
            }
        }
        // The window is read before the page: a case that falls due in between leaves a window narrower than the page's,
        // never wider.
        var window = store.QueueWindow(query.Now);
        var page = store.Queue(query, offset, limit);
        var read = lists ?? store.CasePoliciesAndKinds();
        lock (kept)
        {
            if (version > kept.Version)
            {
                (kept.Version, kept.Lists) = (version, read);
                kept.Pages.Clear();
            }
            if (version == kept.Version)
            {
                if (kept.Pages.Count >= PagesKept) kept.Pages.Clear();
                kept.Pages[key] = (page, window);
            }
        }
        return (read.Item1, read.Item2, page);
    }

    /// <summary>A page of a query, its "now" left out (the window says for which instants it holds).</summary>
    private sealed record PageKey(CaseQueueQuery Query, int Offset, int Limit);

    private sealed class Kept
    {
        public long Version { get; set; } = -1;

        public (IReadOnlyList<string>, IReadOnlyList<string>)? Lists { get; set; }

        public Dictionary<PageKey, (CaseQueuePage Page, QueueWindow Window)> Pages { get; } = [];
    }
}
