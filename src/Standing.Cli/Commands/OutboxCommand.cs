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

/// <summary><c>standing outbox list|deliver|retry</c>: the notices enforcement wrote, and their delivery to sinks.</summary>
internal static class OutboxCommand
{
    public static Command Create()
    {
        var command = new Command("outbox", "Notices written by enforcement and their delivery");
        command.Subcommands.Add(List());
        command.Subcommands.Add(DeliverCommand());
        command.Subcommands.Add(RetryCommand());
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var format = CommonOptions.Format();
        var state = new Option<string?>("--state") { Description = "only notices with a delivery in this state: pending, delivered, failed (refused for good: outbox retry ID sends it again)" };
        state.AcceptOnlyFromAmong("pending", "delivered", "failed");
        var command = new Command("list", "Every notice with its deliveries") { db, marketplace, format, state };
        command.SetAction(parse =>
        {
            try
            {
                using var store = EnforcementStore.Open(CommonOptions.Target(parse, db, marketplace)!);
                var deliveries = store.Deliveries().ToLookup(d => d.NoticeId, StringComparer.Ordinal);
                var only = parse.GetValue(state);
                var notices = store.Notices()
                    .Where(n => only is null || deliveries[n.Id].Any(d => d.State == only) || (only == "pending" && !deliveries[n.Id].Any()))
                    .ToList();
                var shape = parse.GetValue(format)!;
                if (shape == OutputFormat.Json)
                {
                    OutputFormat.WriteJson(stdout => NoticeDocument.WriteList(stdout, notices, deliveries, NoticePayload.Of(parse.GetValue(marketplace))));
                    return ExitCodes.Ok;
                }
                // A notice id may be 70 characters long: the table gives it a line of its own, with what and to whom below.
                var listing = shape == OutputFormat.Csv
                    ? new Listing("notice", "kind", "audience", "seller", "at", "deliveries")
                    : new Listing("notice", "deliveries").NoWrap("notice");
                foreach (var n in notices)
                {
                    var shown = string.Join(shape == OutputFormat.Csv ? "; " : "\n", deliveries[n.Id].Select(Describe));
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

    private static string Describe(Delivery d) => d.State switch
    {
        "delivered" => $"{d.Sink}: delivered ({Plural.Of(d.Attempts, "attempt")})",
        "failed" => $"{d.Sink}: failed, refused for good: {d.LastError} ({Plural.Of(d.Attempts, "attempt")})",
        _ => $"{d.Sink}: pending{(d.LastError is null ? "" : ", " + d.LastError)}{(d.NextAttemptAt is { } next ? ", not before " + Formats.Instant(next) : "")} ({Plural.Of(d.Attempts, "attempt")})",
    };

    private static Command RetryCommand()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var id = new Argument<string>("ID") { Description = "the notice refused for good (outbox list --state failed)" };
        var command = new Command("retry", "Send a notice a receiver refused for good again, at the next delivery") { db, marketplace, id };
        command.SetAction(parse =>
        {
            try
            {
                using var store = EnforcementStore.Open(CommonOptions.Target(parse, db, marketplace)!);
                var notice = parse.GetValue(id)!;
                var reopened = store.Retry(notice);
                if (reopened == 0)
                {
                    Consoles.Error.WriteLine(store.Notices().Any(n => n.Id == notice)
                        ? $"outbox retry: notice {notice} has no failed delivery (outbox list --state failed shows those); nothing was changed"
                        : $"outbox retry: no notice {notice} in {store.Name}; nothing was changed");
                    return ExitCodes.Error;
                }
                Consoles.Out.WriteLine($"notice {notice}: {reopened} failed deliver{(reopened == 1 ? "y" : "ies")} back in the outbox; the next outbox deliver sends {(reopened == 1 ? "it" : "them")}");
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
        var marketplace = CommonOptions.Marketplace();
        var sinks = new SinkOptions("--folder", "--webhook");
        var secret = WebhookSecrets.Option("--webhook-secret", SinkOptions.WebhookName);
        var command = new Command("deliver", "Deliver the notices each sink has not received yet (at least once, once per receiver with several deliverers; resumes after failures)") { db, marketplace, secret };
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
                if (!WebhookSecrets.TryRead(parse.GetValue(secret), webhooks, "--webhook-secret", sinks.WebhookFlag(parse), Consoles.Error, out var secrets)) return ExitCodes.Error;
                using var store = EnforcementStore.Open(CommonOptions.Target(parse, db, marketplace)!);
                return Deliver(store, NoticePayload.Of(parse.GetValue(marketplace)), folder, webhooks, Consoles.Error, Consoles.Out, sinks.FolderFlag(parse), sinks.WebhookFlag(parse), secrets) ? ExitCodes.Ok : ExitCodes.Error;
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
    public static bool Deliver(EnforcementStore store, string marketplace, string? folder, string[]? webhooks, TextWriter stderr, IAnsiConsole stdout,
        string folderFlag = SinkOptions.FolderName, string webhookFlag = SinkOptions.WebhookName, IReadOnlyList<string?>? secrets = null)
    {
        if (!CheckSinks(folder, webhooks, stderr, folderFlag, webhookFlag)) return false;
        var sinks = new List<INoticeSink>();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        if (folder is not null) sinks.Add(new FolderSink(folder));
        for (var i = 0; i < (webhooks?.Length ?? 0); i++)
        {
            IsHttpUrl(webhooks![i], out var uri);
            sinks.Add(new WebhookSink(uri, client, secrets is not null && i < secrets.Count ? secrets[i] : null, SystemClock.Instance));
        }
        if (sinks.Count == 0) return true;
        store.CheckWritable(); // nothing leaves the store unless its delivery can be recorded
        var report = new OutboxDelivery(store, SystemClock.Instance, RetryOptions.Default) { Marketplace = marketplace }.DeliverAsync(sinks).GetAwaiter().GetResult();
        stdout.WriteLine($"outbox: {Plural.Of(report.Delivered, "delivery", "deliveries")} made, {Plural.Of(report.Failures.Count, "sink")} failing, {report.DeadLetters.Count} refused for good" +
            (report.Skipped > 0 ? $", {report.Skipped} left to another deliverer or to a receiver's Retry-After" : ""));
        foreach (var failure in report.Failures) stderr.WriteLine("not delivered (kept for the next delivery): " + failure);
        foreach (var dead in report.DeadLetters) stderr.WriteLine("refused for good (outbox list --state failed; outbox retry ID sends it again): " + dead);
        return report.Failures.Count == 0 && report.DeadLetters.Count == 0;
    }
}
