using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using NodaTime;
using NodaTime.Text;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing bench --http URL</c>: a load client for <c>standing serve</c> on this machine. Readers ask
/// <c>GET /v1/sellers/{seller}/standing</c> of random sellers of the store, back to back on each connection
/// (a closed loop: a slow answer delays the next request, so the percentiles are those of the requests
/// sent); an optional writer posts batches of new generated events at the same time. Reports requests/s,
/// events/s, latency percentiles (HdrHistogram), errors by status and the server's peak resident memory.
/// Timings are reported, never asserted.
/// </summary>
internal static class HttpLoadBench
{
    public sealed record Settings(
        Uri Server, string Key, string Db, string Policy, TimeSpan Duration, long Requests, int Connections,
        string? WriterKey, int BatchEvents, int? ServerPid, string? AsOf);

    /// <summary>Only this machine: the client is a benchmark, not a way to flood someone else's server.</summary>
    public static string? LoopbackProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"--http \"{url}\" is not an http:// URL (e.g. http://127.0.0.1:5080)";
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return loopback ? null : $"--http {url}: only a server on this machine (127.0.0.1, [::1] or localhost) may be driven by the load client";
    }

    public static async Task<int> Run(Settings settings, TextWriter output, TextWriter progress)
    {
        IReadOnlyList<string> sellers;
        using (var store = EventStore.Open(settings.Db, create: false)) sellers = store.Sellers().Select(s => s.Seller).ToList();
        if (sellers.Count == 0)
        {
            progress.WriteLine($"--db {settings.Db}: the store holds no seller to ask about");
            return ExitCodes.Error;
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Connections + 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = settings.Server, Timeout = TimeSpan.FromSeconds(60) };

        var query = $"?policy={Uri.EscapeDataString(settings.Policy)}" + (settings.AsOf is null ? "" : $"&asOf={Uri.EscapeDataString(settings.AsOf)}");
        var readKey = new AuthenticationHeaderValue("Bearer", settings.Key);
        // One request before the clock starts: the server's first request pays its start-up (JIT, pools).
        using (var first = await Get(http, readKey, $"/v1/sellers/{Uri.EscapeDataString(sellers[0])}/standing{query}"))
        {
            if (first.StatusCode != HttpStatusCode.OK)
            {
                progress.WriteLine($"the first request answered {(int)first.StatusCode}: {Shorten(await first.Content.ReadAsStringAsync())}");
                return ExitCodes.Error;
            }
        }

        var writes = settings.WriterKey is null ? "" : string.Create(CultureInfo.InvariantCulture, $", one writer posting {settings.BatchEvents:N0} events a batch");
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"driving {settings.Server} for {settings.Duration.TotalSeconds:0} s or {settings.Requests:N0} requests: {settings.Connections} readers over {sellers.Count:N0} sellers (policy {settings.Policy}){writes}"));

        using var stop = new CancellationTokenSource(settings.Duration);
        var budget = new RequestBudget(settings.Requests);
        var cpuBefore = settings.ServerPid is { } measured ? CpuSeconds(measured) : null;
        var clock = Stopwatch.StartNew();
        var readers = Enumerable.Range(0, settings.Connections)
            .Select(i => Task.Run(() => Read(http, readKey, sellers, query, i, budget, stop.Token)))
            .ToList();
        Task<WriterResult>? writer = null;
        if (settings.WriterKey is { } writerKey)
        {
            var at = LatestEvent(settings.Db);
            writer = Task.Run(() => Write(http, new AuthenticationHeaderValue("Bearer", writerKey), sellers, settings.BatchEvents, at, stop.Token));
        }
        var results = await Task.WhenAll(readers);
        var elapsed = clock.Elapsed;
        stop.Cancel();
        // The writer finishes the batch in flight; events/s counts the time until it is answered.
        var written = writer is null ? null : await writer;
        var writing = clock.Elapsed;
        var cpu = settings.ServerPid is { } counted && cpuBefore is { } before && CpuSeconds(counted) is { } after ? after - before : (double?)null;

        var latency = new LongHistogram(TimeStamp.Seconds(60), 3);
        var statuses = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long requests = 0;
        foreach (var result in results)
        {
            latency.Add(result.Latency);
            requests += result.Requests;
            foreach (var (status, count) in result.Statuses) statuses[status] = statuses.GetValueOrDefault(status) + count;
        }
        Report(output, settings, sellers.Count, elapsed, requests, latency, statuses, written, writing, cpu);
        return ExitCodes.Ok;
    }

    private sealed class RequestBudget(long limit)
    {
        private long _taken;

        public bool Take() => Interlocked.Increment(ref _taken) <= limit;
    }

    private sealed record ReaderResult(LongHistogram Latency, long Requests, Dictionary<string, long> Statuses);

    private sealed record WriterResult(LongHistogram Latency, long Batches, long Accepted, long Duplicate, Dictionary<string, long> Statuses);

    private static async Task<ReaderResult> Read(HttpClient http, AuthenticationHeaderValue key, IReadOnlyList<string> sellers, string query, int worker,
        RequestBudget budget, CancellationToken stop)
    {
        var latency = new LongHistogram(TimeStamp.Seconds(60), 3);
        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        var random = new Random(1_000 + worker); // the same sellers in the same order on every run
        long requests = 0;
        var buffer = new byte[16 * 1024];
        while (!stop.IsCancellationRequested && budget.Take())
        {
            var seller = sellers[random.Next(sellers.Count)];
            var start = Stopwatch.GetTimestamp();
            string status;
            try
            {
                using var response = await Get(http, key, $"/v1/sellers/{Uri.EscapeDataString(seller)}/standing{query}");
                await using var body = await response.Content.ReadAsStreamAsync(CancellationToken.None);
                while (await body.ReadAsync(buffer, CancellationToken.None) > 0)
                {
                }
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException e)
            {
                status = "failed: " + (e.HttpRequestError.ToString());
            }
            catch (TaskCanceledException)
            {
                status = "timed out";
            }
            latency.RecordValue(Math.Max(1, Stopwatch.GetTimestamp() - start));
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            requests++;
        }
        return new ReaderResult(latency, requests, statuses);
    }

    private static Task<HttpResponseMessage> Get(HttpClient http, AuthenticationHeaderValue key, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = key;
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
    }

    /// <summary>
    /// Batches of new orders placed after the store's last event, a millisecond apart (ids no store holds: <c>load-RUN-N</c>), each
    /// for a random known seller, posted back to back until the readers stop.
    /// </summary>
    private static async Task<WriterResult> Write(HttpClient http, AuthenticationHeaderValue key, IReadOnlyList<string> sellers, int batchEvents, Instant at,
        CancellationToken stop)
    {
        var latency = new LongHistogram(TimeStamp.Seconds(60), 3);
        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        var random = new Random(7);
        var run = Guid.NewGuid().ToString("N")[..12];
        long sequence = 0, batches = 0, accepted = 0, duplicate = 0;
        var pattern = InstantPattern.General;
        var body = new StringBuilder(batchEvents * 260);
        while (!stop.IsCancellationRequested)
        {
            body.Clear();
            for (var i = 0; i < batchEvents; i++, sequence++)
            {
                var seller = sellers[random.Next(sellers.Count)];
                // A millisecond after the one before, as an integration posts what happens in time order: a seller's
                // new order then always follows its stored ones (and is folded onto its stored facts).
                var placed = at.Plus(Duration.FromMilliseconds(sequence + 1));
                body.Append(CultureInfo.InvariantCulture,
                    $"{{\"id\":\"load-{run}-{sequence}\",\"type\":\"order.placed\",\"at\":\"{pattern.Format(placed)}\",\"seller\":\"{seller}\",\"order\":\"o-load-{run}-{sequence}\",\"buyer\":\"b-load-{sequence % 5_000}\",\"ship_by\":\"{pattern.Format(placed.Plus(Duration.FromDays(2)))}\",\"deliver_by\":\"{pattern.Format(placed.Plus(Duration.FromDays(5)))}\",\"amount\":25.5,\"currency\":\"EUR\"}}\n");
            }
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Authorization = key;
            var start = Stopwatch.GetTimestamp();
            string status;
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.IsSuccessStatusCode)
                {
                    using var receipt = JsonDocument.Parse(text);
                    accepted += receipt.RootElement.GetProperty("accepted").GetInt64();
                    duplicate += receipt.RootElement.GetProperty("duplicate").GetInt64();
                }
            }
            catch (HttpRequestException e)
            {
                status = "failed: " + e.HttpRequestError;
            }
            catch (TaskCanceledException)
            {
                status = "timed out";
            }
            latency.RecordValue(Math.Max(1, Stopwatch.GetTimestamp() - start));
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            batches++;
        }
        return new WriterResult(latency, batches, accepted, duplicate, statuses);
    }

    private static Instant LatestEvent(string db)
    {
        using var store = EventStore.Open(db, create: false);
        return store.LatestEventAt() ?? Instant.FromUtc(2026, 1, 1, 0, 0);
    }

    private static void Report(TextWriter output, Settings settings, int sellers, TimeSpan elapsed, long requests, LongHistogram latency,
        IDictionary<string, long> statuses, WriterResult? written, TimeSpan writing, double? cpu)
    {
        var seconds = elapsed.TotalSeconds;
        string Ms(HistogramBase h, double percentile) => (h.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
        string Max(HistogramBase h) => (h.GetMaxValue() * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GET /v1/sellers/{{seller}}/standing?policy={settings.Policy}: {requests:N0} requests in {seconds:0.0} s over {settings.Connections} connections, {sellers:N0} sellers"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  requests/s  {requests / seconds:N0}"));
        output.WriteLine($"  latency ms  p50 {Ms(latency, 50)}  p90 {Ms(latency, 90)}  p99 {Ms(latency, 99)}  p99.9 {Ms(latency, 99.9)}  max {Max(latency)}");
        output.WriteLine($"  statuses    {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value:N0}"))}");
        if (written is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST /v1/events: {written.Batches:N0} batches of {settings.BatchEvents:N0} in {writing.TotalSeconds:0.0} s, {written.Accepted:N0} events accepted ({written.Duplicate:N0} duplicate)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  events/s    {written.Accepted / writing.TotalSeconds:N0}"));
            output.WriteLine($"  batch ms    p50 {Ms(written.Latency, 50)}  p90 {Ms(written.Latency, 90)}  p99 {Ms(written.Latency, 99)}  max {Max(written.Latency)}");
            output.WriteLine($"  statuses    {string.Join(", ", written.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value:N0}"))}");
        }
        if (cpu is { } used)
        {
            // On a shared machine the wall-clock rates depend on what else runs; the server's CPU per request does not, or much less.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server CPU (user + system): {used:0.0} s in {writing.TotalSeconds:0.0} s, {used * 1000 / Math.Max(1, requests):0.00} ms per read (writes included)"));
        }
        if (settings.ServerPid is { } pid)
        {
            output.WriteLine(PeakResident(pid) is { } peak
                ? string.Create(CultureInfo.InvariantCulture, $"server (pid {pid}) peak resident memory: {peak / 1024.0:N0} MB")
                : $"server (pid {pid}): no /proc/{pid}/status to read its peak resident memory from");
        }
    }

    /// <summary>The process's peak resident set in KiB (VmHWM: since it started), or null off Linux or when it is gone.</summary>
    public static long? PeakResident(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return null;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var digits = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            return null;
        }
        return null;
    }

    /// <summary>The process's user + system CPU seconds so far (/proc/PID/stat, in clock ticks of 1/100 s), or null when it cannot be read.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (2nd field) is in parentheses and may hold spaces: count fields after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
