using System.Collections.Concurrent;

namespace Standing.Server;

/// <summary>
/// The <see cref="SellerRead"/>s made while the stores they read stayed at one version (<see cref="StoreVersions"/>):
/// the log position, the data's end, the seller's disputes and whether the request's key is live are what the store
/// holds, so a read of the same seller, policy and key at the same version is given again without opening the store.
/// Any commit (an event, a run, a dispute, a key revoked, here or by another process) changes the version, and the
/// reads of the last one are dropped at once. The store-wide parts of those reads (a policy's runs, which sellers have
/// disputes, a key's row) are kept the same way (<see cref="Shared{T}"/>), so a seller's first read at a version runs only
/// the statements of its own row and, when it has any, its disputes.
/// </summary>
public sealed class KeptSellerReads
{
    /// <summary>More reads than one version keeps; past it the rest are read from the store.</summary>
    public const int Limit = 200_000;

    private sealed record Key(string Target, string Policy, string Seller, string? KeyId, string? KeyHash);

    private sealed class Reads((long Target, long Root) version)
    {
        public (long Target, long Root) Version { get; } = version;

        public ConcurrentDictionary<Key, SellerRead> Kept { get; } = new();

        /// <summary>What every seller's read shares at this version (<see cref="Shared{T}"/>): a policy's runs, the disputed sellers, a key's row.</summary>
        public ConcurrentDictionary<object, object> Shared { get; } = new();

        /// <summary>How many are kept: a dictionary's own count takes every lock of its table, paid by each first read.</summary>
        public int Count;
    }

    private Reads _current = new((-1, -1));

    /// <summary>The read kept at <paramref name="version"/>, or <paramref name="read"/>'s, kept when it was made at that version.</summary>
    /// <param name="version">The stores' version read before <paramref name="read"/> ran, so that what it reads is at least as new.</param>
    public SellerRead? Get((long Target, long Root) version, string target, string policy, string seller, (string Id, string Hash)? key, Func<SellerRead?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (At(version) is not { } reads) return read();
        var k = new Key(target, policy, seller, key?.Id, key?.Hash);
        if (reads.Kept.TryGetValue(k, out var kept)) return kept;
        var made = read();
        if (made is not null && Volatile.Read(ref reads.Count) < Limit && reads.Kept.TryAdd(k, made)) Interlocked.Increment(ref reads.Count);
        return made;
    }

    /// <summary>
    /// A store-wide part of a seller's read (<paramref name="key"/> names it, with its store), read once at
    /// <paramref name="version"/> by the first read that needs it and given to every other read at that version:
    /// a read of a seller not read before then runs only its own statements.
    /// </summary>
    /// <param name="version">The stores' version read before <paramref name="read"/> runs, as for <see cref="Get"/>.</param>
    public T Shared<T>((long Target, long Root) version, object key, Func<T> read)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(read);
        if (At(version) is not { } reads) return read();
        if (reads.Shared.TryGetValue(key, out var kept)) return (T)kept;
        var made = read();
        if (Volatile.Read(ref reads.Count) < Limit && reads.Shared.TryAdd(key, made)) Interlocked.Increment(ref reads.Count);
        return made;
    }

    /// <summary>The reads kept at <paramref name="version"/> (begun when it is newer than the last), or null when the request read an older one.</summary>
    private Reads? At((long Target, long Root) version)
    {
        var reads = _current;
        if (reads.Version == version) return reads;
        // A request that read an older version than the one kept reads the store and keeps nothing.
        if (!Newer(version, reads.Version)) return null;
        var seen = Interlocked.CompareExchange(ref _current, new Reads(version), reads);
        reads = seen == reads ? _current : seen;
        return reads.Version == version ? reads : null;
    }

    private static bool Newer((long Target, long Root) a, (long Target, long Root) b) => a.Target >= b.Target && a.Root >= b.Root && a != b;
}
