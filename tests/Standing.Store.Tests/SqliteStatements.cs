using Microsoft.Data.Sqlite;

namespace Standing.Store.Tests;

/// <summary>A statement run straight on a SQLite file, outside the store (to drop or break what the store wrote).</summary>
internal static class SqliteStatements
{
    public static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
