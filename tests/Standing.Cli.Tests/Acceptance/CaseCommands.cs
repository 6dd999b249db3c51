using System.Globalization;
using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>What the enforcement acceptance tests share: a command that must succeed, a case shown, an instant read.</summary>
internal static class CaseCommands
{
    /// <summary>Runs <c>standing ARGS</c> and fails the test, with its stderr, unless it exits 0.</summary>
    public static StandingProcess.Result Ok(params string[] args)
    {
        var r = StandingProcess.Run(args);
        Assert.True(r.ExitCode == 0, $"standing {string.Join(' ', args)}: exit {r.ExitCode}: {r.Stderr}");
        return r;
    }

    /// <summary><c>standing cases show ID --format json</c>.</summary>
    public static JsonElement Show(string db, string id) =>
        JsonDocument.Parse(Ok("cases", "show", id, "--db", db, "--format", "json").Stdout).RootElement;

    /// <summary>An instant field of a case document; null when absent or null.</summary>
    public static DateTimeOffset? Instant(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture) : null;
}
