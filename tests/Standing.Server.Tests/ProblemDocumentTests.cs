using System.Text;
using System.Text.Json;

namespace Standing.Server.Tests;

/// <summary>
/// Every error status the OpenAPI document lists is provoked on a real server, and each answer is a
/// problem document with <c>type</c>, <c>title</c>, <c>status</c> (the answer's) and <c>detail</c>:
/// a status added to the document without a way to provoke it here fails this test.
/// </summary>
public sealed class ProblemDocumentTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task Every_error_status_the_contract_lists_answers_a_problem_document_with_type_title_status_and_detail()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { MaxBodyBytes = 4096 });
        await using var hasty = await ServerHarness.Start(_stores.NewTarget(), o => o with { RequestsPerSecond = 1, Burst = 1 });
        using var contract = JsonDocument.Parse(await server.Client(null).GetStringAsync("/openapi/v1.json"));
        var listed = contract.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("responses", out _)))
            .SelectMany(op => op.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(status => status >= 400).ToHashSet();

        var admin = server.Client("admin");
        var provoke = new Dictionary<int, Func<Task<string>>>
        {
            [400] = () => Answer(admin.GetAsync("/v1/cases?limit=0")),
            [401] = () => Answer(server.Client(null).GetAsync("/v1/cases")),
            [403] = () => Answer(server.Client("reviewer").GetAsync("/v1/keys")),
            [404] = () => Answer(admin.GetAsync("/v1/cases/no-such-case")),
            [408] = () => Slow(server),
            [409] = async () =>
            {
                await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
                return await Answer(admin.PostAsync("/v1/runs", ServerHarness.Json("""{"as_of":"2026-03-15","policies":["congocrea"]}""")));
            },
            [413] = () => Answer(server.Client("seller").PostAsync("/v1/disputes", ServerHarness.Json(
                $$"""{"seller":"shop-a","policy":"congocrea","item":"a-o1","reason":"{{new string('x', 8192)}}"}"""))),
            [415] = () => Answer(server.Client("seller").PostAsync("/v1/disputes", new StringContent("{}", Encoding.UTF8, "text/plain"))),
            [422] = () => Answer(server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson("not json\n"))),
            [429] = async () =>
            {
                var client = hasty.Client("reviewer");
                for (var i = 0; i < 50; i++)
                {
                    var answer = await Answer(client.GetAsync("/v1/policies"));
                    if (!answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)) return answer;
                }
                return "no 429 after 50 requests at once";
            },
            [503] = () =>
            {
                // The store fails under the server: its cases table is gone.
                StoreSql.Execute(server.Target, "DROP TABLE enforcement_cases");
                return Answer(admin.GetAsync("/v1/cases"));
            },
        };
        Assert.Empty(listed.Except(provoke.Keys));

        foreach (var status in listed.Order())
        {
            var (got, problem) = RawHttp.LastProblem(await provoke[status]());
            Assert.Equal(status, got);
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.StartsWith("https://", problem.Str("type"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(problem.Str("title")), $"{status}: no title");
            Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")), $"{status}: no detail");
        }
    }

    /// <summary>An answer as the wire has it (status line, Content-Type, body), for <see cref="RawHttp.LastProblem"/>.</summary>
    private static async Task<string> Answer(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        return $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\nContent-Type: {response.Content.Headers.ContentType}\r\n\r\n{body}";
    }

    /// <summary>A body announced and then sent a byte every half second: cut off with 408 after the grace period.</summary>
    private static async Task<string> Slow(ServerHarness server)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        var head = $"POST /v1/disputes HTTP/1.1\r\nHost: {server.Address.Authority}\r\nAuthorization: Bearer {server.KeyText("seller")}\r\n" +
                   "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"reason\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (!answer.ToString().EndsWith('}'))
            {
                await stream.WriteAsync("x"u8.ToArray(), giveUp.Token);
                if (!tcp.Client.Poll(500_000, System.Net.Sockets.SelectMode.SelectRead)) continue;
                var n = await stream.ReadAsync(buffer, giveUp.Token);
                if (n == 0) break;
                answer.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (IOException)
        {
            // the server closed the connection after answering
        }
        return answer.ToString();
    }
}
