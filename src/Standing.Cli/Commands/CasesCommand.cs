using System.CommandLine;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Data.Documents;
using Standing.Data.Enforcement;
using Standing.Data.Outbox;
using Standing.Data.Store;
using Standing.Enforcement.Cases;
using Standing.Core.Evaluation;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Disputes;
using Standing.Enforcement.Machines;

namespace Standing.Cli.Commands;

/// <summary><c>standing cases list|show|decide</c>: enforcement cases and the decisions that are people's.</summary>
internal static class CasesCommand
{
    public static Command Create()
    {
        var command = new Command("cases", "Enforcement cases: list them, show one with its audit trail, decide");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Decide());
        command.Subcommands.Add(OpenCase());
        return command;
    }

    private static Command OpenCase()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var seller = new Option<string>("--seller") { Description = "the seller", Required = true };
        var policy = new Option<string>("--policy") { Description = "the policy (congocrea)", Required = true };
        var kind = new Option<string>("--kind") { Description = "warning (a pattern of problems) or suspension_proposal", Required = true };
        var by = new Option<string>("--by") { Description = "who opens it", Required = true };
        var note = new Option<string>("--note") { Description = "why", Required = true };
        var at = new Option<string?>("--at") { Description = "when (default: the policy's latest run as-of on the store); the evidence is evaluated as of then" };
        var force = ActingTimeInput.Force();
        var command = new Command("open", "Open a case by a person's call: a manual warning or a suspension proposal") { db, marketplace, seller, policy, kind, by, note, at, force };
        command.SetAction(parse =>
        {
            var stderr = Consoles.Error;
            if (!PolicyInput.TryLoad(parse.GetValue(policy)!, stderr, out var loaded)) return ExitCodes.Error;
            if (PackMachines.For(loaded.Id) is not CongocreaMachine machine)
            {
                stderr.WriteLine($"--policy {loaded.Id}: cases are opened by hand only under congocrea (warnings, suspension proposals)");
                return ExitCodes.Error;
            }
            if (!ActingTimeInput.TryParse(parse.GetValue(at), out var given)) return ExitCodes.Error;
            if (!ActingTimeInput.TryChoose(CommonOptions.Target(parse, db, marketplace)!, loaded.Id, given, parse.GetValue(force), out var when)) return ExitCodes.Error;
            var sellerId = parse.GetValue(seller)!;
            if (!EventInput.TryLoad(null, CommonOptions.Target(parse, db, marketplace), sellerId, null, stderr, out var input)) return ExitCodes.Error;
            if (!SellerSelection.TryFacts(input.Events, when, sellerId, stderr, out var facts)) return ExitCodes.Error;
            if (!DisputeInput.TryLoad(CommonOptions.Target(parse, db, marketplace), sellerId, stderr, out var disputes)) return ExitCodes.Error;
            var evaluator = new PolicyEvaluator(DisputeExclusion.Apply(loaded, disputes, when));
            return WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
            {
                var book = new CaseBook(sellerId, loaded.Id, store.Cases(loaded.Id, sellerId), loaded.Version);
                var refusal = machine.OpenManually(new MachineInput
                {
                    Policy = loaded,
                    AsOf = when,
                    Evaluation = evaluator.EvaluateSeller(facts[0], when),
                    Facts = facts[0],
                    Events = input.Events.Where(e => e.At < when).ToList(),
                    Explained = () => evaluator.EvaluateSeller(facts[0], when, explain: true),
                }, book, parse.GetValue(kind)!, parse.GetValue(by)!, parse.GetValue(note)!);
                if (refusal is not null)
                {
                    stderr.WriteLine("refused: " + refusal);
                    return ExitCodes.Error;
                }
                store.Save([book]);
                foreach (var c in book.ChangedCases) Consoles.Out.WriteLine(c.Id);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var state = new Option<string?>("--state") { Description = "only cases in this state (e.g. excluded, proposed, awaiting_answer)" };
        var seller = CommonOptions.Seller();
        var policy = new Option<string?>("--policy") { Description = "only this policy's cases" };
        var kind = new Option<string?>("--kind") { Description = "only this kind (warning, catalog_exclusion, letter…)" };
        var overdue = new Option<bool>("--overdue") { Description = "only cases waiting for a person past their due date (e.g. unanswered letters)" };
        var at = new Option<string?>("--at") { Description = "the instant --overdue is judged at (default: now)" };
        var format = CommonOptions.Format();
        var command = new Command("list", "List cases") { db, marketplace, state, seller, policy, kind, overdue, at, format };
        command.SetAction(parse =>
        {
            if (!TryNow(parse.GetValue(at), out var now)) return ExitCodes.Error;
            return WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
            {
                var cases = store.Cases(parse.GetValue(policy), parse.GetValue(seller)).AsEnumerable();
                if (parse.GetValue(state) is { } s) cases = cases.Where(c => c.State == s);
                if (parse.GetValue(kind) is { } k) cases = cases.Where(c => c.Kind == k);
                if (parse.GetValue(overdue)) cases = cases.Where(c => c.IsOpen && CaseStates.AwaitsPerson(c.State) && c.DueAt is { } due && due < now);
                var list = cases.ToList();
                var shape = parse.GetValue(format)!;
                var decidingAt = DecidingAt(store);
                if (shape == OutputFormat.Json)
                {
                    OutputFormat.WriteJson(stdout => CaseDocument.WriteList(stdout, list, decidingAt));
                    return ExitCodes.Ok;
                }
                // A case id says its policy, kind, seller and opening date (congocrea.warning.shop-0009.20260601)
                // and may be 70 characters long: the table gives it a line of its own to stay within 120 columns.
                var listing = shape == OutputFormat.Csv
                    ? new Listing("id", "seller", "policy", "kind", "state", "opened_at", "due_at", "decisions")
                    : new Listing("case", "state, decisions").NoWrap("case");
                foreach (var c in list)
                {
                    var due = c.DueAt is { } d ? Formats.Instant(d) : "";
                    var allowed = DecisionRules.Allowed(c, decidingAt(c));
                    if (shape == OutputFormat.Csv)
                        listing.Add(c.Id, c.Seller, c.Policy, c.Kind, c.State, Formats.Instant(c.OpenedAt), due, string.Join(";", allowed));
                    else
                        listing.Add($"{c.Id}\nopened {Formats.Instant(c.OpenedAt)}{(due.Length > 0 ? ", due " + due : "")}",
                            $"{c.State}\n{(allowed.Count > 0 ? "decisions: " + string.Join(", ", allowed) : "no decision open")}");
                }
                OutputFormat.WriteListing(shape, listing, Plural.Of(list.Count, "case"));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>
    /// The instant <c>cases decide</c> without <c>--at</c> dates a decision on a case at: the policy's latest run on
    /// the store, or the case's last change when later. The decisions a case lists are those allowed then.
    /// </summary>
    private static Func<EnforcementCase, Instant> DecidingAt(EnforcementStore store)
    {
        var latest = new Dictionary<string, Instant?>(StringComparer.Ordinal);
        return c =>
        {
            if (!latest.TryGetValue(c.Policy, out var run)) latest[c.Policy] = run = store.Runs(c.Policy).Latest;
            return run is { } r && r > c.UpdatedAt ? r : c.UpdatedAt;
        };
    }

    private static Command Show()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var id = new Argument<string>("ID") { Description = "the case id (standing cases list)" };
        var format = CommonOptions.Format(listing: false);
        var command = new Command("show", "One case: its state, data, audit trail with the evidence, and notices") { db, marketplace, id, format };
        command.SetAction(parse => WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
        {
            var caseId = parse.GetValue(id)!;
            if (store.Case(caseId) is not { } c)
            {
                Consoles.Error.WriteLine($"no case \"{caseId}\" in {store.Name} (standing cases list shows the ids)");
                return ExitCodes.Error;
            }
            var audit = store.Audit(c.Id, c.Seller);
            var notices = store.Notices(c.Id);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                OutputFormat.WriteJson(stdout => CaseDocument.WriteOne(stdout, c, audit, notices, NoticePayload.Of(parse.GetValue(marketplace)), DecidingAt(store)(c)));
                return ExitCodes.Ok;
            }
            var o = Consoles.Out;
            o.MarkupLine($"[bold]{Markup.Escape(c.Id)}[/]: {c.Kind} of {Markup.Escape(c.Seller)} under {c.Policy}, [bold]{c.State}[/]");
            o.WriteLine($"opened {Formats.Instant(c.OpenedAt)}" + (c.DueAt is { } d ? $", due {Formats.Instant(d)}" : "")
                + (c.ClosedAt is { } x ? $", closed {Formats.Instant(x)}" : ""));
            var kinds = CaseMetricKinds.Of(c.Policy);
            var allowed = DecisionRules.Allowed(c, DecidingAt(store)(c));
            if (allowed.Count > 0) o.WriteLine("decisions open: " + string.Join(", ", allowed));
            foreach (var (k, v) in c.Data.OrderBy(p => p.Key, StringComparer.Ordinal)) o.WriteLine($"  {k}: {CaseMetricKinds.Show(kinds, k, v)}");
            o.WriteLine("audit trail:");
            foreach (var a in audit)
            {
                o.WriteLine($"  {a.Seq}. {Formats.Instant(a.At)} {a.Actor} {a.Action}: {a.FromState ?? "-"} → {a.ToState}");
                o.WriteLine($"     why: {a.Reason}");
                foreach (var m in a.Snapshot)
                    o.WriteLine($"     {m.Metric} = {Formats.Value(m.Value, CaseMetricKinds.Kind(kinds, m.Metric))} ({Formats.Fraction(CaseMetricKinds.Kind(kinds, m.Metric), m.Numerator, m.Denominator)}, {m.Status})");
            }
            o.WriteLine("notices:");
            foreach (var n in notices)
            {
                o.WriteLine($"  {n.Id} {n.Kind} to {n.Audience} at {Formats.Instant(n.At)}");
                using var body = System.Text.Json.JsonDocument.Parse(n.Body);
                o.WriteLine($"    {body.RootElement.GetProperty("title").GetString()}");
                foreach (var line in body.RootElement.GetProperty("lines").EnumerateArray()) o.WriteLine($"    {line.GetString()}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Decide()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var id = new Argument<string>("ID") { Description = "the case id" };
        var decision = new Option<string>("--decision") { Description = "confirm, dismiss, reinstate, answer (a letter) or fine:AMOUNT", Required = true };
        var by = new Option<string>("--by") { Description = "who decides", Required = true };
        var note = new Option<string>("--note") { Description = "why", Required = true };
        var at = new Option<string?>("--at") { Description = "when the decision was made (default: the policy's latest run as-of on the store, or the case's last change when that is later)" };
        var force = ActingTimeInput.Force();
        var command = new Command("decide", "Record a person's decision on a case; a decision the state does not allow is refused") { db, marketplace, id, decision, by, note, at, force };
        command.SetAction(parse =>
        {
            var stderr = Consoles.Error;
            if (Decision.Parse(parse.GetValue(decision)!, out var error) is not { } parsed)
            {
                stderr.WriteLine(error);
                return ExitCodes.Error;
            }
            if (!ActingTimeInput.TryParse(parse.GetValue(at), out var given)) return ExitCodes.Error;
            return WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
            {
                var caseId = parse.GetValue(id)!;
                if (store.Case(caseId) is not { } c)
                {
                    stderr.WriteLine($"no case \"{caseId}\" in {store.Name} (standing cases list shows the ids)");
                    return ExitCodes.Error;
                }
                // Time from the data: without --at, the policy's latest run, or the case's last change when later.
                if (!ActingTimeInput.TryChoose(store, CommonOptions.Target(parse, db, marketplace)!, c.Policy, given, parse.GetValue(force), c.UpdatedAt, out var when)) return ExitCodes.Error;
                var book = new CaseBook(c.Seller, c.Policy, store.Cases(c.Policy, c.Seller));
                var seen = AuditTrail.LatestSnapshot(store.Audit(c.Id, c.Seller), when);
                if (DecisionRules.Apply(book, c, parsed, parse.GetValue(by)!, parse.GetValue(note)!, when, seen, WrittenPolicy(c)) is { } refusal)
                {
                    stderr.WriteLine("refused: " + refusal);
                    return ExitCodes.Error;
                }
                store.Save([book]);
                var moved = book.Find(c.Id)!;
                Consoles.Out.WriteLine($"{c.Id}: {c.State} → {moved.State}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>
    /// The policy a case came from, for the notices a decision sends (its enforcement section's, or its pack's texts
    /// for a machine's case): the built-in pack, or the file it was read from while that file still reads; a
    /// machine's case opened before the source was recorded reads its built-in pack. Null otherwise.
    /// </summary>
    private static Core.Policies.Policy? WrittenPolicy(EnforcementCase c)
    {
        var source = c.Get(CaseRules.PolicySource) ?? (!CaseRules.IsWritten(c) && PackMachines.For(c.Policy) is not null ? "built-in:" : null);
        if (source is null) return null;
        try
        {
            if (source.StartsWith("built-in:", StringComparison.Ordinal)) return Policies.BuiltInPacks.Load(c.Policy);
            return File.Exists(source) ? Policies.Loading.PolicyLoader.LoadFile(source) : null;
        }
        catch (Policies.Loading.PolicyLoadException)
        {
            return null; // the file changed into an invalid policy: the decision stands, without its notice
        }
    }

    /// <summary>Reads an optional instant; without one, the wall clock (a person's decision happens now).</summary>
    internal static bool TryNow(string? text, out Instant now)
    {
        if (text is null)
        {
            now = SystemClock.Instance.GetCurrentInstant();
            return true;
        }
        if (AsOfParser.TryParse(text, DateTimeZone.Utc, out now, out var error)) return true;
        Consoles.Error.WriteLine(error.Replace("--as-of", "--at", StringComparison.Ordinal));
        return false;
    }

    internal static int WithStore(string db, Func<EnforcementStore, int> action)
    {
        try
        {
            using var store = EnforcementStore.Open(db);
            return action(store);
        }
        catch (EventStoreException e)
        {
            Consoles.Error.WriteLine(e.Message);
            return ExitCodes.Error;
        }
    }
}
