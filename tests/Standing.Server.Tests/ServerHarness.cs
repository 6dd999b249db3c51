using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using System.Text;
using Microsoft.AspNetCore.Builder;
using NodaTime;
using Standing.Core.Events;
using Standing.Data.Keys;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Server.Tests;

/// <summary>
/// A real server (Kestrel on a free loopback port) over a store holding <see cref="Marketplace"/>,
/// with one key per role and the keys a probe needs: a seller key of another seller (shop-b) and
/// keys of another marketplace. Clients are plain <see cref="HttpClient"/>s sending Bearer keys.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    /// <summary>The keys every harness has, by name: the role's name, plus these.</summary>
    public const string OtherSeller = "seller-b", ElsewhereAdmin = "elsewhere-admin", ElsewhereOperator = "elsewhere-operator", ElsewhereIntegration = "elsewhere-integration";

    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _keys;
    private readonly List<HttpClient> _clients = [];
    private bool _disposed;

    private ServerHarness(WebApplication app, Uri address, Dictionary<string, string> keys, string target)
    {
        _app = app;
        Address = address;
        _keys = keys;
        Target = target;
    }

    public Uri Address { get; }

    public string Target { get; }

    public string KeyText(string name) => _keys[name];

    public static async Task<ServerHarness> Start(string target, Func<ServerOptions, ServerOptions>? tweak = null, bool withEvents = true,
        ILoggerProvider? logs = null)
    {
        using (var store = EventStore.Open(target, create: true))
        {
            if (withEvents) store.Append(Parse(Marketplace.Ndjson()));
        }
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var keyStore = KeyStore.Open(target))
        {
            var now = Instant.FromUtc(2026, 1, 1, 0, 0);
            void Add(string name, string role, string? seller = null, string? marketplace = null) =>
                keys[name] = keyStore.Create(name, role, seller, marketplace, now).Text ?? throw new InvalidOperationException(name);
            foreach (var role in KeyRoles.All) Add(role, role, role == KeyRoles.Seller ? "shop-a" : null);
            Add(OtherSeller, KeyRoles.Seller, "shop-b");
            Add(ElsewhereAdmin, KeyRoles.Admin, marketplace: "elsewhere");
            Add(ElsewhereOperator, KeyRoles.Operator, marketplace: "elsewhere");
            Add(ElsewhereIntegration, KeyRoles.Integration, marketplace: "elsewhere");
        }
        return await Listen(target, keys, tweak, logs);
    }

    /// <summary>A new server on the store of <paramref name="stopped"/> (stopped first), with the same keys: a restart.</summary>
    public static async Task<ServerHarness> Again(ServerHarness stopped, Func<ServerOptions, ServerOptions>? tweak = null)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        await stopped.DisposeAsync();
        return await Listen(stopped.Target, stopped._keys, tweak, logs: null);
    }

    private static async Task<ServerHarness> Listen(string target, Dictionary<string, string> keys, Func<ServerOptions, ServerOptions>? tweak, ILoggerProvider? logs)
    {
        var options = new ServerOptions { Db = target, Listen = "http://127.0.0.1:0" };
        var app = StandingServer.Build(tweak is null ? options : tweak(options), logging: l =>
        {
            if (logs is not null) l.AddProvider(logs);
        });
        await app.StartAsync();
        return new ServerHarness(app, new Uri(app.Urls.First()), keys, target);
    }

    public static IReadOnlyList<StandingEvent> Parse(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            NdjsonEventParser.TryParse(line.TrimEnd('\r'), out var ev, out var reason) ? ev : throw new InvalidOperationException(reason)).ToList();

    /// <summary>A client sending the named key (null: no Authorization header).</summary>
    public HttpClient Client(string? keyName)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        if (keyName is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys[keyName]);
        _clients.Add(client);
        return client;
    }

    public static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Stops the server as Ctrl-C or SIGTERM does: no new connection, the requests in flight finished.</summary>
    public Task Stop() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return; // a restart disposed it already
        _disposed = true;
        foreach (var c in _clients) c.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
