using Standing.Store.Tests;

namespace Standing.Server.Tests;

/// <summary>Where a test's store lives: a SQLite file in a temp folder, or a new database of the throw-away PostgreSQL cluster.</summary>
public interface IStoreTarget
{
    string NewTarget();
}

public sealed class SqliteTarget : IStoreTarget, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("standing-server-").FullName;
    private int _n;

    public string NewTarget() => Path.Combine(_folder, $"store{Interlocked.Increment(ref _n)}.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class PostgresTarget(PostgresCluster cluster) : IStoreTarget
{
    public string NewTarget() => cluster.NewDatabase();
}
