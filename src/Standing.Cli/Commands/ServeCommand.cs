using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Standing.Cli.Input;
using Standing.Data.Store;
using Standing.Server;

namespace Standing.Cli.Commands;

/// <summary><c>standing serve</c>: the HTTP API over a store, until stopped (Ctrl-C or SIGTERM finish the requests in flight).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db(required: true);
        var listen = new Option<string>("--listen") { Description = $"the URL to listen on (default {ServerOptions.DefaultListen})", DefaultValueFactory = _ => ServerOptions.DefaultListen };
        var rate = new Option<int>("--rate-limit")
        {
            Description = "requests per second each key may make on average (bursts of twice as many); a load test on this machine raises it",
            DefaultValueFactory = _ => new ServerOptions { Db = "" }.RequestsPerSecond,
        };
        var command = new Command("serve", "Serve the HTTP API (keys: standing keys create; reference: /scalar, contract: /openapi/v1.json)") { db, listen, rate };
        command.SetAction(async (parse, cancel) =>
        {
            var url = parse.GetValue(listen)!;
            if (!Uri.TryCreate(url.Split(';')[0], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Consoles.Error.WriteLine($"--listen \"{url}\" is not an http:// URL (e.g. {ServerOptions.DefaultListen})");
                return ExitCodes.Error;
            }
            if (parse.GetValue(rate) is < 1 or > 1_000_000)
            {
                Consoles.Error.WriteLine($"--rate-limit must be from 1 to 1000000 requests a second (got {parse.GetValue(rate)})");
                return ExitCodes.Error;
            }
            return await Host(parse.GetValue(db)!, url, cancel, parse.GetValue(rate));
        });
        return command;
    }

    /// <summary>Serves the store until Ctrl-C or SIGTERM (requests in flight are finished); <c>demo --serve</c> ends with it too.</summary>
    public static async Task<int> Host(string db, string url, CancellationToken cancel, int? requestsPerSecond = null)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            var options = new ServerOptions { Db = db, Listen = url };
            if (requestsPerSecond is { } limit) options = options with { RequestsPerSecond = limit, Burst = 2 * limit };
            app = StandingServer.Build(options);
        }
        catch (EventStoreException e)
        {
            Consoles.Error.WriteLine(e.Message);
            return ExitCodes.Error;
        }
        try
        {
            await app.StartAsync(cancel);
        }
        catch (IOException e)
        {
            Consoles.Error.WriteLine($"--listen {url}: cannot listen: {e.Message}");
            return ExitCodes.Error;
        }
        await Console.Error.WriteLineAsync($"standing serve: listening on {string.Join(", ", app.Urls)} (store {db})");
        await app.WaitForShutdownAsync(CancellationToken.None);
        await app.DisposeAsync();
        return ExitCodes.Ok;
    }
}
