namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing forecast</c> as users run it: the worked example of docs/foresight.md on the demo's data (the
/// doc's lines are what the command prints; its arithmetic is worked by hand there), and bad input.
/// </summary>
public sealed class ForecastCommandTests(ContractStore store) : IClassFixture<ContractStore>
{
    [Fact]
    public void The_worked_example_of_the_foresight_page_is_what_the_command_prints()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "foresight.md"));
        var block = doc[(doc.IndexOf("```text\nodr = 2%", StringComparison.Ordinal) + "```text\n".Length)..];
        var expected = block[..block.IndexOf("```", StringComparison.Ordinal)].TrimEnd().Split('\n');
        Assert.Contains("--seller shop-0038 --metric odr", doc, StringComparison.Ordinal);

        var run = StandingProcess.Run("forecast", "--events", store.Events, "--policy", "congocrea", "--as-of", "2026-06-01", "--seller", "shop-0038", "--metric", "odr");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(5, expected.Length);
        foreach (var line in expected) Assert.Contains(line, lines);
    }

    [Theory]
    [InlineData("--days", "0", "--days 0: must be 1 to 3660")]
    [InlineData("--metric", "nope", "unknown metric \"nope\" in policy congocrea")]
    [InlineData("--seller", "ghost", "unknown seller \"ghost\"")]
    public void Bad_input_is_refused_with_a_clear_message_and_exit_1(string option, string value, string message)
    {
        var args = new List<string> { "forecast", "--db", store.Db, "--policy", "congocrea", "--as-of", "2026-06-01", "--seller", "shop-0038" };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);

        var run = StandingProcess.Run([.. args]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }
}
