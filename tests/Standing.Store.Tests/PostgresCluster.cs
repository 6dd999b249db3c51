using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Standing.Store.Tests;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests: initdb in a temp folder, pg_ctl start on a free port
/// of 127.0.0.1, stopped and removed in <see cref="Dispose"/>. initdb refuses to run as root, so as root
/// (CI) the cluster runs as the <c>postgres</c> system user via runuser. Missing binaries are a test
/// failure with a clear message, never a skip.
/// </summary>
public class PostgresCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private readonly bool _asPostgres;
    private int _databases;

    public PostgresCluster()
        : this(durable: false)
    {
    }

    /// <summary>
    /// <paramref name="durable"/>: commits wait for their WAL to be written (<c>synchronous_commit=on</c>), so a
    /// server killed with <c>pg_ctl stop -m immediate</c> loses nothing it acknowledged (fsync stays off: the
    /// machine does not lose power here, only the server process dies).
    /// </summary>
    protected PostgresCluster(bool durable)
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: the PostgreSQL store tests need them. " +
            "Install PostgreSQL (apt-get install postgresql) or set STANDING_PG_BIN to the folder holding initdb.");
        _asPostgres = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory("standing-pg-").FullName;
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_data);
        if (_asPostgres)
        {
            Run("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        }
        Port = FreePort();
        _durable = durable;
        Run(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
        Start();
    }

    private readonly bool _durable;

    /// <summary>Starts the server (again, after <see cref="Crash"/>: it recovers from its WAL first).</summary>
    public void Start() =>
        Run(Path.Combine(_bin, "pg_ctl"), [
            "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit={(_durable ? "on" : "off")} -c full_page_writes=off",
            "start",
        ]);

    /// <summary>Kills the server as a crash would (<c>pg_ctl stop -m immediate</c>: no checkpoint, clients cut off).</summary>
    public void Crash() => Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"]);

    public int Port { get; }

    /// <summary>A new, empty database; its Npgsql connection string.</summary>
    public string NewDatabase()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=30";

    /// <summary>The same database as a <c>postgres://</c> URL.</summary>
    public string Url(string connectionString) =>
        $"postgres://postgres@127.0.0.1:{Port}/{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}";

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? FindBin()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("STANDING_PG_BIN") is { Length: > 0 } env) candidates.Add(env);
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string program, string[] args, bool? asPostgres = null)
    {
        var start = new ProcessStartInfo(asPostgres ?? _asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        if (asPostgres ?? _asPostgres)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in 2 minutes");
        }
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}" +
                (File.Exists(log) ? "\nserver log:\n" + File.ReadAllText(log) : ""));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgresql";
}
