using Standing.Data.Store;

namespace Standing.Server.Tests;

/// <summary>Raw SQL on a test's store, on either engine: to leave it as a killed server would.</summary>
internal static class StoreSql
{
    public static void Execute(string target, string sql)
    {
        using System.Data.Common.DbConnection connection = EventStore.IsPostgres(target)
            ? new Npgsql.NpgsqlConnection(target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
