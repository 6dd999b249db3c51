using System.Collections.Concurrent;
using Standing.Data.Keys;

namespace Standing.Server.Access;

/// <summary>
/// The keys this process has verified against the store, by the SHA-256 of their text (what the store keeps):
/// a route that confirms its key on its own store connection (<see cref="KeyConfirmedByRead"/>) takes the key
/// from here instead of opening the keys for it. Never trusted alone: the route reads the key's row again
/// (still there, same hash, not revoked) on the connection it reads the store with, so a key revoked by this
/// server or by another process is refused on its next request.
/// </summary>
public sealed class KnownKeys
{
    /// <summary>More keys than a deployment has; past it nothing more is kept (a later key is verified as before).</summary>
    private const int Limit = 10_000;

    private readonly ConcurrentDictionary<string, ApiKey> _byHash = new(StringComparer.Ordinal);

    public bool TryGet(string hash, out ApiKey key) => _byHash.TryGetValue(hash, out key!);

    public void Remember(string hash, ApiKey key)
    {
        if (key.RevokedAt is null && _byHash.Count < Limit) _byHash[hash] = key;
    }

    public void Forget(string hash) => _byHash.TryRemove(hash, out _);
}

/// <summary>An endpoint that confirms a remembered key itself, on its own read of the store (<see cref="KeyConfirmation"/>).</summary>
public sealed record KeyConfirmedByRead;
