using System.CommandLine;

namespace Standing.Cli.Input;

/// <summary>
/// The secrets webhook notices are signed with (docs/enforcement.md), one per webhook in the order the
/// webhooks are given. A value <c>env:NAME</c> reads the environment variable NAME, so that the secret
/// need not appear in the process list or the shell history.
/// </summary>
internal static class WebhookSecrets
{
    public static Option<string[]> Option(string name, string webhookFlag) => new(name)
    {
        Description = $"sign each POST with this secret (HMAC-SHA256 of timestamp and body; the n-th secret for the n-th {webhookFlag}); env:NAME reads it from a variable",
        AllowMultipleArgumentsPerToken = true,
    };

    public static bool TryRead(string[]? given, string[]? webhooks, string flag, string webhookFlag, TextWriter stderr, out IReadOnlyList<string?> secrets)
    {
        var list = new List<string?>();
        secrets = list;
        given ??= [];
        if (given.Length > (webhooks?.Length ?? 0))
        {
            stderr.WriteLine($"{flag}: {given.Length} secrets for {webhooks?.Length ?? 0} {webhookFlag}; give one per webhook, in the same order (nothing was run or delivered)");
            return false;
        }
        foreach (var value in given)
        {
            var secret = value.StartsWith("env:", StringComparison.Ordinal) ? Environment.GetEnvironmentVariable(value[4..]) : value;
            if (string.IsNullOrEmpty(secret))
            {
                stderr.WriteLine(value.StartsWith("env:", StringComparison.Ordinal)
                    ? $"{flag} {value}: the environment variable {value[4..]} is not set or empty (nothing was run or delivered)"
                    : $"{flag}: a secret is empty (nothing was run or delivered)");
                return false;
            }
            list.Add(secret);
        }
        return true;
    }
}
