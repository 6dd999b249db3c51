using System.CommandLine;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;
using Standing.Policies;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing run</c>: the daily enforcement job. Evaluates each enabled policy for every seller of
/// the store and carries each seller's cases forward. Running again for the same as-of changes
/// nothing; <c>--from --to</c> replays day by day, as daily runs would have.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db(required: true);
        var asOf = new Option<string?>("--as-of") { Description = "run as of this instant (RFC 3339 with offset), or a date (midnight in each policy's zone)" };
        var from = new Option<string?>("--from") { Description = "replay every day from this date…" };
        var to = new Option<string?>("--to") { Description = "…to this date, inclusive" };
        var policies = new Option<string[]>("--policy")
        {
            Description = "the policies to enforce (built-in ids or files); default: every built-in pack",
            AllowMultipleArgumentsPerToken = true,
        };
        var sinks = new SinkOptions("--notify-folder", "--notify-webhook");
        var command = new Command("run", "The daily enforcement job: evaluate, then advance every seller's cases (then deliver the outbox to the sinks named)")
        {
            db, asOf, from, to, policies,
        };
        foreach (var option in sinks.All) command.Options.Add(option);
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(asOf), parse.GetValue(from), parse.GetValue(to),
            parse.GetValue(policies), sinks.Folder(parse), sinks.Webhooks(parse), sinks.FolderFlag(parse), sinks.WebhookFlag(parse)));
        return command;
    }

    internal static int Run(string db, string? asOfText, string? from, string? to, string[]? policyRefs, string? folder, string[]? webhooks,
        string folderFlag = SinkOptions.FolderName, string webhookFlag = SinkOptions.WebhookName)
    {
        var stderr = Consoles.Error;
        var stdout = Consoles.Out;
        if (!RunDays.TryParse(asOfText, from, to, stderr, out var days)) return ExitCodes.Error;
        // The sinks are checked before anything runs: a bad one must not fail the command after it committed.
        if (!OutboxCommand.CheckSinks(folder, webhooks, stderr, folderFlag, webhookFlag)) return ExitCodes.Error;
        var policies = new List<(Policy Policy, IPackMachine? Machine)>();
        foreach (var reference in policyRefs is { Length: > 0 } ? policyRefs : BuiltInPacks.Ids)
        {
            if (!PolicyInput.TryLoad(reference, stderr, out var policy)) return ExitCodes.Error;
            var machine = PackMachines.For(policy);
            // Said once, not per day: the policy is still evaluated and reported.
            if (machine is null) stdout.WriteLine($"{policy.Id}: no enforcement section; evaluated and reported, no cases opened");
            policies.Add((policy, machine));
        }

        // Every step's as-of, checked against what the store has run before anything runs: a range
        // is applied whole or not at all.
        var steps = new List<(Instant AsOf, Policy Policy, IPackMachine? Machine, bool Done)>();
        for (var i = 0; i < days.Count; i++)
        {
            foreach (var (policy, machine) in policies)
            {
                if (!days.TryInstant(i, policy.Zone, out var asOf, out var error))
                {
                    stderr.WriteLine(error);
                    return ExitCodes.Error;
                }
                steps.Add((asOf, policy, machine, false));
            }
        }

        try
        {
            using var store = EnforcementStore.Open(db);
            var histories = new Dictionary<string, RunHistory>(StringComparer.Ordinal);
            foreach (var (policy, machine) in policies)
            {
                if (histories.ContainsKey(policy.Id) || machine is null) continue;
                var history = histories[policy.Id] = store.Runs(policy.Id);
                var asOfs = steps.Where(s => s.Policy.Id == policy.Id).Select(s => s.AsOf).ToList();
                if (history.FirstRewritingHistory(asOfs) is { } refused)
                {
                    stderr.WriteLine($"{policy.Id}: {store.Name} has been run up to {Formats.Instant(history.Latest!.Value, policy.Zone)} (the latest as-of recorded); " +
                        $"refusing to run as of {Formats.Instant(refused, policy.Zone)}, earlier and never run: it would change cases in the past that later runs built on. " +
                        "Replays of history belong on a fresh store: ingest the events into a new --db and run --from --to there. Nothing was changed");
                    return ExitCodes.Error;
                }
            }
            steps = steps.Select(s => s with { Done = s.Machine is not null && histories[s.Policy.Id].WasRun(s.AsOf) }).ToList();

            IReadOnlyList<StandingEvent> events;
            using (var eventStore = EventStore.Open(db, create: false)) events = steps.All(s => s.Done) ? [] : eventStore.ReadAll();
            var bySeller = events.GroupBy(e => e.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var disputes = store.Disputes().GroupBy(d => d.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var folds = new Dictionary<Instant, IReadOnlyList<SellerFacts>>();
            var previousRun = policies.Select(p => p.Policy.Id).Distinct().ToDictionary(id => id, id => histories.GetValueOrDefault(id)?.Latest, StringComparer.Ordinal);
            Instant last = default;
            foreach (var (asOf, policy, machine, done) in steps)
            {
                if (asOf > last) last = asOf;
                var previous = previousRun[policy.Id];
                if (previous is null || asOf > previous) previousRun[policy.Id] = asOf;
                if (done)
                {
                    stdout.WriteLine($"{Formats.Instant(asOf, policy.Zone)} {policy.Id}: already run; nothing changed");
                    continue;
                }
                if (!folds.TryGetValue(asOf, out var facts))
                {
                    if (folds.Count > 4) folds.Clear();
                    folds[asOf] = facts = FactFolder.Fold(events, asOf);
                }
                if (machine is null)
                {
                    var evaluation = new PolicyEvaluator(policy).Evaluate(facts, asOf);
                    var triggered = evaluation.Sellers.SelectMany(e => e.Outcomes.Where(o => o.Triggered && !o.Award)).GroupBy(o => o.Outcome, StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}").ToList();
                    stdout.WriteLine($"{Formats.Instant(asOf, policy.Zone)} {policy.Id}: {facts.Count} sellers evaluated, outcomes triggered: {(triggered.Count == 0 ? "none" : string.Join(", ", triggered))} (not enforced)");
                    continue;
                }
                var cases = store.Cases(policy.Id).GroupBy(c => c.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                var books = EnforcementRun.Advance(policy, machine, asOf, facts, bySeller, cases, disputes, previous);
                store.Save(books, (policy.Id, asOf));
                var audit = books.SelectMany(b => b.AuditEntries).ToList();
                stdout.WriteLine($"{Formats.Instant(asOf, policy.Zone)} {policy.Id}: {Plural.Of(facts.Count, "seller")} evaluated, " +
                    $"{Plural.Of(audit.Count(a => a.Action == "opened"), "case")} opened, {Plural.Of(audit.Count(a => a.Action != "opened"), "transition")}, {Plural.Of(books.Sum(b => b.Notices.Count), "notice")}");
            }
            ReportOverdue(store, last, stdout);
            return OutboxCommand.Deliver(store, folder, webhooks, stderr, stdout, folderFlag, webhookFlag) ? ExitCodes.Ok : ExitCodes.Error;
        }
        catch (EventStoreException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Error;
        }
    }

    /// <summary>Cases waiting for a person past their due date: letters the operator has not answered in time, above all.</summary>
    private static void ReportOverdue(EnforcementStore store, Instant at, Spectre.Console.IAnsiConsole stdout)
    {
        var overdue = store.Cases().Where(c => c.IsOpen && CaseStates.AwaitsPerson(c.State) && c.DueAt is { } due && due < at).ToList();
        foreach (var c in overdue)
            stdout.WriteLine($"overdue: {c.Id} ({c.Kind}, {c.State}) was due {Formats.Instant(c.DueAt!.Value)}");
    }
}
