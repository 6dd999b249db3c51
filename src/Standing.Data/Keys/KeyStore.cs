using System.Data.Common;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Store;

namespace Standing.Data.Keys;

/// <summary>
/// The API keys in the event store (the <c>api_keys</c> table, SQLite or PostgreSQL, the same SQL on
/// both). A key's text is shown once, when it is created; the store keeps its SHA-256 hash only.
/// </summary>
public sealed class KeyStore : IDisposable
{
    private const string Columns = "id, name, role, seller, marketplace, hash, created_at, revoked_at";
    private readonly DbConnection _connection;

    private KeyStore(string name, DbConnection connection)
    {
        Name = name;
        _connection = connection;
    }

    public string Name { get; }

    /// <summary>Opens the keys of an existing store, checking it is ours and bringing its schema up to date.</summary>
    public static KeyStore Open(string target)
    {
        string name;
        using (var events = EventStore.Open(target, create: false)) name = events.Name;
        return Connect(target, name);
    }

    /// <summary>
    /// Opens the keys of a store already checked by <see cref="Open"/> (or <see cref="EventStore.Open"/>):
    /// what a server does on every request, with pooled connections.
    /// </summary>
    public static KeyStore Connect(string target, string name)
    {
        return new KeyStore(name, PooledStoreConnection.Open(target, name));
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// Adds a key; returns it with its text (to be shown once), or an error naming the flag at fault
    /// (nothing stored then).
    /// </summary>
    public (ApiKey? Key, string? Text, string? Error) Create(string name, string role, string? seller, string? marketplace, Instant now)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, null, "--name must name who holds the key (it is the actor of their decisions)");
        if (KeyRoles.Check(role, seller) is { } error) return (null, null, error);
        if (marketplace is not null && string.IsNullOrWhiteSpace(marketplace)) return (null, null, "--marketplace is empty");
        if (List().Any(k => k.Name == name)) return (null, null, $"--name \"{name}\": a key of that name exists already in {Name} (names are the actors in audit trails, so they stay unique)");
        now = Instant.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var (id, text) = KeySecret.New();
        var key = new ApiKey { Id = id, Name = name, Role = role, Seller = seller, Marketplace = marketplace ?? KeyRoles.DefaultMarketplace, CreatedAt = now };
        Execute(
            $"INSERT INTO api_keys ({Columns}) VALUES (@id, @name, @role, @seller, @marketplace, @hash, @created, NULL)",
            ("id", key.Id), ("name", key.Name), ("role", key.Role), ("seller", key.Seller), ("marketplace", key.Marketplace),
            ("hash", KeySecret.Hash(text)), ("created", EnforcementJson.Instant(now)));
        return (key, text, null);
    }

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    public IReadOnlyList<ApiKey> List() => Read($"SELECT {Columns} FROM api_keys ORDER BY created_at, id").Select(r => r.Key).ToList();

    /// <summary>Revokes the key with this id or name; null when there is none. Revoking twice keeps the first instant.</summary>
    public ApiKey? Revoke(string idOrName, Instant now)
    {
        var key = List().FirstOrDefault(k => k.Id == idOrName) ?? List().FirstOrDefault(k => k.Name == idOrName);
        if (key is null) return null;
        if (key.Revoked) return key;
        now = Instant.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        Execute("UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", ("at", EnforcementJson.Instant(now)), ("id", key.Id));
        return key with { RevokedAt = now };
    }

    /// <summary>The key with this id (revoked or not), or null: how a page session finds its key again on every request.</summary>
    public ApiKey? ById(string id) => Read($"SELECT {Columns} FROM api_keys WHERE id = @id", ("id", id)).FirstOrDefault().Key;

    /// <summary>The key whose text this is (revoked or not), or null when no key has this text.</summary>
    public ApiKey? Find(string text)
    {
        if (KeySecret.IdOf(text) is not { } id) return null;
        var row = Read($"SELECT {Columns} FROM api_keys WHERE id = @id", ("id", id)).FirstOrDefault();
        return row.Key is not null && KeySecret.Matches(text, row.Hash) ? row.Key : null;
    }

    private List<(ApiKey Key, string Hash)> Read(string sql, params (string Name, object? Value)[] parameters)
    {
        try
        {
            using var command = Command(sql, parameters);
            using var r = command.ExecuteReader();
            var keys = new List<(ApiKey, string)>();
            while (r.Read())
            {
                keys.Add((new ApiKey
                {
                    Id = r.GetString(0),
                    Name = r.GetString(1),
                    Role = r.GetString(2),
                    Seller = r.IsDBNull(3) ? null : r.GetString(3),
                    Marketplace = r.GetString(4),
                    CreatedAt = EnforcementJson.ParseInstant(r.GetString(6)),
                    RevokedAt = r.IsDBNull(7) ? null : EnforcementJson.ParseInstant(r.GetString(7)),
                }, r.GetString(5)));
            }
            return keys;
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        try
        {
            using var command = Command(sql, parameters);
            command.ExecuteNonQuery();
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
