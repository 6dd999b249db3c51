using Microsoft.Data.Sqlite;

namespace Standing.Cli.Tests;

/// <summary>
/// Every table of a SQLite store but <c>api_keys</c> (its keys are random on purpose), each row as one line of its
/// columns, the rows in the order of all their columns: two stores with the same rows give the same lines.
/// </summary>
internal static class StoreRows
{
    public static SortedDictionary<string, List<string>> Dump(string path)
    {
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var names = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'api_keys' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            var rows = new List<string>();
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{name}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var columns = new string[reader.FieldCount];
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i] = reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                }
                rows.Add(string.Join('\u001f', columns));
            }
            rows.Sort(StringComparer.Ordinal);
            tables[name] = rows;
        }
        return tables;
    }
}
