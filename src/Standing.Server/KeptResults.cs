using Microsoft.Extensions.Caching.Memory;
using Standing.Core.Policies;
using Standing.Enforcement.Disputes;

namespace Standing.Server;

/// <summary>
/// Results computed from a store for the pages and the API (a seller's evaluation, its daily trend, every
/// seller's evaluation), each kept with what it was computed from: a version of the data it reads (the store's
/// log position, or for one seller under a standard that does not compare sellers, the position of the last
/// batch that added events of that seller), the policy (the same parsed instance) and the disputes that apply
/// to it. <c>Get</c> gives a result again only while all three are the same, so an event of the seller
/// (or any event, for a result of every seller), a new dispute or a decided one makes the next read compute it
/// again; what it gives never differs from what computing it afresh would give.
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
    /// <summary>
    /// At most this many sellers' evaluations are kept. Without their items one takes 0.6–6.8 kB by standard (measured
    /// at 10,000 sellers: Tmall's fewest metrics to Kuaishou's most; 3.1 kB on average over the built-in standards), so
    /// this is about 0.5 GB, 1 GB at most: at 100,000 sellers one standard's list of every seller besides the rest.
    /// </summary>
    public const int Limit = 150_000;

    /// <summary>
    /// A result of at most this many sellers is always awaited when it is not current (<see cref="GetOrLast{T}(object, Stamp, Func{T?, T}, Func{long}, Func{T, int}, TimeSpan)"/>):
    /// it takes well under a second, and a page that shows it then always shows the current one.
    /// </summary>
    public const int AlwaysAwaited = 2_000;

    private readonly MemoryCache _kept;

    /// <summary>The bound: <see cref="Limit"/>, or less for a test of what is dropped when room is made.</summary>
    private readonly int _limit;

    public KeptResults(int limit = Limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
        _kept = new(new MemoryCacheOptions { SizeLimit = limit, TrackStatistics = true });
    }

    /// <summary>
    /// A result that holds far fewer evaluations than the sellers it is of (an overview's counts, histograms and worst
    /// sellers): kept at the size of what it holds, and dropped after the large ones when room is made.
    /// </summary>
    public interface ISummary
    {
        /// <summary>How many sellers' evaluations the result holds.</summary>
        int Held { get; }
    }

    /// <summary>The computations running for <see cref="GetOrLast{T}(object, Stamp, Func{T?, T}, Func{long}, Func{T, int}, TimeSpan)"/>, one per key at a time.</summary>
    private readonly Dictionary<object, (Task Task, Stamp Of)> _running = new();

    /// <summary>What a result was computed from; <see cref="Version"/> only grows as the data it reads changes.</summary>
    public sealed record Stamp(long Version, Policy Policy, IReadOnlyList<Dispute> Disputes)
    {
        public bool Equals(Stamp? other) =>
            other is not null && other.Version == Version && ReferenceEquals(other.Policy, Policy) && other.Disputes.SequenceEqual(Disputes);

        public override int GetHashCode() => HashCode.Combine(Version, Policy.Id, Disputes.Count);
    }

    /// <summary>
    /// A result as a page shows it, with the version it was computed at; <see cref="Current"/> false when it
    /// is an earlier one, shown while the current one is computed.
    /// </summary>
    public sealed record Shown<T>(T Value, long Version, bool Current);

    /// <param name="Exact">Whether the version was the same after the computation: only then may it be given as current.</param>
    private sealed record Entry(Stamp Stamp, object Value, int Sellers, bool Exact);

    /// <summary>
    /// The result kept under <paramref name="key"/> when it was computed from <paramref name="stamp"/>; else
    /// <paramref name="compute"/>'s, kept when the version is still the stamp's after it ran (read by
    /// <paramref name="versionNow"/>: an append while it ran may or may not be in it).
    /// </summary>
    public T Get<T>(object key, Stamp stamp, Func<T> compute, Func<long> versionNow, Func<T, int> size)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return Get<T>(key, stamp, _ => compute(), versionNow, size);
    }

    /// <summary>
    /// <see cref="Get{T}(object, Stamp, Func{T}, Func{long}, Func{T, int})"/> for a result that can be advanced from
    /// an earlier one: <paramref name="advance"/> is given the last result kept under <paramref name="key"/> of
    /// the same policy instance (any version or disputes; null when there is none) and must give what computing
    /// it afresh would.
    /// </summary>
    public T Get<T>(object key, Stamp stamp, Func<T?, T> advance, Func<long> versionNow, Func<T, int> size)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(advance);
        ArgumentNullException.ThrowIfNull(versionNow);
        ArgumentNullException.ThrowIfNull(size);
        if (Current(key, stamp) is { } kept) return (T)kept.Value;
        var value = advance(Last<T>(key, stamp));
        Keep(key, stamp, value, versionNow, size);
        return value;
    }

    /// <summary>The last result kept under <paramref name="key"/> of <paramref name="stamp"/>'s policy instance, if any.</summary>
    private T? Last<T>(object key, Stamp stamp)
        where T : class =>
        _kept.TryGetValue(key, out Entry? entry) && entry is not null && ReferenceEquals(entry.Stamp.Policy, stamp.Policy) ? entry.Value as T : null;

    /// <summary>
    /// For a page that may show an earlier result while the current one is computed: the current result when it
    /// is kept or computed within <paramref name="wait"/>; else the last one kept under <paramref name="key"/>
    /// (not current), while the computation goes on in the background and keeps its result for the next read.
    /// A result of at most <see cref="AlwaysAwaited"/> sellers, or the first one (nothing to show), is awaited
    /// without bound. One computation per key at a time: a read during one waits for it, not for another.
    /// </summary>
    public Shown<T> GetOrLast<T>(object key, Stamp stamp, Func<T> compute, Func<long> versionNow, Func<T, int> size, TimeSpan wait)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return GetOrLast<T>(key, stamp, _ => compute(), versionNow, size, wait);
    }

    /// <summary><see cref="GetOrLast{T}(object, Stamp, Func{T}, Func{long}, Func{T, int}, TimeSpan)"/> for a result advanced from the last one (as <see cref="Get{T}(object, Stamp, Func{T?, T}, Func{long}, Func{T, int})"/>).</summary>
    public Shown<T> GetOrLast<T>(object key, Stamp stamp, Func<T?, T> advance, Func<long> versionNow, Func<T, int> size, TimeSpan wait)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var until = wait == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + wait;
        while (true)
        {
            if (Current(key, stamp) is { } kept) return new Shown<T>((T)kept.Value, kept.Stamp.Version, true);
            var last = _kept.TryGetValue(key, out Entry? seen) ? seen : null;
            var (running, of) = Running(key, stamp, advance, versionNow, size);
            var left = until - DateTime.UtcNow;
            if (last is null || last.Sellers <= AlwaysAwaited || wait == Timeout.InfiniteTimeSpan) running.GetAwaiter().GetResult(); // a failure is this read's, as with Get
            else if (left <= TimeSpan.Zero || !running.ContinueWith(_ => { }, TaskScheduler.Default).Wait(left))
            {
                // Not ready in time (or ready just now: then the current one).
                if (Current(key, stamp) is { } ready) return new Shown<T>((T)ready.Value, ready.Stamp.Version, true);
                return new Shown<T>((T)last.Value, last.Stamp.Version, false);
            }
            // This stamp's computation done: its result, as Get gives it (an append while it ran may be in it).
            if (of.Equals(stamp) && _kept.TryGetValue(key, out Entry? done) && done is not null && done.Stamp.Equals(stamp))
                return new Shown<T>((T)done.Value, stamp.Version, true);
            // Else an earlier stamp's computation ended (or this one failed): the next turn starts this stamp's.
        }
    }

    /// <summary>
    /// <see cref="GetOrLast{T}(object, Stamp, Func{T?, T}, Func{long}, Func{T, int}, TimeSpan)"/>, except that with
    /// <paramref name="large"/> (a store of many sellers) and nothing kept under <paramref name="key"/> the first
    /// result is not awaited: its computation is started (one per key, whoever asks; a failed one by the next ask)
    /// and null given at once, for a page that says its figures are being computed. A read after it ended finds it kept.
    /// </summary>
    public Shown<T>? ShownOrStarted<T>(object key, Stamp stamp, Func<T?, T> advance, Func<long> versionNow, Func<T, int> size, TimeSpan wait, bool large)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stamp);
        if (large && !_kept.TryGetValue(key, out Entry? _))
        {
            Running(key, stamp, advance, versionNow, size);
            return null;
        }
        return GetOrLast(key, stamp, advance, versionNow, size, wait);
    }

    /// <summary>Whether a result computed from <paramref name="stamp"/> is kept under <paramref name="key"/>.</summary>
    public bool Holds(object key, Stamp stamp) => Current(key, stamp) is not null;

    private Entry? Current(object key, Stamp stamp) =>
        _kept.TryGetValue(key, out Entry? entry) && entry is not null && entry.Exact && entry.Stamp.Equals(stamp) ? entry : null;

    /// <summary>
    /// Keeps a computed result. One computed while the version moved is kept too, but only to be shown as an
    /// earlier result (<see cref="GetOrLast{T}(object, Stamp, Func{T?, T}, Func{long}, Func{T, int}, TimeSpan)"/>): it may hold part of what came after its stamp.
    /// </summary>
    private void Keep<T>(object key, Stamp stamp, T value, Func<long> versionNow, Func<T, int> size)
        where T : class
    {
        var sellers = Math.Max(size(value), 1);
        var held = Math.Clamp(value is ISummary summary ? summary.Held : sellers, 1, _limit);
        // A slow computation of an earlier version never puts its result over a later one's.
        if (_kept.TryGetValue(key, out Entry? kept) && kept is not null && kept.Stamp.Version > stamp.Version) return;
        MakeRoom(key, held);
        _kept.Set(key, new Entry(stamp, value, sellers, versionNow() == stamp.Version), new MemoryCacheEntryOptions
        {
            Size = held,
            Priority = value is ISummary ? CacheItemPriority.High : CacheItemPriority.Normal,
        });
    }

    /// <summary>
    /// Drops the least used results until one of <paramref name="held"/> evaluations fits. The cache alone would refuse
    /// a result that does not fit and compact to just under its limit, which leaves no room for one of every seller of a
    /// large store: each such result would be computed again at every read (at 100,000 sellers, several standards'
    /// lists do not fit together).
    /// </summary>
    private void MakeRoom(object key, int held)
    {
        for (var turn = 0; turn < 64; turn++)
        {
            // The size first: the cache's count takes every lock of its table, which each first standing read paid while
            // the others waited (a profile of first reads under 32 readers).
            if ((_kept.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0) + held <= _limit || _kept.Count == 0) return;
            // The one it replaces first, then the least used.
            if (turn == 0 && _kept.TryGetValue(key, out _)) _kept.Remove(key);
            else _kept.Compact(Math.Min(1, Math.Max(0.25, 1.5 / _kept.Count))); // a quarter of the entries, at least one
        }
    }

    /// <summary>The computation running for <paramref name="key"/>, whichever stamp it is of, or a new one of <paramref name="stamp"/>.</summary>
    private (Task Task, Stamp Of) Running<T>(object key, Stamp stamp, Func<T?, T> advance, Func<long> versionNow, Func<T, int> size)
        where T : class
    {
        lock (_running)
        {
            if (_running.TryGetValue(key, out var running)) return running;
            var started = new Task(() =>
            {
                try
                {
                    Keep(key, stamp, advance(Last<T>(key, stamp)), versionNow, size);
                }
                finally
                {
                    lock (_running) _running.Remove(key);
                }
            }, TaskCreationOptions.LongRunning);
            _running[key] = (started, stamp);
            started.Start(TaskScheduler.Default);
            return (started, stamp);
        }
    }
}
