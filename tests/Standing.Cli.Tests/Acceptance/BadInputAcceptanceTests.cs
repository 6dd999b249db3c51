using System.Text;
using System.Text.Json;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// A file mixing good and bad lines, as EVENTS.md "Bad input" describes: each bad line reported as
/// FILE:LINE with its reason, the good lines still evaluated, exit code 2.
/// </summary>
public sealed class BadInputAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Line 1 (after a byte-order mark, CRLF ending) is a good order; line 3 is blank; line 14 is a good 2-star
    // review of o1. Bad: 2 stars 6 (out of range), 4 unknown type, 5 review.posted without its review id,
    // 6 no seller, 7 an instant without time or offset, 8 unknown status, 9 stars as a string, 10 stars 2.5,
    // 11 a JSON array, 12 30 February, 13 empty seller. The good lines give ODR 1/1 for seller s.
    [Fact]
    public void Every_bad_line_is_named_and_the_good_lines_are_still_evaluated()
    {
        string[] lines =
        [
            """{"id":"e1","type":"order.placed","at":"2026-03-02T09:15:00+01:00","seller":"s","order":"o1"}""",
            """{"id":"e2","type":"review.posted","at":"2026-03-03T09:15:00+01:00","seller":"s","review":"r1","order":"o1","stars":6}""",
            "",
            """{"id":"e3","type":"order.shipped","at":"2026-03-03T09:15:00+01:00","seller":"s","order":"o1"}""",
            """{"id":"e4","type":"review.posted","at":"2026-03-03T09:15:00+01:00","seller":"s","order":"o1","stars":2}""",
            """{"id":"e5","type":"order.placed","at":"2026-03-03T09:15:00+01:00","order":"o2"}""",
            """{"id":"e6","type":"order.placed","at":"2026-03-03","seller":"s","order":"o3"}""",
            """{"id":"e7","type":"order.status","at":"2026-03-03T10:00:00Z","seller":"s","order":"o1","status":"lost"}""",
            """{"id":"e8","type":"review.posted","at":"2026-03-03T10:00:00Z","seller":"s","review":"r2","order":"o1","stars":"2"}""",
            """{"id":"e9","type":"review.posted","at":"2026-03-03T10:00:00Z","seller":"s","review":"r3","order":"o1","stars":2.5}""",
            "[1,2]",
            """{"id":"e10","type":"order.placed","at":"2026-02-30T10:00:00Z","seller":"s","order":"o4"}""",
            """{"id":"e11","type":"order.placed","at":"2026-03-03T10:00:00Z","seller":"","order":"o5"}""",
            """{"id":"e12","type":"review.posted","at":"2026-03-04T10:00:00Z","seller":"s","review":"r4","order":"o1","stars":2}""",
        ];
        var path = Path.Combine(_dir.Path, "mixed.ndjson");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = StandingProcess.Run("evaluate", "--events", path, "--policy", "congocrea", "--as-of", "2026-04-01T00:00:00Z", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        foreach (var bad in new[] { 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 })
        {
            Assert.Contains($"{path}:{bad}: ", run.Stderr, StringComparison.Ordinal);
        }
        foreach (var good in new[] { 1, 3, 14 })
        {
            Assert.DoesNotContain($"{path}:{good}: ", run.Stderr, StringComparison.Ordinal);
        }
        using var doc = JsonDocument.Parse(run.Stdout);
        var odr = doc.RootElement.GetProperty("sellers").EnumerateArray().Single()
            .GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "odr");
        Assert.Equal(1, odr.GetProperty("numerator").GetInt64());
        Assert.Equal(1, odr.GetProperty("denominator").GetInt64());
    }
}
