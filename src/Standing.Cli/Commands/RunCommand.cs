using System.CommandLine;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;
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
        var marketplace = CommonOptions.Marketplace();
        var asOf = new Option<string?>("--as-of") { Description = "run as of this instant (RFC 3339 with offset), or a date (midnight in each policy's zone)" };
        var from = new Option<string?>("--from") { Description = "replay every day from this date…" };
        var to = new Option<string?>("--to") { Description = "…to this date, inclusive" };
        var policies = new Option<string[]>("--policy")
        {
            Description = "the policies to enforce (built-in ids or files); default: every built-in pack",
            AllowMultipleArgumentsPerToken = true,
        };
        var sinks = new SinkOptions("--notify-folder", "--notify-webhook");
        var secret = WebhookSecrets.Option("--webhook-secret", SinkOptions.WebhookName);
        var batch = new Option<int>("--batch")
        {
            Description = "sellers whose facts are held at once (memory grows with it, not with the store)",
            DefaultValueFactory = _ => FactProjection.Chunk,
        };
        var command = new Command("run", "The daily enforcement job: evaluate, then advance every seller's cases (then deliver the outbox to the sinks named)")
        {
            db, marketplace, asOf, from, to, policies, batch, secret,
        };
        foreach (var option in sinks.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            // Read before anything runs, as the sinks are: a missing secret must not fail the command after it committed.
            if (!WebhookSecrets.TryRead(parse.GetValue(secret), sinks.Webhooks(parse), "--webhook-secret", sinks.WebhookFlag(parse), Consoles.Error, out var secrets))
                return ExitCodes.Error;
            // Arguments are checked before any store is opened, so a mistake is named before a missing store.
            if (parse.GetValue(batch) < 1)
            {
                Consoles.Error.WriteLine("--batch must be at least 1");
                return ExitCodes.Error;
            }
            if (!RunDays.TryParse(parse.GetValue(asOf), parse.GetValue(from), parse.GetValue(to), Consoles.Error, out _)) return ExitCodes.Error;
            // Each marketplace is a store of its own: run the one named, or every registered one in turn.
            var target = parse.GetValue(db)!;
            var chosen = parse.GetValue(marketplace);
            var marketplaces = chosen is not null ? [chosen] : RegisteredMarketplaces(target);
            var exit = ExitCodes.Ok;
            foreach (var id in marketplaces)
            {
                if (marketplaces.Count > 1) Consoles.Out.WriteLine($"marketplace {id}:");
                var code = Run(MarketplaceStores.Resolve(target, id), parse.GetValue(asOf), parse.GetValue(from), parse.GetValue(to), parse.GetValue(policies),
                    MarketplaceFolder(sinks.Folder(parse), id), sinks.Webhooks(parse), sinks.FolderFlag(parse), sinks.WebhookFlag(parse), parse.GetValue(batch), secrets, id);
                if (code != ExitCodes.Ok) exit = code;
            }
            return exit;
        });
        return command;
    }

    /// <summary>The marketplaces of the deployment whose default store is <paramref name="target"/>: the default one first.</summary>
    private static IReadOnlyList<string> RegisteredMarketplaces(string target)
    {
        using var store = EventStore.Open(target, create: false);
        return MarketplaceStores.All(store.RegisteredMarketplaces());
    }

    /// <summary>A marketplace other than the default one writes its notices to a subfolder of its own: seller ids may repeat across marketplaces.</summary>
    private static string? MarketplaceFolder(string? folder, string marketplace) =>
        folder is null || MarketplaceId.IsDefault(marketplace) ? folder : Path.Combine(folder, marketplace);

    internal static int Run(string db, string? asOfText, string? from, string? to, string[]? policyRefs, string? folder, string[]? webhooks,
        string folderFlag = SinkOptions.FolderName, string webhookFlag = SinkOptions.WebhookName, int batchSize = FactProjection.Chunk,
        IReadOnlyList<string?>? secrets = null, string marketplace = MarketplaceId.Default, Action? batchStored = null, KnownFacts? known = null)
    {
        var stderr = Consoles.Error;
        var stdout = Consoles.Out;
        if (batchSize < 1)
        {
            stderr.WriteLine("--batch must be at least 1");
            return ExitCodes.Error;
        }
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
            // Declared after the store, so disposed before it: a batch being stored ends before the store closes.
            using var writer = new RunBatchWriter();
            var histories = new Dictionary<string, RunHistory>(StringComparer.Ordinal);
            foreach (var (policy, machine) in policies)
            {
                if (histories.ContainsKey(policy.Id) || machine is null) continue;
                var history = histories[policy.Id] = store.Runs(policy.Id);
                var asOfs = steps.Where(s => s.Policy.Id == policy.Id).Select(s => s.AsOf).ToList();
                // A run cut short stored some sellers' books: only that as-of may run next, or the next as-of would build on half a day.
                if (store.UnfinishedRuns(policy.Id) is [var unfinished, ..] && asOfs.Where(a => !history.WasRun(a)).Select(a => (Instant?)a).FirstOrDefault() is { } next && next != unfinished)
                {
                    stderr.WriteLine($"{policy.Id}: the run as of {Formats.Instant(unfinished, policy.Zone)} on {store.Name} was cut short after storing some sellers' cases; " +
                        $"run it again as of {Formats.Instant(unfinished, policy.Zone)} to finish it before any other as-of. Nothing was changed");
                    return ExitCodes.Error;
                }
                if (history.FirstRewritingHistory(asOfs) is { } refused)
                {
                    stderr.WriteLine($"{policy.Id}: {store.Name} has been run up to {Formats.Instant(history.Latest!.Value, policy.Zone)} (the latest as-of recorded); " +
                        $"refusing to run as of {Formats.Instant(refused, policy.Zone)}, earlier and never run: it would change cases in the past that later runs built on. " +
                        "Replays of history belong on a fresh store: ingest the events into a new --db and run --from --to there. Nothing was changed");
                    return ExitCodes.Error;
                }
            }
            steps = steps.Select(s => s with { Done = s.Machine is not null && histories[s.Policy.Id].WasRun(s.AsOf) }).ToList();

            var disputes = store.Disputes().GroupBy(d => d.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var previousRun = policies.Select(p => p.Policy.Id).Distinct().ToDictionary(id => id, id => histories.GetValueOrDefault(id)?.Latest, StringComparer.Ordinal);
            using var eventStore = steps.All(s => s.Done) ? null : EventStore.Open(db, create: false);
            var projection = eventStore is null ? null : new FactProjection(eventStore);
            // A replay of several days reads each batch's events once and folds each event once; one day's
            // as-ofs (midnight in each policy's zone) are read from the stored facts together.
            var toRun = steps.Where(s => !s.Done).Select(s => s.AsOf).Distinct().ToList();
            var daysToRun = steps.Select((s, index) => (s.Done, Day: index / policies.Count)).Where(s => !s.Done).Select(s => s.Day).Distinct().Count();
            var replay = eventStore is null || daysToRun < 2 ? null : new ReplayFacts(eventStore, toRun.Max(), batchSize);
            // In rising as-of (each policy's days keep their order), so that steps with one as-of form one group.
            var ordered = steps.OrderBy(s => s.AsOf).ToList();
            var oneDay = new List<(Instant AsOf, List<RunStep> Steps)>();
            Instant last = default;
            JobProgress.Run(days.Count > 1 ? $"running {days.Count} days" : "running", "policy runs", progress =>
            {
                // Steps with one as-of (the policies of one time zone, on one day) share each batch's facts.
                for (var first = 0; first < ordered.Count;)
                {
                    var end = first + 1;
                    while (end < ordered.Count && ordered[end].AsOf == ordered[first].AsOf) end++;
                    var group = new List<RunStep>();
                    foreach (var (asOf, policy, machine, done) in ordered.Skip(first).Take(end - first))
                    {
                        if (asOf > last) last = asOf;
                        var previous = previousRun[policy.Id];
                        if (previous is null || asOf > previous) previousRun[policy.Id] = asOf;
                        if (done) stdout.WriteLine($"{Formats.Instant(asOf, policy.Zone)} {policy.Id}: already run; nothing changed");
                        else group.Add(new RunStep(policy, machine, asOf, previous, store, writer, batchStored));
                    }
                    if (group.Count > 0 && replay is not null) RunDay(replay, ordered[first].AsOf, group, disputes, stdout);
                    else if (group.Count > 0) oneDay.Add((ordered[first].AsOf, group));
                    first = end;
                    progress(first, ordered.Count);
                }
                if (oneDay.Count > 0) RunOneDay(projection!, known, oneDay, batchSize, disputes, stdout);
            });
            writer.Flush();
            ReportOverdue(store, last, stdout);
            return OutboxCommand.Deliver(store, marketplace, folder, webhooks, stderr, stdout, folderFlag, webhookFlag, secrets) ? ExitCodes.Ok : ExitCodes.Error;
        }
        catch (EventStoreException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Error;
        }
    }

    /// <summary>
    /// A replay's day: runs the policies of <paramref name="group"/> at one as-of over every seller known then, a
    /// batch of sellers at a time from the replay's facts; a policy that judges sellers against each other first
    /// pools every seller's judged metrics. Each batch's changed books are stored as it ends; each policy's run is recorded at the end.
    /// </summary>
    private static void RunDay(ReplayFacts replay, Instant asOf, List<RunStep> group,
        Dictionary<string, List<Dispute>> disputes, IAnsiConsole stdout)
    {
        // Asked twice for one as-of, the replay's batches fold nothing more.
        var batchNumbers = Enumerable.Range(0, replay.Batches).ToList();
        foreach (var step in group)
        {
            var evaluator = new PolicyEvaluator(step.Policy);
            step.Pool = evaluator.ComparesSellers ? evaluator.JudgePeers(batchNumbers.Select(b => replay.FactsAsOf(b, asOf)), asOf) : null;
        }
        foreach (var batch in batchNumbers) RunBatch(asOf, replay.FactsAsOf(batch, asOf), group, disputes);
        Finish(asOf, group, stdout);
    }

    /// <summary>
    /// One day's policies, whose as-ofs differ by time zone, over every seller known then, a batch of sellers at
    /// a time: each batch's stored facts are read and decoded once for all of the day's as-ofs, and its sellers
    /// with events after the earliest folded once (<see cref="FactProjection.FactsAsOf(IReadOnlyList{Instant}, IReadOnlyList{SellerProjection})"/>).
    /// A policy that compares sellers measures its peer pool on that same walk and runs once the pool is judged
    /// (<see cref="RunPooled"/>). Each policy runs once here, so the policies' runs are independent of one another;
    /// each batch's changed books are stored as it ends, and each one's run recorded at the end, in rising as-of.
    /// </summary>
    private static void RunOneDay(FactProjection projection, KnownFacts? known, List<(Instant AsOf, List<RunStep> Steps)> groups, int batchSize,
        Dictionary<string, List<Dispute>> disputes, IAnsiConsole stdout)
    {
        var batches = projection.Batches(groups.Max(g => g.AsOf), batchSize).ToList();
        // By reference: a step is a record whose counts change as it runs.
        var pools = new Dictionary<RunStep, (PolicyEvaluator Evaluator, PeerPoolBuilder Builder)>(ReferenceEqualityComparer.Instance);
        foreach (var (asOf, group) in groups)
        {
            foreach (var step in group)
            {
                var evaluator = new PolicyEvaluator(step.Policy);
                if (evaluator.ComparesSellers) pools[step] = (evaluator, evaluator.StartPool(asOf));
            }
        }
        var byAsOf = groups.ToDictionary(g => g.AsOf, g => g.Steps);
        foreach (var rows in batches)
        {
            foreach (var (asOf, facts) in KnownFacts.FactsAsOf(known, projection, byAsOf.Keys.ToList(), rows))
            {
                var direct = byAsOf[asOf].Where(s => !pools.ContainsKey(s)).ToList();
                if (direct.Count > 0) RunBatch(asOf, facts, direct, disputes, known);
                foreach (var step in byAsOf[asOf].Where(pools.ContainsKey)) pools[step].Builder.Add(facts);
            }
        }
        // Where the pool cannot stand for the facts, the policy walks every seller's facts again, as before.
        var again = new Dictionary<Instant, List<RunStep>>();
        foreach (var (asOf, group) in groups)
        {
            foreach (var step in group.Where(pools.ContainsKey))
            {
                step.Pool = pools[step].Builder.Judge();
                if (RunPooled(projection, known, asOf, step, pools[step].Evaluator, batches, batchSize, disputes)) continue;
                if (!again.TryGetValue(asOf, out var steps)) again[asOf] = steps = [];
                steps.Add(step);
            }
        }
        if (again.Count > 0)
        {
            foreach (var rows in batches)
            {
                foreach (var (asOf, facts) in KnownFacts.FactsAsOf(known, projection, again.Keys.ToList(), rows)) RunBatch(asOf, facts, again[asOf], disputes, known);
            }
        }
        foreach (var (asOf, group) in groups) Finish(asOf, group, stdout);
    }

    /// <summary>
    /// A policy that compares sellers, from its judged pool (<see cref="PooledRun"/>): every seller's evaluation from
    /// the pool, and the facts of only the sellers its machine may act on read again, a batch at a time. False (nothing
    /// done) when the pool cannot stand for the facts.
    /// </summary>
    private static bool RunPooled(FactProjection projection, KnownFacts? known, Instant asOf, RunStep step, PolicyEvaluator evaluator,
        List<IReadOnlyList<SellerProjection>> batches, int batchSize, Dictionary<string, List<Dispute>> disputes)
    {
        var pool = step.Pool!;
        if (PooledRun.Evaluations(evaluator, asOf, pool) is not { } evaluations) return false;
        if (step.Machine is null)
        {
            foreach (var o in evaluations.SelectMany(e => e.Outcomes.Where(o => o.Triggered && !o.Award)))
                step.Triggered[o.Outcome] = step.Triggered.GetValueOrDefault(o.Outcome) + 1;
            step.Sellers += pool.Count;
            return true;
        }
        if (PooledRun.ToAdvance(step.Machine, evaluations, step.Cases.Contains, disputes.ContainsKey) is not { } sellers) return false;
        step.Sellers += pool.Count;
        var wanted = sellers.ToHashSet(StringComparer.Ordinal);
        foreach (var rows in batches.SelectMany(b => b).Where(r => wanted.Contains(r.Seller)).Chunk(batchSize))
        {
            RunBatch(asOf, KnownFacts.FactsAsOf(known, projection, asOf, rows), [step], disputes, known, countSellers: false);
        }
        return true;
    }

    /// <summary>Evaluates one batch of sellers' facts at one as-of under each step's policy and advances their cases.</summary>
    private static void RunBatch(Instant asOf, IReadOnlyList<SellerFacts> facts, List<RunStep> group, Dictionary<string, List<Dispute>> disputes,
        KnownFacts? known = null, bool countSellers = true)
    {
        var events = facts.ToDictionary(f => f.Seller, MachineEvents.Of, StringComparer.Ordinal);
        foreach (var step in group)
        {
            if (countSellers) step.Sellers += facts.Count;
            if (step.Machine is null)
            {
                // Evaluated and reported only: nothing is opened for a policy without enforcement.
                var evaluator = new PolicyEvaluator(step.Policy);
                var evaluation = step.Pool is { } pool ? evaluator.Evaluate(facts, asOf, pool) : evaluator.Evaluate(facts, asOf);
                foreach (var o in evaluation.Sellers.SelectMany(e => e.Outcomes.Where(o => o.Triggered && !o.Award)))
                    step.Triggered[o.Outcome] = step.Triggered.GetValueOrDefault(o.Outcome) + 1;
                continue;
            }
            var cases = facts.Where(f => step.Cases.Contains(f.Seller)).ToDictionary(f => f.Seller, f => step.Cases[f.Seller].ToList(), StringComparer.Ordinal);
            step.Keep(EnforcementRun.Advance(step.Policy, step.Machine, asOf, facts, events, cases, disputes, step.Previous, step.Pool,
                evaluated: KnownFacts.Evaluated(known, step.Policy, asOf)));
        }
    }

    /// <summary>Records each enforced policy's run (its books were stored batch by batch), and says what each step did.</summary>
    private static void Finish(Instant asOf, List<RunStep> group, IAnsiConsole stdout)
    {
        foreach (var step in group)
        {
            if (step.Machine is null)
            {
                var triggered = step.Triggered.Select(t => $"{t.Key} {t.Value}").ToList();
                stdout.WriteLine($"{Formats.Instant(asOf, step.Policy.Zone)} {step.Policy.Id}: {Plural.Of(step.Sellers, "seller")} evaluated, " +
                    $"outcomes triggered: {(triggered.Count == 0 ? "none" : string.Join(", ", triggered))} (not enforced)");
                continue;
            }
            var done = step.Finish();
            stdout.WriteLine($"{Formats.Instant(asOf, step.Policy.Zone)} {step.Policy.Id}: {Plural.Of(step.Sellers, "seller")} evaluated, " +
                $"{Plural.Of(done.Opened, "case")} opened, {Plural.Of(done.Transitions, "transition")}, " +
                $"{Plural.Of(done.Notices, "notice")}{(done.Reports is > 0 and var reports ? $" ({Plural.Of(reports, "report")})" : "")}");
        }
    }

    /// <summary>Cases waiting for a person past their due date: letters the operator has not answered in time, above all.</summary>
    private static void ReportOverdue(EnforcementStore store, Instant at, IAnsiConsole stdout)
    {
        var overdue = store.OpenCasesWithDueDate().Where(c => c.IsOpen && CaseStates.AwaitsPerson(c.State) && c.DueAt is { } due && due < at).ToList();
        foreach (var c in overdue)
            stdout.WriteLine($"overdue: {c.Id} ({c.Kind}, {c.State}) was due {Formats.Instant(c.DueAt!.Value)}");
    }
}
