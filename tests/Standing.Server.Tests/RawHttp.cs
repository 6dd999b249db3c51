using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Standing.Server.Tests;

/// <summary>
/// Requests written on a socket as bytes, for what no <see cref="HttpClient"/> sends (a <c>%00</c> in the
/// path, a line of 70,000 bytes, two requests on one connection); the answers read until the server closes.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="requests"/> on one connection and returns all the server wrote until it closed.</summary>
    public static async Task<string> Exchange(Uri server, string requests)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests), giveUp.Token);
        var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, giveUp.Token);
        }
        catch (IOException)
        {
            // the server reset the connection after answering: what it wrote is kept
        }
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    public static string Get(Uri server, string target, bool close = true) =>
        $"GET {target} HTTP/1.1\r\nHost: {server.Authority}\r\n{(close ? "Connection: close\r\n" : "")}\r\n";

    /// <summary>The last answer of an exchange: its status, and its body as a problem document (asserted to be one).</summary>
    public static (int Status, JsonElement Problem) LastProblem(string exchange)
    {
        var start = exchange.LastIndexOf("HTTP/1.1 ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no answer: {exchange}");
        var answer = exchange[start..];
        var status = int.Parse(answer.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer[..split], StringComparison.OrdinalIgnoreCase);
        var body = answer[(split + 4)..];
        if (answer[..split].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return (status, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>A chunked body's content: each chunk's size in hex (in bytes), its bytes, until the chunk of size 0.</summary>
    private static string Dechunk(string chunked)
    {
        var bytes = Encoding.UTF8.GetBytes(chunked);
        var content = new MemoryStream();
        var at = 0;
        while (true)
        {
            var end = bytes.AsSpan(at).IndexOf("\r\n"u8) + at;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes, at, end - at), 16);
            if (size == 0) return Encoding.UTF8.GetString(content.ToArray());
            content.Write(bytes, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
