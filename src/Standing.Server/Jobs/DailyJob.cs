using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Enforcement;
using Standing.Enforcement.Machines;

namespace Standing.Server.Jobs;

/// <summary>
/// The daily enforcement job for one as-of, as <c>standing run --as-of</c> does it: every policy
/// given is checked against the runs recorded before anything runs (an as-of already run is skipped,
/// an earlier one never run is refused), then each is evaluated and its cases carried forward.
/// </summary>
public static class DailyJob
{
    /// <summary>One policy's run; <c>Reports</c>: the periodic reports sent (their notices are among <c>Notices</c>).</summary>
    public sealed record PolicyRun(string Policy, string AsOf, bool AlreadyRun, int Sellers, int CasesOpened, int Transitions, int Notices, int Reports = 0);

    /// <summary>What ran, or the refusal (nothing changed then).</summary>
    public static (IReadOnlyList<PolicyRun>? Runs, string? Refusal) Run(StoreAccess access, IReadOnlyList<(Policy Policy, IPackMachine Machine, Instant AsOf)> steps)
    {
        using var store = access.Enforcement();
        var histories = steps.ToDictionary(s => s.Policy.Id, s => store.Runs(s.Policy.Id), StringComparer.Ordinal);
        foreach (var (policy, _, asOf) in steps)
        {
            var history = histories[policy.Id];
            if (history.FirstRewritingHistory([asOf]) is { } refused)
            {
                return (null, $"{policy.Id} has been run up to {Cli.Output.Formats.Instant(history.Latest!.Value, policy.Zone)}; refusing to run as of " +
                    $"{Cli.Output.Formats.Instant(refused, policy.Zone)}, earlier and never run: it would change cases that later runs built on. Nothing was changed");
            }
        }
        IReadOnlyList<StandingEvent> events;
        using (var eventStore = access.Events()) events = steps.All(s => histories[s.Policy.Id].WasRun(s.AsOf)) ? [] : eventStore.ReadAll();
        var bySeller = events.GroupBy(e => e.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var disputes = store.Disputes().GroupBy(d => d.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var folds = new Dictionary<Instant, IReadOnlyList<SellerFacts>>();
        var runs = new List<PolicyRun>();
        foreach (var (policy, machine, asOf) in steps)
        {
            var at = Cli.Output.Formats.Instant(asOf, policy.Zone);
            var history = histories[policy.Id];
            if (history.WasRun(asOf))
            {
                runs.Add(new PolicyRun(policy.Id, at, true, 0, 0, 0, 0));
                continue;
            }
            if (!folds.TryGetValue(asOf, out var facts)) folds[asOf] = facts = FactFolder.Fold(events, asOf);
            var cases = store.Cases(policy.Id).GroupBy(c => c.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var books = EnforcementRun.Advance(policy, machine, asOf, facts, bySeller, cases, disputes, history.Latest);
            store.Save(books, (policy.Id, asOf));
            var audit = books.SelectMany(b => b.AuditEntries).ToList();
            runs.Add(new PolicyRun(policy.Id, at, false, facts.Count, audit.Count(a => a.Action == "opened"),
                audit.Count(a => a.Action is not "opened" and not PeriodicReports.Sent), books.Sum(b => b.Notices.Count), audit.Count(a => a.Action == PeriodicReports.Sent)));
        }
        return (runs, null);
    }
}
