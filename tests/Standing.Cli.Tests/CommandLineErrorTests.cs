namespace Standing.Cli.Tests;

/// <summary>
/// Flags the command line refuses before any command runs: exit code 1, one line naming the flag in the
/// user's terms (never a .NET type name), where to read the usage, and nothing on stdout.
/// </summary>
public sealed class CommandLineErrorTests
{
    private static void Refused(StandingProcess.Result run, string line, string usage)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([line, usage], lines);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_names_the_flag_and_what_it_takes()
    {
        var run = StandingProcess.Run("forecast", "--events", "e.ndjson", "--policy", "congocrea", "--as-of", "2026-06-01",
            "--seller", "s1", "--days", "abc");
        Refused(run, "--days \"abc\": not a whole number", "see: standing forecast --help");
    }

    [Fact]
    public void A_choice_not_offered_names_the_flag_and_the_choices()
    {
        var run = StandingProcess.Run("evaluate", "--events", "e.ndjson", "--policy", "congocrea", "--as-of", "2026-06-01", "--format", "xml");
        Refused(run, "--format: Argument 'xml' not recognized. Must be one of: 'table' 'json' 'csv'", "see: standing evaluate --help");
    }

    [Fact]
    public void A_refused_flag_of_a_subcommand_points_to_its_usage()
    {
        var run = StandingProcess.Run("cases", "list", "--format", "yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("--format: Argument 'yaml' not recognized.", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("see: standing cases list --help", run.Stderr.TrimEnd(), StringComparison.Ordinal);
    }
}
