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

    [Fact]
    public void Generate_only_keeps_the_generated_events_in_time_order_for_ingest()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "events.ndjson");
        var bench = StandingProcess.Run("bench", "--sellers", "30", "--orders", "3000", "--file", file, "--generate-only");
        Assert.True(bench.ExitCode == 0, bench.Stderr);
        Assert.DoesNotContain("evaluate congocrea", bench.Stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file);
        // About 3,000 orders plus their reviews and cases (the generator writes about 1.3 events per order).
        Assert.InRange(lines.Length, 3_000, 6_000);
        var instants = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("at").GetString()!)
            .Select(a => DateTimeOffset.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(instants.Order(), instants);
        Assert.Equal(30, lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("seller").GetString()).Distinct().Count());

        var ingest = StandingProcess.Run("ingest", file, "--db", Path.Combine(dir.Path, "store.db"));
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        Assert.Contains($"accepted (new)  {lines.Length,10}", ingest.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_only_without_a_file_is_refused()
    {
        var bench = StandingProcess.Run("bench", "--sellers", "3", "--orders", "30", "--generate-only");
        Assert.Equal(1, bench.ExitCode);
        Assert.Contains("--generate-only needs --file FILE", bench.Stderr, StringComparison.Ordinal);
    }
}
