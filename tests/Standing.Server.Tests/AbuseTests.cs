using System.Net;
using System.Net.Http.Headers;
using Standing.Data.Store;

namespace Standing.Server.Tests;

/// <summary>
/// Bad input and abuse: each answered with the right status and a problem document (no stack
/// trace), nothing stored, and the server still serving afterwards.
/// </summary>
public sealed class AbuseTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    private static long Stored(ServerHarness server)
    {
        using var store = EventStore.Open(server.Target, create: false);
        return store.Count();
    }

    private static async Task StillServing(ServerHarness server) =>
        Assert.Equal("ok", (await server.Client(null).GetAsync("/healthz").Json()).Str("status"));

    [Fact]
    public async Task A_body_with_no_event_line_is_422_with_each_line_and_stores_nothing()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var before = Stored(server);
        var problem = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson("{\"id\":\n[1,2]\nnot json at all\n")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([1, 2, 3], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(before, Stored(server));
        var empty = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson("\n\n")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("body", empty.Str("field"));
        await StillServing(server);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_announced_or_streamed_and_stores_nothing()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { MaxEventsBytes = 64 * 1024 });
        var before = Stored(server);
        var line = Marketplace.Placed("big-0", "shop-z", "z-o", 1) + "\n";
        var body = string.Concat(Enumerable.Repeat(line, 64 * 1024 / line.Length + 10));
        var announced = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(body)).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65536 bytes", announced.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("smaller batches", announced.Str("detail"), StringComparison.Ordinal);

        // Without Content-Length (chunked): cut off once the limit is read.
        var streamed = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await Task.FromResult(server.Client("integration").SendAsync(request)).Unwrap().Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("smaller batches", chunked.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, Stored(server));
        await StillServing(server);
    }

    [Fact]
    public async Task A_missing_unknown_or_revoked_key_is_401_and_a_wrong_role_403()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var url = $"/v1/sellers/shop-a/standing?policy=congocrea&asOf={Marketplace.AsOf}";
        using (var none = await server.Client(null).GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        }
        var forged = server.Client(null);
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.KeyText("reviewer")[..^4] + "AAAA");
        Assert.Contains("not known", (await forged.GetAsync(url).Problem(HttpStatusCode.Unauthorized)).Str("detail"), StringComparison.Ordinal);

        var keys = await server.Client("admin").GetAsync("/v1/keys").Json();
        var reviewerId = keys.EnumerateArray().Single(k => k.Str("name") == "reviewer").Str("id");
        await server.Client("reviewer").GetAsync(url).Json();
        await server.Client("admin").DeleteAsync($"/v1/keys/{reviewerId}").Json();
        Assert.Contains("revoked", (await server.Client("reviewer").GetAsync(url).Problem(HttpStatusCode.Unauthorized)).Str("detail"), StringComparison.Ordinal);

        var wrongRole = (await server.Client("integration").GetAsync(url).Problem(HttpStatusCode.Forbidden)).Str("detail");
        Assert.Contains("allowed: admin", wrongRole, StringComparison.Ordinal);
        Assert.StartsWith("an integration key may not do this", wrongRole, StringComparison.Ordinal); // not "a integration"
        await StillServing(server);
    }

    [Theory]
    [InlineData("/v1/sellers/..%2F..%2Fetc%2Fpasswd/standing?policy=congocrea", "seller")]
    [InlineData("/v1/sellers/..%5Cwindows/explain?policy=congocrea", "seller")]
    [InlineData("/v1/cases/..%2Fkeys", "id")]
    [InlineData("/v1/sellers/shop-a/standing?policy=..%2F..%2Fetc%2Fpasswd", "policy")]
    [InlineData("/v1/sellers/shop-a/standing?policy=congocrea&asOf=yesterday", "asOf")]
    [InlineData("/v1/sellers/shop-a/standing?policy=congocrea&asOf=2026-13-45", "asOf")]
    // An offset without seconds is not an RFC 3339 instant: refused, not read as some other time.
    [InlineData("/v1/sellers/shop-a/standing?policy=congocrea&asOf=2026-03-01T00:00%2B01:00", "asOf")]
    // An instant that parses but lies near the calendar's end: forecasting from it overflowed (a 500) before.
    [InlineData("/v1/sellers/shop-a/standing?policy=congocrea&asOf=9999-12-31T23:59:59Z", "asOf")]
    [InlineData("/v1/sellers/shop-a/explain?policy=congocrea&asOf=9999-12-31", "asOf")]
    [InlineData("/v1/sellers?policy=congocrea&asOf=0001-01-01T00:00:00Z", "asOf")]
    [InlineData("/v1/cases?limit=0", "limit")]
    [InlineData("/v1/cases?cursor=not-ours", "cursor")]
    [InlineData("/v1/cases?limit=ten", "limit")]
    [InlineData("/v1/cases?overdue=maybe", "overdue")]
    // A state no case or dispute can be in answered an empty list, as if there were none.
    [InlineData("/v1/cases?state=bogus", "state")]
    [InlineData("/v1/disputes?state=acepted", "state")]
    // A kind or policy no case (or run) can have answered an empty list too.
    [InlineData("/v1/cases?kind=bogus", "kind")]
    [InlineData("/v1/cases?policy=bogus", "policy")]
    [InlineData("/v1/runs?policy=bogus", "policy")]
    public async Task A_bad_id_or_parameter_is_400_naming_it(string url, string field)
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var problem = await server.Client("admin").GetAsync(url).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.Str("field"));
        await StillServing(server);
    }

    /// <summary>A filter's problem lists the values it takes; each of those (a machine's kind, a section's, a policy) is still an answer.</summary>
    [Fact]
    public async Task A_filters_problem_lists_its_values_and_each_of_them_is_taken()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var admin = server.Client("admin");
        var kind = (await admin.GetAsync("/v1/cases?kind=warnin").Problem(HttpStatusCode.BadRequest)).Str("detail");
        Assert.Contains("warning", kind, StringComparison.Ordinal); // Congocrea's machine
        Assert.Contains("sla_breach", kind, StringComparison.Ordinal); // Mall's enforcement section
        Assert.Contains("congocrea", (await admin.GetAsync("/v1/runs?policy=congo").Problem(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        foreach (var url in (string[])["/v1/cases?kind=warning", "/v1/cases?kind=sla_breach", "/v1/cases?policy=congocrea", "/v1/runs?policy=congocrea"])
            await admin.GetAsync(url).Json();
    }

    [Fact]
    public async Task An_escaped_unpaired_surrogate_or_deep_nesting_in_a_body_is_a_located_answer_never_a_crash()
    {
        // Issue 16: the escaped half of a surrogate pair aborted the command line's NDJSON reader, and
        // 50,000 nested brackets overflowed the stack; the server reads bodies of both kinds.
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var before = Stored(server);
        var surrogate = await server.Client("operator").PostAsync("/v1/disputes",
            ServerHarness.Json("""{"seller":"shop-a","policy":"congocrea","item":"o1","reason":"bad \ud83d here"}""")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("body", surrogate.Str("field"));
        Assert.StartsWith("the JSON body is not valid at $.reason", surrogate.Str("detail"), StringComparison.Ordinal);
        var deep = await server.Client("operator").PostAsync("/v1/disputes", ServerHarness.Json("{\"reason\":" + new string('[', 50_000))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("body", deep.Str("field"));

        // In a batch of events the line is rejected at its number (1) and the good line after it stored.
        var lines = """{"id":"bad","type":"chat.message","at":"2026-03-02T09:15:00Z","seller":"shop-a","conversation":"m","from":"buyer","text":"bad \ud83d here"}"""
            + "\n" + Marketplace.Placed("surrogate-ok", "shop-z", "z-o", 1) + "\n";
        var batch = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(lines)).Json();
        Assert.Equal(1, batch.GetProperty("accepted").GetInt32());
        var reject = Assert.Single(batch.GetProperty("rejects").EnumerateArray());
        Assert.Equal(1, reject.GetProperty("line").GetInt32());
        Assert.Contains("unpaired surrogate", reject.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(before + 1, Stored(server));
        await StillServing(server);
    }

    [Fact]
    public async Task A_malformed_json_body_is_400_without_the_servers_insides()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var problem = await server.Client("operator").PostAsync("/v1/disputes/d-1/decisions", ServerHarness.Json("{\"decision\": accept")).Problem(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Standing.", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("body", problem.Str("field"));
        Assert.StartsWith("the JSON body is not valid", problem.Str("detail"), StringComparison.Ordinal);
        await StillServing(server);
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_and_other_keys_go_on()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { RequestsPerSecond = 1, Burst = 2 });
        await server.Client("admin").GetAsync("/v1/policies").Json(); // warm: the burst is not spent waiting for the first answer
        var hasty = server.Client("reviewer");
        // Twenty at once: a burst of 2 and 1 more a second cannot let them all through.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => hasty.GetAsync("/v1/policies")));
        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 2, 19);
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, s.ToString()));
            var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        await server.Client("operator").GetAsync("/v1/policies").Json();
    }

    /// <summary>
    /// A client that announces a body and then sends it a byte at a time is cut off once the grace
    /// period has passed below the minimum rate (1 KiB/s after 5 s): it cannot hold a connection and a
    /// request open forever, nothing of its batch is stored, and the server goes on serving.
    /// </summary>
    [Fact]
    public async Task A_slow_client_is_cut_off_and_stores_nothing()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var before = Stored(server);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        var head = $"POST /v1/events HTTP/1.1\r\nHost: {server.Address.Authority}\r\nAuthorization: Bearer {server.KeyText("integration")}\r\n" +
                   "Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cut = false;
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await stream.WriteAsync("{"u8.ToArray());
                await Task.Delay(500);
                if (tcp.Client.Poll(0, System.Net.Sockets.SelectMode.SelectRead))
                {
                    cut = true; // the server answered (408) or closed the connection
                    break;
                }
            }
        }
        catch (IOException)
        {
            cut = true;
        }
        Assert.True(cut, "the slow client was still connected after 30 s");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
        Assert.Equal(before, Stored(server));
        await StillServing(server);
    }

    /// <summary>
    /// docs/api.md: bodies other than a batch of events are at most 1 MiB (here 4 KiB), so a dispute's reason
    /// cannot carry megabytes into the store: over it, 413 with the limit and nothing opened, announced or
    /// streamed; a batch of events keeps its own, larger limit.
    /// </summary>
    [Fact]
    public async Task A_json_body_over_its_limit_is_413_with_the_limit_and_opens_nothing()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { MaxBodyBytes = 4096 });
        var reason = new string('x', 8192);
        var body = $$"""{"seller":"shop-a","policy":"congocrea","metric":"odr","item":"a-o1","reason":"{{reason}}"}""";
        var announced = await server.Client("seller").PostAsync("/v1/disputes", ServerHarness.Json(body)).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body too large", announced.Str("title"));
        Assert.Contains("4096 bytes", announced.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("batches", announced.Str("detail"), StringComparison.Ordinal); // a dispute is not cut in batches: only events are told to

        var streamed = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/disputes") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await Task.FromResult(server.Client("seller").SendAsync(request)).Unwrap().Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4096 bytes", chunked.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("batches", chunked.Str("detail"), StringComparison.Ordinal);
        Assert.Empty((await server.Client("operator").GetAsync("/v1/disputes?seller=shop-a").Json()).EnumerateArray());

        // The same reason's length under the limit is taken; a batch of events over 4 KiB too.
        await server.Client("seller").PostAsync("/v1/disputes", ServerHarness.Json(body.Replace(reason, "the buyer reviewed the wrong order", StringComparison.Ordinal))).Json(HttpStatusCode.Created);
        var lines = string.Concat(Enumerable.Range(0, 60).Select(i => Marketplace.Placed($"limit-{i}", "shop-z", $"z-l{i}", 1) + "\n"));
        Assert.True(lines.Length > 4096);
        Assert.Equal(60, (await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(lines)).Json()).GetProperty("accepted").GetInt32());
        await StillServing(server);
    }

    /// <summary>
    /// A slow client's answer names what went wrong: the body came too slowly (408), not "could not be read
    /// as this endpoint's JSON" as it said before, for a batch of events and for a JSON body alike.
    /// </summary>
    [Theory]
    [InlineData("/v1/events", "application/x-ndjson", "integration")]
    [InlineData("/v1/disputes", "application/json", "seller")]
    public async Task A_slow_clients_answer_says_the_body_came_too_slowly(string path, string type, string keyName)
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Address.Authority}\r\nAuthorization: Bearer {server.KeyText(keyName)}\r\n" +
                   $"Content-Type: {type}\r\nContent-Length: 100000\r\n\r\n";
        // A start that reads as JSON, then a byte of a long string every half second.
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head + "{\"reason\":\""));
        var answer = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (!answer.ToString().Contains("}", StringComparison.Ordinal))
            {
                await stream.WriteAsync("x"u8.ToArray(), giveUp.Token);
                if (!tcp.Client.Poll(500_000, System.Net.Sockets.SelectMode.SelectRead)) continue;
                var n = await stream.ReadAsync(buffer, giveUp.Token);
                if (n == 0) break;
                answer.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (IOException)
        {
            // the server closed the connection after answering
        }
        var text = answer.ToString();
        Assert.StartsWith("HTTP/1.1 408", text, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"request timeout\"", text, StringComparison.Ordinal);
        Assert.Contains("came too slowly", text, StringComparison.Ordinal);
        await StillServing(server);
    }

    /// <summary>
    /// A batch line whose seller no request could name (a path, a control character) is rejected at its line:
    /// stored, it made a seller the API answers 400 for and the staff's list links to a page that is not found.
    /// </summary>
    [Fact]
    public async Task An_event_of_a_seller_no_request_could_name_is_rejected_at_its_line()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var before = Stored(server);
        var lines = Marketplace.Placed("path-1", "../x", "p-o1", 1) + "\n"
                    + Marketplace.Placed("path-2", "shop-z", "p-o2", 2) + "\n"
                    + Marketplace.Placed("path-3", @"a\\b", "p-o3", 3) + "\n";
        var batch = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(lines)).Json();
        Assert.Equal(1, batch.GetProperty("accepted").GetInt32());
        var rejects = batch.GetProperty("rejects").EnumerateArray().ToList();
        Assert.Equal([1, 3], rejects.Select(r => r.GetProperty("line").GetInt32()));
        Assert.All(rejects, r => Assert.Contains("looks like a path", r.Str("reason"), StringComparison.Ordinal));
        Assert.Equal(before + 1, Stored(server));
        var none = await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(Marketplace.Placed("path-4", "..", "p-o4", 4) + "\n"))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("seller", none.GetProperty("errors")[0].Str("reason"), StringComparison.Ordinal);
        Assert.Equal(before + 1, Stored(server));
        await StillServing(server);
    }
}
