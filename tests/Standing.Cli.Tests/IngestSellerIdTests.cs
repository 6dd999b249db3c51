using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing ingest</c> refuses a seller the API could never name (a path, a control character), at its
/// file, line and column with the server's reason, keeps the good lines, and keeps the refused ones with
/// their reason in the rejects file, as it does for other bad lines.
/// </summary>
public sealed class IngestSellerIdTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // The column is where the seller's value (its opening quote) sits in the line, 1-based: the same in lines 2
    // and 3, whose text before the value is the same length.
    [Fact]
    public void A_seller_that_is_not_an_id_is_rejected_at_its_line_and_column_and_the_good_lines_are_stored()
    {
        const string placed = """{"id":"ID","type":"order.placed","at":"2026-03-02T09:16:00Z","seller":"SELLER","order":"ORDER"}""";
        string Line(string id, string seller, string order) => placed.Replace("ID", id, StringComparison.Ordinal)
            .Replace("SELLER", seller, StringComparison.Ordinal).Replace("ORDER", order, StringComparison.Ordinal);
        var lines = new[] { Line("e1", "shop-7", "o-1"), Line("e2", "../x", "o-2"), Line("e3", @"a\u0001b", "o-3"), Line("e4", "shop-8", "o-4") };
        var input = _dir.File("in.ndjson", string.Join("\n", lines) + "\n");
        var db = Path.Combine(_dir.Path, "s.db");
        var rejects = Path.Combine(_dir.Path, "rejects.ndjson");

        var run = StandingProcess.Run("ingest", input, "--db", db, "--rejects", rejects);

        Assert.Equal(2, run.ExitCode); // some lines rejected
        var column = lines[1].IndexOf("\"../x\"", StringComparison.Ordinal) + 1; // 1-based, where the value's quote is
        Assert.Contains($"{input}:2:{column}: field \"seller\": \"../x\" looks like a path, not an id, so no request could name it", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:3:{column}: field \"seller\": \"a?b\" has control characters", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(":1:", run.Stderr, StringComparison.Ordinal);
        var kept = File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2, 3], kept.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal([column, column], kept.Select(r => r.GetProperty("column").GetInt32()));
        Assert.Equal(lines[1], kept[0].GetProperty("raw").GetString());

        var evaluate = StandingProcess.Run("evaluate", "--db", db, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z", "--format", "json");
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("shop-8", evaluate.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("../x", evaluate.Stdout, StringComparison.Ordinal);
    }
}
