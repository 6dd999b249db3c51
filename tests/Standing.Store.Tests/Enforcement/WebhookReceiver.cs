using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every POST (idempotency key and body) and answers
/// with the status <see cref="Answer"/> picks — a marketplace's webhook endpoint, for the outbox tests.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hooks/standing/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public string Url { get; }

    /// <summary>The status for the n-th request (1-based); 200 unless told otherwise.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    public ConcurrentQueue<(string? Key, string Body, string? ContentType)> Received { get; } = new();

    /// <summary>The signing headers of each request, in order: Standing-Timestamp, Standing-Signature.</summary>
    public ConcurrentQueue<(string? Timestamp, string? Signature, string Body)> Signed { get; } = new();

    /// <summary>A Retry-After header (seconds) for the n-th request, if any.</summary>
    public Func<int, string?> RetryAfter { get; set; } = _ => null;

    /// <summary>How long the receiver takes before answering: widens the window two deliverers could race in.</summary>
    public TimeSpan Delay { get; set; }

    private int _count;

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((context.Request.Headers["Idempotency-Key"], body, context.Request.ContentType));
            Signed.Enqueue((context.Request.Headers["Standing-Timestamp"], context.Request.Headers["Standing-Signature"], body));
            var n = Interlocked.Increment(ref _count);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            var status = Answer(n);
            context.Response.StatusCode = status;
            if (RetryAfter(n) is { } wait) context.Response.Headers["Retry-After"] = wait;
            if (status is >= 400 and < 500)
            {
                var answer = System.Text.Encoding.UTF8.GetBytes("{\"error\":\"unknown seller\"}");
                await context.Response.OutputStream.WriteAsync(answer);
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
