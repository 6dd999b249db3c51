using Npgsql;

namespace Standing.Data.Store;

/// <summary>
/// One store per marketplace, so that nothing (sellers, facts, peer pools, cases, notices) can cross
/// from one to another: the default marketplace's store is the one <c>--db</c> names; marketplace M's
/// is a sibling SQLite file <c>standing.M.db</c> next to it, or on PostgreSQL the schema
/// <c>"standing_M"</c> of the same database, selected through the connection's search path. The
/// default store keeps the registry of the marketplaces (<see cref="IEventStore.RegisteredMarketplaces"/>).
/// </summary>
public static class MarketplaceStores
{
    /// <summary>The target (path or connection string) of marketplace <paramref name="marketplace"/>'s store.</summary>
    public static string Target(string target, string marketplace)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (MarketplaceId.IsDefault(marketplace)) return target;
        if (MarketplaceId.Problem(marketplace) is { } problem) throw new EventStoreException(problem);
        if (!EventStore.IsPostgres(target))
        {
            var folder = Path.GetDirectoryName(target);
            var file = Path.GetFileNameWithoutExtension(target) + "." + marketplace + Path.GetExtension(target);
            return string.IsNullOrEmpty(folder) ? file : Path.Combine(folder, file);
        }
        var connectionString = target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target;
        // Host first, so that the result is still recognised as a PostgreSQL target.
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var builder = new NpgsqlConnectionStringBuilder { Host = given.Host };
        foreach (var key in given.Keys.Cast<string>().Where(k => given.ContainsKey(k) && given[k] is not null))
        {
            builder[key] = given[key];
        }
        builder.SearchPath = Schema(marketplace);
        return builder.ConnectionString;
    }

    /// <summary>The PostgreSQL schema of a marketplace, quoted (an id may hold '-').</summary>
    public static string Schema(string marketplace) => $"\"standing_{marketplace}\"";

    /// <summary>
    /// The store a command reads for <c>--marketplace</c> (none: the default one). A marketplace other
    /// than the default must be registered in the default store (its events were ingested); otherwise
    /// raises <see cref="EventStoreException"/> naming the ones there are.
    /// </summary>
    public static string Resolve(string target, string? marketplace)
    {
        if (marketplace is null || MarketplaceId.IsDefault(marketplace)) return target;
        if (MarketplaceId.Problem(marketplace) is { } problem) throw new EventStoreException($"--marketplace: {problem}");
        IReadOnlyList<string> registered;
        string name;
        using (var store = EventStore.Open(target, create: false))
        {
            registered = store.RegisteredMarketplaces();
            name = store.Name;
        }
        if (!registered.Contains(marketplace, StringComparer.Ordinal))
        {
            throw new EventStoreException(
                $"--marketplace {marketplace}: no such marketplace in {name} (it holds {string.Join(", ", All(registered))}); " +
                "a marketplace is added when events with \"marketplace\": \"" + marketplace + "\" are ingested");
        }
        return Target(target, marketplace);
    }

    /// <summary>Every marketplace of a deployment whose registry lists <paramref name="registered"/>: the default one first.</summary>
    public static IReadOnlyList<string> All(IReadOnlyList<string> registered) =>
        [MarketplaceId.Default, .. registered.Where(m => !MarketplaceId.IsDefault(m)).Order(StringComparer.Ordinal)];
}
