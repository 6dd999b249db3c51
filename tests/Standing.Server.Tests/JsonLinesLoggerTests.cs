using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Standing.Server.Tests;

/// <summary>The server's stdout log: one JSON object a line, every record written once and whole, from many threads at once.</summary>
public sealed class JsonLinesLoggerTests
{
    [Fact]
    public void Records_logged_from_many_threads_are_each_one_whole_json_line_with_their_structured_values()
    {
        using var output = new MemoryStream();
        using (var provider = new JsonLinesLoggerProvider(output))
        {
            var logger = provider.CreateLogger("Standing.Server.RequestLog");
            Assert.True(logger.IsEnabled(LogLevel.Information));
            Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                if (logger.IsEnabled(LogLevel.Information)) logger.Log(LogLevel.Information, new EventId(1, "Served"), Values(i), null, (_, _) => $"request {i}");
            });
            var other = provider.CreateLogger("Other");
            if (other.IsEnabled(LogLevel.Warning)) other.Log(LogLevel.Warning, default, Values(-1), new InvalidOperationException("boom"), (_, _) => "failed");
        } // disposing writes what is queued

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2_001, lines.Length);
        var seen = new HashSet<long>();
        foreach (var line in lines.Where(l => l.Contains("RequestLog", StringComparison.Ordinal)))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            Assert.Equal(("Information", "Standing.Server.RequestLog", 1), (root.GetProperty("LogLevel").GetString(), root.GetProperty("Category").GetString(), root.GetProperty("EventId").GetInt32()));
            var state = root.GetProperty("State");
            var n = state.GetProperty("N").GetInt64();
            Assert.True(seen.Add(n), $"record {n} written twice");
            Assert.Equal($"request {n}", root.GetProperty("Message").GetString());
            Assert.Equal(200 + (n % 2), state.GetProperty("Status").GetInt32()); // a number, not a string
            Assert.Equal(n / 4.0, state.GetProperty("Milliseconds").GetDouble());
            if (n % 3 == 0) Assert.Equal(JsonValueKind.Null, state.GetProperty("KeyName").ValueKind);
            else Assert.Equal("reader \"one\"\n", state.GetProperty("KeyName").GetString());
        }
        Assert.Equal(2_000, seen.Count);
        using var warning = JsonDocument.Parse(lines.Single(l => l.Contains("\"Other\"", StringComparison.Ordinal)));
        Assert.Equal("Warning", warning.RootElement.GetProperty("LogLevel").GetString());
        Assert.Contains("boom", warning.RootElement.GetProperty("Exception").GetString(), StringComparison.Ordinal);
    }

    private static KeyValuePair<string, object?>[] Values(int i) =>
    [
        new("Route", "/v1/sellers/{seller}/standing"),
        new("Status", 200 + (i % 2)),
        new("Milliseconds", i / 4.0),
        new("KeyName", i % 3 == 0 ? null : "reader \"one\"\n"),
        new("N", i),
    ];
}
