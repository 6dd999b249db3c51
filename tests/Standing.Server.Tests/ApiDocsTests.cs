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

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShBlock();
}
