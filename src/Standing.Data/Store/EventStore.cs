using System.Text.RegularExpressions;
using Npgsql;

namespace Standing.Data.Store;

/// <summary>
/// Opens the store a <c>--db TARGET</c> names: a PostgreSQL URL (<c>postgres://user:pass@host:port/db</c>)
/// or connection string (<c>Host=…;Database=…</c>), otherwise a SQLite file path.
/// </summary>
public static partial class EventStore
{
    /// <summary>The default SQLite file when no target is given.</summary>
    public const string DefaultPath = "standing.db";

    public static bool IsPostgres(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || KeywordStyle().IsMatch(target);

    /// <summary>
    /// Opens the store; <paramref name="create"/> creates it (file and schema) when missing, otherwise
    /// a missing store is an error. Raises <see cref="EventStoreException"/> with a message for the user.
    /// </summary>
    public static IEventStore Open(string target, bool create)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new EventStoreException("--db is empty: name a SQLite file (e.g. standing.db) or a PostgreSQL URL (postgres://user:password@host:port/database)");
        }
        if (!IsPostgres(target))
        {
            return SqliteEventStore.Open(target, create);
        }
        var connectionString = target.Contains("://", StringComparison.Ordinal) ? FromUrl(target) : target;
        return PostgresEventStore.Open(connectionString, Describe(connectionString, target), create);
    }

    /// <summary>
    /// Opens a store this process has already opened with <see cref="Open"/> (checked, schema up to date):
    /// a SQLite store on a pooled connection without checking it again; PostgreSQL as <see cref="Open"/> does.
    /// </summary>
    public static IEventStore Connect(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return IsPostgres(target) ? Open(target, create: false) : SqliteEventStore.Connect(target);
    }

    /// <summary>Turns <c>postgres://user:password@host:port/database?key=value</c> into an Npgsql connection string.</summary>
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new EventStoreException($"{Redact(url)}: not a valid PostgreSQL URL (postgres://user:password@host:port/database)");
        }
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
            }
            catch (ArgumentException e)
            {
                throw new EventStoreException($"{Redact(url)}: unknown connection option \"{key}\": {e.Message}", e);
            }
        }
        return builder.ConnectionString;
    }

    /// <summary>How a message names the store <paramref name="target"/> (a PostgreSQL target without its password).</summary>
    public static string Label(string target)
    {
        if (!IsPostgres(target)) return target;
        try
        {
            return Describe(target.Contains("://", StringComparison.Ordinal) ? FromUrl(target) : target, target);
        }
        catch (EventStoreException)
        {
            return Redact(target);
        }
    }

    private static string Describe(string connectionString, string target)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            // A marketplace's store is a schema of the database (MarketplaceStores): its name tells them apart.
            var schema = string.IsNullOrEmpty(b.SearchPath) ? "" : $" schema {b.SearchPath}";
            return $"postgresql {b.Host}:{b.Port}/{b.Database ?? b.Username}{schema}";
        }
        catch (ArgumentException)
        {
            return Redact(target);
        }
    }

    private static string Redact(string target) => PasswordPart().Replace(target, "$1***$2");

    [GeneratedRegex(@"^\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordStyle();

    [GeneratedRegex(@"(://[^:/@]*:)[^@]*(@)")]
    private static partial Regex PasswordPart();
}
