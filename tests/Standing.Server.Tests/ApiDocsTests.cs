using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Standing.Server.Tests;

/// <summary>The <c>sh</c> examples of docs/api.md, run in order by bash with curl against a real server.</summary>
public sealed partial class ApiDocsTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task The_curl_examples_of_the_api_page_run()
    {
        var page = await File.ReadAllTextAsync(OpenApiContractTests.RepositoryFile("docs/api.md"));
        var blocks = ShBlock().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 8, $"only {blocks.Count} examples found");
        await EnsureTools("curl", "jq");
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });

        var script = new StringBuilder("set -euo pipefail\n");
        foreach (var block in blocks) script.Append(block).Append("\necho\n");
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = OpenApiContractTests.RepositoryFile(".") };
        start.Environment["STANDING"] = server.Address.ToString().TrimEnd('/');
        foreach (var role in Data.Keys.KeyRoles.All) start.Environment[role.ToUpperInvariant() + "_KEY"] = server.KeyText(role);
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script.ToString());
        bash.StandardInput.Close();
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(bash.ExitCode == 0, $"the examples failed ({bash.ExitCode}):\n{await stderr}\n{await stdout}");
        var output = await stdout;
        Assert.Contains("\"accepted\":2", output, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"withdrawn\"", output.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"decided_by\":\"operator\"", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The examples need curl and jq: on a machine without them (Debian's packages), they are installed
    /// with apt-get when the test runs as root, so the test command works on a fresh machine.
    /// </summary>
    private static async Task EnsureTools(params string[] tools)
    {
        static async Task<int> Bash(string command)
        {
            using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.StandardOutput.ReadToEndAsync();
            await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return process.ExitCode;
        }
        var missing = new List<string>();
        foreach (var tool in tools)
            if (await Bash($"command -v {tool}") != 0) missing.Add(tool);
        if (missing.Count == 0) return;
        var installed = await Bash($"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {string.Join(' ', missing)}");
        Assert.True(installed == 0, $"the API examples need {string.Join(" and ", missing)}, which are not installed and could not be installed with apt-get");
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShBlock();
}
