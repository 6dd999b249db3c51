using System.CommandLine;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Data.Documents;
using Standing.Data.Enforcement;
using Standing.Data.Outbox;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary><c>standing outbox list|deliver</c>: the notices enforcement wrote, and their delivery to sinks.</summary>
internal static class OutboxCommand
{
    public static Command Create()
    {
        var command = new Command("outbox", "Notices written by enforcement and their delivery");
        command.Subcommands.Add(List());
        command.Subcommands.Add(DeliverCommand());
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db(required: true);
        var format = CommonOptions.Format();
        var command = new Command("list", "Every notice with its deliveries") { db, format };
        command.SetAction(parse =>
        {
            try
            {
                using var store = EnforcementStore.Open(parse.GetValue(db)!);
                var deliveries = store.Deliveries().ToLookup(d => d.NoticeId, StringComparer.Ordinal);
                var notices = store.Notices();
                var shape = parse.GetValue(format)!;
                if (shape == OutputFormat.Json)
                {
                    OutputFormat.WriteJson(stdout => NoticeDocument.WriteList(stdout, notices, deliveries));
                    return ExitCodes.Ok;
                }
                // A notice id may be 70 characters long: the table gives it a line of its own, with what and to whom below.
                var listing = shape == OutputFormat.Csv
                    ? new Listing("notice", "kind", "audience", "seller", "at", "deliveries")
                    : new Listing("notice", "deliveries").NoWrap("notice");
                foreach (var n in notices)
                {
                    var shown = string.Join(shape == OutputFormat.Csv ? "; " : "\n", deliveries[n.Id].Select(d => $"{d.Sink}: {(d.DeliveredAt is null ? "pending, " + d.LastError : "delivered")} ({Plural.Of(d.Attempts, "attempt")})"));
                    if (shape == OutputFormat.Csv) listing.Add(n.Id, n.Kind, n.Audience, n.Seller, Formats.Instant(n.At), shown);
                    else listing.Add($"{n.Id}\n{n.Kind} to {n.Audience} {n.Seller} at {Formats.Instant(n.At)}", shown.Length == 0 ? "none yet" : shown);
                }
                OutputFormat.WriteListing(shape, listing, Plural.Of(listing.Count, "notice"));
                return ExitCodes.Ok;
            }
            catch (EventStoreException e)
            {
                Consoles.Error.WriteLine(e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }

    private static Command DeliverCommand()
    {
        var db = CommonOptions.Db(required: true);
        var sinks = new SinkOptions("--folder", "--webhook");
        var command = new Command("deliver", "Deliver the notices each sink has not received yet (at least once; resumes after failures)") { db };
        foreach (var option in sinks.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            try
            {
                var folder = sinks.Folder(parse);
                var webhooks = sinks.Webhooks(parse);
                if (folder is null && webhooks.Length == 0)
                {
                    Consoles.Error.WriteLine($"outbox deliver: name where to deliver, with {SinkOptions.FolderName} FOLDER and/or {SinkOptions.WebhookName} URL (nothing was delivered)");
                    return ExitCodes.Error;
                }
                if (!CheckSinks(folder, webhooks, Consoles.Error, sinks.FolderFlag(parse), sinks.WebhookFlag(parse))) return ExitCodes.Error;
                using var store = EnforcementStore.Open(parse.GetValue(db)!);
                return Deliver(store, folder, webhooks, Consoles.Error, Consoles.Out, sinks.FolderFlag(parse), sinks.WebhookFlag(parse)) ? ExitCodes.Ok : ExitCodes.Error;
            }
            catch (EventStoreException e)
            {
                Consoles.Error.WriteLine(e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }

    /// <summary>
    /// Checks the sinks named (an empty or file --folder, a --webhook that is not an http(s) URL) before
    /// anything is run or delivered; the flags are named as the user typed them.
    /// </summary>
    public static bool CheckSinks(string? folder, string[]? webhooks, TextWriter stderr, string folderFlag = SinkOptions.FolderName, string webhookFlag = SinkOptions.WebhookName)
    {
        if (folder is not null && !OutputPaths.TryFolder(folder, folderFlag, stderr, create: false)) return false;
        foreach (var url in webhooks ?? [])
        {
            if (!IsHttpUrl(url, out _))
            {
                stderr.WriteLine($"{webhookFlag} \"{url}\" is not an http(s) URL (nothing was run or delivered)");
                return false;
            }
        }
        return true;
    }

    private static bool IsHttpUrl(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Delivers to the sinks named; true when every notice arrived (or no sink was named).</summary>
    public static bool Deliver(EnforcementStore store, string? folder, string[]? webhooks, TextWriter stderr, IAnsiConsole stdout,
        string folderFlag = SinkOptions.FolderName, string webhookFlag = SinkOptions.WebhookName)
    {
        if (!CheckSinks(folder, webhooks, stderr, folderFlag, webhookFlag)) return false;
        var sinks = new List<INoticeSink>();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        if (folder is not null) sinks.Add(new FolderSink(folder));
        foreach (var url in webhooks ?? [])
        {
            IsHttpUrl(url, out var uri);
            sinks.Add(new WebhookSink(uri, client));
        }
        if (sinks.Count == 0) return true;
        store.CheckWritable(); // nothing leaves the store unless its delivery can be recorded
        var report = new OutboxDelivery(store, SystemClock.Instance, RetryOptions.Default).DeliverAsync(sinks).GetAwaiter().GetResult();
        stdout.WriteLine($"outbox: {Plural.Of(report.Delivered, "delivery", "deliveries")} made, {Plural.Of(report.Failures.Count, "sink")} failing");
        foreach (var failure in report.Failures) stderr.WriteLine("not delivered (kept for the next delivery): " + failure);
        return report.Failures.Count == 0;
    }
}
