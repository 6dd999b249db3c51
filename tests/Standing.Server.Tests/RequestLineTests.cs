using System.Net;

namespace Standing.Server.Tests;

/// <summary>
/// What Kestrel would refuse on its own with an empty body (a <c>%00</c> in the path, a control character,
/// a request target too long) is answered over a real socket with a problem document, and the server goes on.
/// </summary>
public sealed class RequestLineTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    public void Dispose() => _stores.Dispose();

    private static void AssertProblem(string exchange, int status, string inDetail)
    {
        var (got, problem) = RawHttp.LastProblem(exchange);
        Assert.Equal(status, got);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.Str("type")));
        Assert.False(string.IsNullOrEmpty(problem.Str("title")));
        Assert.Contains(inDetail, problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_in_the_path_or_a_control_character_is_400_with_a_problem_document()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        AssertProblem(await RawHttp.Exchange(server.Address, RawHttp.Get(server.Address, "/v1/sellers/a%00b/standing")), 400, "%00");
        AssertProblem(await RawHttp.Exchange(server.Address, RawHttp.Get(server.Address, "/v1/cases/a\u0001b")), 400, "control character");
        // In a query a %00 reaches the endpoint, which names the parameter.
        var query = await server.Client("admin").GetAsync("/v1/cases?seller=a%00b").Problem(HttpStatusCode.BadRequest);
        Assert.Equal("seller", query.Str("field"));
        Assert.Equal("ok", (await server.Client(null).GetAsync("/healthz").Json()).Str("status"));
    }

    [Theory]
    [InlineData(9_000)] // over the server's 8 KiB, under Kestrel's line limit
    [InlineData(70_000)] // over Kestrel's line limit too
    public async Task A_target_over_8_KiB_is_414_with_a_problem_document(int length)
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var target = "/v1/cases?search=" + new string('a', length);
        AssertProblem(await RawHttp.Exchange(server.Address, RawHttp.Get(server.Address, target)), 414, "8192");
        Assert.Equal("ok", (await server.Client(null).GetAsync("/healthz").Json()).Str("status"));
    }

    [Fact]
    public async Task A_long_target_after_a_good_request_on_the_same_connection_is_414_with_a_problem_document_too()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        var exchange = await RawHttp.Exchange(server.Address,
            RawHttp.Get(server.Address, "/healthz", close: false) + RawHttp.Get(server.Address, "/v1/cases?search=" + new string('a', 9_000)));
        Assert.StartsWith("HTTP/1.1 200", exchange, StringComparison.Ordinal);
        AssertProblem(exchange, 414, "8192");
    }

    [Fact]
    public async Task A_good_request_line_reaches_the_app_whole_whether_it_came_at_once_or_in_pieces()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        foreach (var piece in new[] { "GET /hea", "lthz HTTP/1.1\r", "\nHost: x\r\nConnection: close\r\n\r\n" })
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(piece));
            await stream.FlushAsync();
            await Task.Delay(100);
        }
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"ok\"", answer, StringComparison.Ordinal);
    }

    /// <summary>A first line begun and never finished holds no connection: it is closed, as Kestrel closes slow headers.</summary>
    [Fact]
    public async Task A_first_line_that_stalls_is_closed_and_the_server_goes_on()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET /heal"u8.ToArray());
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var read = 0;
        try
        {
            read = await stream.ReadAsync(new byte[256], giveUp.Token);
        }
        catch (IOException)
        {
            // reset: closed all the same
        }
        Assert.Equal(0, read);
        Assert.Equal("ok", (await server.Client(null).GetAsync("/healthz").Json()).Str("status"));
    }
}
