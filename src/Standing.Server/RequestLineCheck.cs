using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Standing.Server;

/// <summary>
/// Kestrel answers a request line it cannot parse (a <c>%00</c> in the path, a control character, a line
/// over its limit) itself, before the app, with an empty body. This connection middleware reads the first
/// request line of each connection before Kestrel does and answers those with a problem document instead
/// (then closes the connection, as Kestrel would); a good line is left unread for Kestrel. A later request
/// on a kept-alive connection is Kestrel's again (docs/api.md says which answers have no body).
/// </summary>
public sealed partial class RequestLineCheck(ConnectionDelegate next, TimeSpan idle, TimeSpan lineTime, ILogger logger)
{
    public async Task OnConnection(ConnectionContext connection)
    {
        var (closed, refusal) = await Inspect(connection);
        if (closed) return;
        if (refusal is null)
        {
            await next(connection);
            return;
        }
        var (status, title, detail) = refusal.Value;
        Refused(logger, connection.RemoteEndPoint?.ToString() ?? "", status, detail);
        await connection.Transport.Output.WriteAsync(Response(status, title, detail), connection.ConnectionClosed);
        await connection.Transport.Output.CompleteAsync();
    }

    /// <summary>The first line's problem, or null when Kestrel should read it; closed when no line came in time.</summary>
    private async Task<(bool Closed, (int Status, string Title, string Detail)? Refusal)> Inspect(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        // A server stopping asks its connections to close: one still waiting for its first line goes at once.
        var stopping = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, stopping);
        wait.CancelAfter(idle); // a connection that sends nothing is closed as Kestrel closes an idle one…
        var started = false;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await input.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                connection.Abort(new ConnectionAbortedException("no request line came"));
                return (true, null);
            }
            var buffer = read.Buffer;
            if (!started && buffer.Length > 0)
            {
                started = true;
                wait.CancelAfter(lineTime); // …and one whose line stalls as Kestrel times out slow headers
            }
            var end = buffer.PositionOf((byte)'\n');
            // A control byte already read (a TLS hello on this plain port, say) is answered without waiting for a line end.
            if (end is null && buffer.Length <= RequestTargets.KestrelLineBytes && !read.IsCompleted && !HasControl(buffer.ToArray().AsSpan()))
            {
                input.AdvanceTo(buffer.Start, buffer.End); // examined: wait for more
                continue;
            }
            var refusal = end is { } at ? Judge(buffer.Slice(0, at))
                : buffer.Length > RequestTargets.KestrelLineBytes ? TooLong(buffer.Length) : null;
            input.AdvanceTo(buffer.Start); // nothing consumed: Kestrel reads the same bytes
            return (false, refusal);
        }
    }

    private static (int, string, string)? Judge(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray().AsSpan();
        if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
        if (HasControl(bytes)) return (StatusCodes.Status400BadRequest, "invalid request line", RequestTargets.ControlDetail);
        var first = bytes.IndexOf((byte)' ');
        var last = bytes.LastIndexOf((byte)' ');
        if (first < 0 || last <= first) return null; // Kestrel's to answer
        var target = bytes[(first + 1)..last];
        if (target.Length > RequestTargets.MaxBytes) return TooLong(target.Length);
        var query = target.IndexOf((byte)'?');
        var path = query < 0 ? target : target[..query];
        return path.IndexOf("%00"u8) >= 0 ? (StatusCodes.Status400BadRequest, "invalid parameter", RequestTargets.NulDetail) : null;
    }

    /// <summary>A byte Kestrel refuses in a request line (a carriage return only as the line's last).</summary>
    private static bool HasControl(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
        foreach (var b in bytes)
        {
            if (b is < 0x20 or 0x7F) return true;
        }
        return false;
    }

    private static (int, string, string) TooLong(long length) =>
        (StatusCodes.Status414UriTooLong, "request target too long", RequestTargets.TooLongDetail(length));

    /// <summary>A whole HTTP/1.1 answer: the problem document, and the connection closed after it.</summary>
    private static byte[] Response(int status, string title, string detail)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", ProblemTypes.Of(status));
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteEndObject();
        }
        var reason = ReasonPhrases.GetReasonPhrase(status);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/problem+json\r\nContent-Length: {body.WrittenCount}\r\nConnection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body.WrittenSpan];
    }

    [LoggerMessage(EventId = 2, EventName = "RequestLineRefused", Level = LogLevel.Warning, Message = "request line from {Remote} refused with {Status}: {Detail}")]
    private static partial void Refused(ILogger logger, string remote, int status, string detail);
}
