namespace Standing.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void The_bench_table_fits_120_columns()
    {
        var bench = StandingProcess.Run("bench", "--sellers", "20", "--orders", "2000");
        Assert.True(bench.ExitCode == 0, bench.Stderr);
        Assert.Contains("evaluate congocrea", bench.Stdout, StringComparison.Ordinal);
        var widest = bench.Stdout.Split('\n').Max(l => l.TrimEnd('\r').Length);
        Assert.True(widest <= 120, $"a line of {widest} columns:\n{bench.Stdout}");
    }
}
