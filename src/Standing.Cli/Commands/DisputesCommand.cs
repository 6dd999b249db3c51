using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Data.Documents;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing disputes open|decide|list</c>: a seller disputes one counted item with a reason; an
/// operator accepts or rejects it. An accepted dispute takes the item out of the metric for every
/// evaluation as of an instant after the acceptance (explain shows it as excluded, with who and why).
/// </summary>
internal static class DisputesCommand
{
    public static Command Create()
    {
        var command = new Command("disputes", "Per-defect disputes: a seller contests one counted item, an operator decides");
        command.Subcommands.Add(OpenCommand());
        command.Subcommands.Add(DecideCommand());
        command.Subcommands.Add(ListCommand());
        return command;
    }

    private static Command OpenCommand()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var seller = new Option<string>("--seller") { Description = "the seller disputing", Required = true };
        var policy = new Option<string>("--policy") { Description = "the policy whose metric counted the item", Required = true };
        var metric = new Option<string?>("--metric") { Description = "the metric (default: every metric of the policy on the item's subject)" };
        var item = new Option<string>("--item") { Description = "the item as explain shows it (an order id, a review id, a case id)", Required = true };
        var reason = new Option<string>("--reason") { Description = "why the item should not count", Required = true };
        var at = new Option<string?>("--at") { Description = "when the dispute was filed (default: the policy's latest run as-of on the store)" };
        var force = ActingTimeInput.Force();
        var command = new Command("open", "File a dispute of one counted item") { db, marketplace, seller, policy, metric, item, reason, at, force };
        command.SetAction(parse =>
        {
            var stderr = Consoles.Error;
            if (!PolicyInput.TryLoad(parse.GetValue(policy)!, stderr, out var loaded)) return ExitCodes.Error;
            var metricId = parse.GetValue(metric);
            if (metricId is not null)
            {
                if (loaded.Metrics.FirstOrDefault(m => m.Id == metricId) is not { } m)
                {
                    stderr.WriteLine($"--metric \"{metricId}\": policy {loaded.Id} has no such metric; its metrics: {string.Join(", ", loaded.Metrics.Select(x => x.Id))}");
                    return ExitCodes.Error;
                }
                if (!DisputeExclusion.Supports(m))
                {
                    stderr.WriteLine($"--metric \"{metricId}\": items of subject {m.Subject} cannot be disputed yet");
                    return ExitCodes.Error;
                }
            }
            if (string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                stderr.WriteLine("--reason must say why the item should not count");
                return ExitCodes.Error;
            }
            if (!ActingTimeInput.TryParse(parse.GetValue(at), out var given)) return ExitCodes.Error;
            var sellerId = parse.GetValue(seller)!;
            var itemId = parse.GetValue(item)!;
            Instant itemAt;
            try
            {
                using (var events = EventStore.Open(CommonOptions.Target(parse, db, marketplace)!, create: false))
                {
                    var itemEvents = events.ReadAll(sellerId).Where(e => e.Order == itemId || e.Review == itemId || e.Case == itemId).ToList();
                    if (itemEvents.Count == 0)
                    {
                        stderr.WriteLine($"--item \"{itemId}\": no order, review or case of seller \"{sellerId}\" has this id");
                        return ExitCodes.Error;
                    }
                    // An item cannot be disputed before it existed: its first event is its own time.
                    itemAt = itemEvents.Min(e => e.At);
                }
            }
            catch (EventStoreException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.Error;
            }
            return CasesCommand.WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
            {
                if (!ActingTimeInput.TryChoose(store, CommonOptions.Target(parse, db, marketplace)!, loaded.Id, given, parse.GetValue(force), null, out var when)) return ExitCodes.Error;
                if (when < itemAt)
                {
                    stderr.WriteLine($"refused: the dispute at {EnforcementJson.Instant(when)} ({(given is null ? "the latest run, as no --at was given" : "--at")}) would come before item {itemId} existed ({EnforcementJson.Instant(itemAt)}, its first event)");
                    return ExitCodes.Error;
                }
                var dispute = new Dispute
                {
                    Id = NewId(sellerId, loaded.Id, metricId, itemId, when),
                    Seller = sellerId,
                    Policy = loaded.Id,
                    Metric = metricId,
                    Item = itemId,
                    Reason = parse.GetValue(reason)!,
                    OpenedAt = when,
                    State = Dispute.Open,
                };
                if (store.Disputes(sellerId).Any(d => d.State != Dispute.Rejected && d.Policy == dispute.Policy && d.Item == itemId && d.Metric == metricId))
                {
                    stderr.WriteLine($"item {itemId} of {sellerId} is already disputed under {loaded.Id}");
                    return ExitCodes.Error;
                }
                store.Save(dispute, isNew: true);
                Consoles.Out.WriteLine(dispute.Id);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static string NewId(string seller, string policy, string? metric, string item, NodaTime.Instant at)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seller}\n{policy}\n{metric}\n{item}\n{EnforcementJson.Instant(at)}"));
        return "d-" + Convert.ToHexStringLower(hash)[..10];
    }

    private static Command DecideCommand()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var id = new Argument<string>("ID") { Description = "the dispute id" };
        var decision = new Option<string>("--decision") { Description = "accept or reject", Required = true }.AcceptOnlyFromAmong("accept", "reject");
        var by = new Option<string>("--by") { Description = "the operator deciding", Required = true };
        var note = new Option<string>("--note") { Description = "why", Required = true };
        var at = new Option<string?>("--at") { Description = "when (default: the policy's latest run as-of on the store, or the dispute's filing when later)" };
        var force = ActingTimeInput.Force();
        var command = new Command("decide", "Accept or reject a dispute") { db, marketplace, id, decision, by, note, at, force };
        command.SetAction(parse =>
        {
            if (string.IsNullOrWhiteSpace(parse.GetValue(by)))
            {
                Consoles.Error.WriteLine("--by must name the person deciding");
                return ExitCodes.Error;
            }
            if (string.IsNullOrWhiteSpace(parse.GetValue(note)))
            {
                Consoles.Error.WriteLine("--note must say why");
                return ExitCodes.Error;
            }
            if (!ActingTimeInput.TryParse(parse.GetValue(at), out var given)) return ExitCodes.Error;
            return CasesCommand.WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
            {
                var disputeId = parse.GetValue(id)!;
                if (store.Dispute(disputeId) is not { } d)
                {
                    Consoles.Error.WriteLine($"no dispute \"{disputeId}\" in {store.Name} (standing disputes list shows the ids)");
                    return ExitCodes.Error;
                }
                if (d.State != Dispute.Open)
                {
                    Consoles.Error.WriteLine($"refused: dispute {d.Id} was {d.State} by {d.DecidedBy} at {EnforcementJson.Instant(d.DecidedAt!.Value)}; a decision is final");
                    return ExitCodes.Error;
                }
                if (!ActingTimeInput.TryChoose(store, CommonOptions.Target(parse, db, marketplace)!, d.Policy, given, parse.GetValue(force), d.OpenedAt, out var when)) return ExitCodes.Error;
                if (when < d.OpenedAt)
                {
                    Consoles.Error.WriteLine($"refused: the decision at {EnforcementJson.Instant(when)} would come before the dispute was filed ({EnforcementJson.Instant(d.OpenedAt)})");
                    return ExitCodes.Error;
                }
                var decided = d with
                {
                    State = parse.GetValue(decision) == "accept" ? Dispute.Accepted : Dispute.Rejected,
                    DecidedAt = when,
                    DecidedBy = parse.GetValue(by),
                    Note = parse.GetValue(note),
                };
                store.Save(decided, isNew: false);
                Consoles.Out.WriteLine($"{d.Id}: {decided.State}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command ListCommand()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var seller = CommonOptions.Seller();
        // The same filters as cases list, under the same names.
        var policy = new Option<string?>("--policy") { Description = "only this policy's disputes" };
        var state = new Option<string?>("--state") { Description = "only disputes in this state: open, accepted, rejected" }
            .AcceptOnlyFromAmong(Dispute.Open, Dispute.Accepted, Dispute.Rejected);
        var format = CommonOptions.Format();
        var command = new Command("list", "List disputes") { db, marketplace, seller, policy, state, format };
        command.SetAction(parse => CasesCommand.WithStore(CommonOptions.Target(parse, db, marketplace)!, store =>
        {
            var disputes = store.Disputes(parse.GetValue(seller))
                .Where(d => (parse.GetValue(policy) is not { } p || d.Policy == p) && (parse.GetValue(state) is not { } st || d.State == st))
                .ToList();
            var shape = parse.GetValue(format)!;
            if (shape == OutputFormat.Json)
            {
                OutputFormat.WriteJson(stdout => DisputeDocument.WriteList(stdout, disputes));
                return ExitCodes.Ok;
            }
            var listing = shape == OutputFormat.Csv
                ? new Listing("id", "seller", "policy", "metric", "item", "state", "reason", "opened_at", "decided_at", "decided_by", "note")
                : new Listing("id", "seller", "policy", "metric", "item", "state", "reason", "decision").NoWrap("id", "seller", "item", "state");
            foreach (var d in disputes)
            {
                if (shape == OutputFormat.Csv)
                    listing.Add(d.Id, d.Seller, d.Policy, d.Metric ?? "", d.Item, d.State, d.Reason, Formats.Instant(d.OpenedAt),
                        d.DecidedAt is { } at ? Formats.Instant(at) : "", d.DecidedBy ?? "", d.Note ?? "");
                else
                    listing.Add(d.Id, d.Seller, d.Policy, d.Metric ?? "(all)", d.Item, d.State, d.Reason,
                        d.DecidedBy is null ? "" : $"{d.DecidedBy} at {Formats.Instant(d.DecidedAt!.Value)}: {d.Note}");
            }
            OutputFormat.WriteListing(shape, listing, Plural.Of(disputes.Count, "dispute"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
