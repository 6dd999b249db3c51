using System.CommandLine;

namespace Standing.Cli.Commands;

/// <summary>
/// Where notices are delivered, named the same on every command (<c>run</c>, <c>outbox deliver</c>):
/// <c>--sink-folder DIR</c> and <c>--sink-webhook URL</c>. The names each command had before
/// (<c>--notify-folder</c>/<c>--notify-webhook</c>, <c>--folder</c>/<c>--webhook</c>) still work, hidden from help.
/// </summary>
internal sealed class SinkOptions
{
    public const string FolderName = "--sink-folder";
    public const string WebhookName = "--sink-webhook";

    private readonly Option<string?> _folder = new(FolderName) { Description = "deliver notices to this folder (one JSON file per notice)" };
    private readonly Option<string[]> _webhooks = new(WebhookName) { Description = "deliver notices to this URL (HTTP POST, JSON, Idempotency-Key); repeatable", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _oldFolder;
    private readonly Option<string[]> _oldWebhooks;

    public SinkOptions(string oldFolder, string oldWebhook)
    {
        _oldFolder = new Option<string?>(oldFolder) { Hidden = true };
        _oldWebhooks = new Option<string[]>(oldWebhook) { Hidden = true, AllowMultipleArgumentsPerToken = true };
    }

    public IEnumerable<Option> All => [_folder, _webhooks, _oldFolder, _oldWebhooks];

    public string? Folder(ParseResult parse) => parse.GetValue(_folder) ?? parse.GetValue(_oldFolder);

    public string[] Webhooks(ParseResult parse) => [.. parse.GetValue(_webhooks) ?? [], .. parse.GetValue(_oldWebhooks) ?? []];

    /// <summary>The folder flag as the user typed it, for messages.</summary>
    public string FolderFlag(ParseResult parse) => parse.GetValue(_oldFolder) is not null ? _oldFolder.Name : FolderName;

    /// <summary>The webhook flag as the user typed it, for messages.</summary>
    public string WebhookFlag(ParseResult parse) => parse.GetValue(_oldWebhooks) is { Length: > 0 } ? _oldWebhooks.Name : WebhookName;
}
