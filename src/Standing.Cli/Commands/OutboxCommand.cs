using System.CommandLine;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
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
        var command = new Command("list", "Every notice with its deliveries") { db };
        command.SetAction(parse =>
        {
            try
            {
                using var store = EnforcementStore.Open(parse.GetValue(db)!);
                var deliveries = store.Deliveries().ToLookup(d => d.NoticeId, StringComparer.Ordinal);
                var table = new Table().Border(TableBorder.Rounded).AddColumns("notice", "kind", "to", "at", "deliveries");
                foreach (var n in store.Notices())
                {
                    var shown = string.Join("; ", deliveries[n.Id].Select(d => $"{d.Sink}: {(d.DeliveredAt is null ? "pending, " + d.LastError : "delivered")} ({d.Attempts} attempts)"));
                    table.AddRow(Markup.Escape(n.Id), n.Kind, n.Audience + " " + Markup.Escape(n.Seller), EnforcementJson.Instant(n.At), Markup.Escape(shown.Length == 0 ? "none yet" : shown));
                }
                Consoles.Out.Write(table);
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
        var folder = new Option<string?>("--folder") { Description = "write each notice as a JSON file in this folder" };
        var webhook = new Option<string[]>("--webhook") { Description = "POST each notice as JSON to this URL", AllowMultipleArgumentsPerToken = true };
        var command = new Command("deliver", "Deliver the notices each sink has not received yet (at least once; resumes after failures)") { db, folder, webhook };
        command.SetAction(parse =>
        {
            try
            {
                if (parse.GetValue(folder) is null && parse.GetValue(webhook) is not { Length: > 0 })
                {
                    Consoles.Error.WriteLine("outbox deliver: name where to deliver, with --folder FOLDER and/or --webhook URL (nothing was delivered)");
                    return ExitCodes.Error;
                }
                if (!CheckSinks(parse.GetValue(folder), parse.GetValue(webhook), Consoles.Error)) return ExitCodes.Error;
                using var store = EnforcementStore.Open(parse.GetValue(db)!);
                return Deliver(store, parse.GetValue(folder), parse.GetValue(webhook), Consoles.Error, Consoles.Out) ? ExitCodes.Ok : ExitCodes.Error;
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
    public static bool CheckSinks(string? folder, string[]? webhooks, TextWriter stderr, string folderFlag = "--folder", string webhookFlag = "--webhook")
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
        string folderFlag = "--folder", string webhookFlag = "--webhook")
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
        stdout.WriteLine($"outbox: {report.Delivered} deliveries made, {report.Failures.Count} sinks failing");
        foreach (var failure in report.Failures) stderr.WriteLine("not delivered (kept for the next delivery): " + failure);
        return report.Failures.Count == 0;
    }
}
