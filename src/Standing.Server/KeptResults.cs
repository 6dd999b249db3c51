using Microsoft.Extensions.Caching.Memory;
using Standing.Core.Policies;
using Standing.Enforcement.Disputes;

namespace Standing.Server;

/// <summary>
/// Results computed from a store for the pages and the API (a seller's evaluation, its daily trend, every
/// seller's evaluation), each kept with what it was computed from: the store's log position, the policy (the
/// same parsed instance) and the disputes that apply to it. A result is given again only while all three are
/// the same, so a new event, a new dispute or a decided one makes the next read compute it again; what is
/// shown never differs from what computing it afresh would show.
/// </summary>
/// <remarks>
/// Bounded: an entry's size is the number of sellers' evaluations it holds (one for a seller's evaluation
/// or trend, the store's sellers for every seller's), and the least used entries are dropped past
/// <see cref="Limit"/>. The values are never changed once kept: callers read them, and may be many at once.
/// </remarks>
#pragma warning disable CA1001 // kept for the life of the server's process, like the store access that holds it; no timer or handle to release
public sealed class KeptResults
#pragma warning restore CA1001
{
    /// <summary>At most this many sellers' evaluations are kept (about 2 kB each without their items).</summary>
    public const int Limit = 300_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Limit });

    /// <summary>What a result was computed from.</summary>
    public sealed record Stamp(long Position, Policy Policy, IReadOnlyList<Dispute> Disputes)
    {
        public bool Equals(Stamp? other) =>
            other is not null && other.Position == Position && ReferenceEquals(other.Policy, Policy) && other.Disputes.SequenceEqual(Disputes);

        public override int GetHashCode() => HashCode.Combine(Position, Policy.Id, Disputes.Count);
    }

    private sealed record Entry(Stamp Stamp, object Value);

    /// <summary>
    /// The result kept under <paramref name="key"/> when it was computed from <paramref name="stamp"/>; else
    /// <paramref name="compute"/>'s, kept when the log position is still the stamp's after it ran (read by
    /// <paramref name="positionNow"/>: an append while it ran may or may not be in it).
    /// </summary>
    public T Get<T>(object key, Stamp stamp, Func<T> compute, Func<long> positionNow, Func<T, int> size)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(positionNow);
        ArgumentNullException.ThrowIfNull(size);
        if (_kept.TryGetValue(key, out Entry? entry) && entry is not null && entry.Stamp.Equals(stamp)) return (T)entry.Value;
        var value = compute();
        if (positionNow() == stamp.Position)
        {
            _kept.Set(key, new Entry(stamp, value), new MemoryCacheEntryOptions { Size = Math.Clamp(size(value), 1, Limit) });
        }
        return value;
    }
}
