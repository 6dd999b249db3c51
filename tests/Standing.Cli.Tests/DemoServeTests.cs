using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing demo --serve</c>, the quick start's first command: it ends with the demo's store served, so a
/// person can open the pages at once with the keys it printed.
/// </summary>
public sealed partial class DemoServeTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_demo_ends_serving_its_store_and_its_admin_key_signs_in_to_the_pages()
    {
        var listen = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "standing.dll"), "demo", "--sellers", "10", "--days", "60", "--out", Path.Combine(_dir.Path, "demo"), "--serve", "--listen", listen })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var stdout = new System.Text.StringBuilder();
            var pagesLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) { pagesLine.TrySetException(new InvalidOperationException("the demo ended without serving:\n" + stdout)); return; }
                lock (stdout) stdout.AppendLine(e.Data);
                if (e.Data.Contains("pages: ", StringComparison.Ordinal)) pagesLine.TrySetResult(e.Data);
            };
            process.BeginOutputReadLine();
            var line = await pagesLine.Task.WaitAsync(TimeSpan.FromMinutes(10));
            Assert.Contains($"pages: {listen}/sign-in", line, StringComparison.Ordinal);
            string text;
            lock (stdout) text = stdout.ToString();
            Assert.Contains($"Serving the store at {listen}", text, StringComparison.Ordinal);
            var admin = AdminKey().Match(text).Groups[1].Value;
            Assert.StartsWith("stk_", admin, StringComparison.Ordinal);

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(listen) };
            HttpResponseMessage? signIn = null;
            for (var i = 0; i < 600 && signIn is null; i++)
            {
                try { signIn = await http.GetAsync(new Uri("/sign-in", UriKind.Relative)); }
                catch (HttpRequestException) { await Task.Delay(100); } // still starting
            }
            Assert.NotNull(signIn);
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var form = await signIn.Content.ReadAsStringAsync();
            var token = AntiforgeryToken().Match(form).Groups[1].Value;
            Assert.NotEmpty(token);
            var cookies = signIn.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";
            using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = admin, ["__RequestVerificationToken"] = token }),
            };
            post.Headers.Add("Cookie", cookies);
            var signedIn = await http.SendAsync(post);
            // Signed in: sent on to a page, with a session cookie.
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.True(signedIn.Headers.Contains("Set-Cookie"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"admin key: (\S+)")]
    private static partial Regex AdminKey();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
