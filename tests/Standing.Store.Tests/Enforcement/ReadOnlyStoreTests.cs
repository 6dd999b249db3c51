using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Standing.Data.Enforcement;
using Standing.Data.Store;
using Standing.Enforcement.Cases;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// A store that can be read but not written: commands that write say so (naming the store) with exit
/// code 1, and outbox deliver sends nothing whose delivery it could not then record.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadOnlyStoreTests(PostgresCluster cluster) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A store holding one warning notice for shop-a.</summary>
    private static void WithNotice(string target)
    {
        using (EventStore.Open(target, create: true))
        {
        }
        using var store = EnforcementStore.Open(target);
        var at = Instant.FromUtc(2026, 5, 1, 0, 0);
        var book = new CaseBook("shop-a", "congocrea", []);
        var opened = book.Open(new EnforcementCase
        {
            Id = book.NewId(CaseKinds.Warning, at, DateTimeZone.Utc),
            Seller = "shop-a",
            Policy = "congocrea",
            Kind = CaseKinds.Warning,
            State = CaseStates.Issued,
            OpenedAt = at,
            UpdatedAt = at,
        }, Actor.Rule("congocrea", "warning"), "test", []);
        book.Notify(opened, CaseKinds.Warning, "seller", "Customer service warning", ["line one"]);
        store.Save([book]);
        Assert.Single(store.Notices());
    }

    [Fact]
    public void Outbox_deliver_to_a_read_only_postgres_store_writes_no_notice_file()
    {
        var target = cluster.NewDatabase();
        WithNotice(target);
        var database = new NpgsqlConnectionStringBuilder(target).Database;
        using (var admin = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            admin.Open();
            using var command = new NpgsqlCommand($"ALTER DATABASE {database} SET default_transaction_read_only = on", admin);
            command.ExecuteNonQuery();
        }
        var folder = _temp.File("notices");

        var run = StandingProcess.Run("outbox", "deliver", "--db", target, "--folder", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("read-only", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }

    [Fact]
    public void A_write_refused_by_a_read_only_sqlite_store_is_described_as_read_only()
    {
        var path = _temp.File("ro.db");
        WithNotice(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM enforcement_deliveries WHERE attempts < 0";
        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        var message = StoreFailure.Describe(path, error);

        Assert.StartsWith($"{path}: the store can only be read here (its file, folder or disk is read-only), and this command writes to it; nothing was changed", message);
        Assert.Contains("nothing was changed", message);
    }
}
