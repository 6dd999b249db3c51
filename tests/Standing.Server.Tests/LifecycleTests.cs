using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Standing.Data.Keys;

namespace Standing.Server.Tests;

/// <summary>What an operator of the server sees of it: its request log, and how it stops.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task Each_request_is_logged_with_its_route_template_the_keys_id_and_name_status_and_duration_never_the_key()
    {
        var logs = new RecordedLogs();
        var target = _stores.NewTarget();
        await using var server = await ServerHarness.Start(target, logs: logs);
        await server.Client("reviewer").GetAsync($"/v1/sellers/shop-a/standing?policy=congocrea&asOf={Marketplace.AsOf}").Json();
        await server.Client("reviewer").GetAsync("/v1/sellers/shop-a/standing?policy=nope").Problem(HttpStatusCode.BadRequest);
        await server.Client(null).GetAsync("/no/such/path").ContinueWith(t => t.Result.Dispose());
        await server.Stop();

        string reviewerId;
        using (var keys = KeyStore.Open(target)) reviewerId = keys.List().Single(k => k.Name == "reviewer").Id;
        var served = logs.Records.Where(r => r.EventName == "Served").ToList();
        Assert.Equal(3, served.Count);

        var ok = served[0];
        Assert.Equal("GET", ok.Values["Method"]);
        Assert.Equal("/v1/sellers/{seller}/standing", ok.Values["Route"]);
        Assert.Equal("/v1/sellers/shop-a/standing", ok.Values["Path"]);
        Assert.Equal(200, ok.Values["Status"]);
        Assert.True((double)ok.Values["Milliseconds"]! > 0);
        Assert.Equal(reviewerId, ok.Values["KeyId"]);
        Assert.Equal("reviewer", ok.Values["KeyName"]);
        Assert.Equal(KeyRoles.Reviewer, ok.Values["Role"]);

        Assert.Equal((400, "/v1/sellers/{seller}/standing"), (served[1].Values["Status"], served[1].Values["Route"]));
        Assert.Equal((404, RequestLog.NoRoute, null), (served[2].Values["Status"], served[2].Values["Route"], served[2].Values["KeyId"]));

        // No record, formatted or structured, holds a key's secret.
        foreach (var name in new[] { "reviewer", "admin", "seller" })
        {
            var secret = server.KeyText(name);
            Assert.All(logs.Records, r => Assert.DoesNotContain(secret, r.Message + string.Join(' ', r.Values.Values), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Stopping_the_server_finishes_a_request_in_flight_and_takes_no_new_one()
    {
        var logs = new RecordedLogs();
        await using var server = await ServerHarness.Start(_stores.NewTarget(), logs: logs);
        var client = server.Client("integration");
        // A batch of two events whose body arrives in two parts: the server stops between them.
        var first = Encoding.UTF8.GetBytes(Marketplace.Placed("s-p1", "shop-s", "s-o1", 1) + "\n");
        var rest = Encoding.UTF8.GetBytes(Marketplace.Placed("s-p2", "shop-s", "s-o2", 2) + "\n");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var content = new TwoPartContent(first, rest, release.Task);
        var posting = client.PostAsync("/v1/events", content);
        await content.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(30));
        // In flight: the server has taken the request (its host logs the start) and waits for the rest of the body.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!logs.Records.Any(r => r.Message.StartsWith("Request starting", StringComparison.Ordinal) && r.Message.Contains("/v1/events", StringComparison.Ordinal)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the server never started the request");
            await Task.Delay(20);
        }

        var stopping = server.Stop();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the server stopped with a request in flight");
        // Meanwhile a new connection is refused.
        using (var fresh = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) })
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => fresh.GetAsync("/healthz"));

        release.SetResult();
        var receipt = await posting.Json();
        Assert.Equal(2, receipt.GetProperty("accepted").GetInt64());
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A chunked body sent in two parts, the second when <c>release</c> completes.</summary>
    private sealed class TwoPartContent(byte[] first, byte[] rest, Task release) : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstPartSent => _sent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            _sent.TrySetResult();
            await release;
            await stream.WriteAsync(rest);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed record Record(string Category, string? EventName, string Message, IReadOnlyDictionary<string, object?> Values);

    /// <summary>Every log record the server writes, with its structured values.</summary>
    private sealed class RecordedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<Record> _records = new();

        public IReadOnlyList<Record> Records => [.. _records];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Record> records) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value)
                    : [];
                records.Enqueue(new Record(category, eventId.Name, formatter(state, exception), values));
            }
        }
    }
}
