using System.Runtime.CompilerServices;
using NodaTime;

namespace Standing.Core.Facts;

/// <summary>
/// How facts store their instants: one <c>long</c> of nanoseconds since the Unix epoch (exact, and
/// ordered like the instants), instead of a 24-byte <c>Instant?</c>. <see cref="Missing"/> stands for
/// null. An instant outside what a <c>long</c> of nanoseconds holds (before 1677-09-22 or after
/// 2262-04-10) is stored as <see cref="Far"/> and kept exactly in the fact's small overflow array, so
/// nothing is ever rounded or clamped.
/// </summary>
internal static class CompactInstant
{
    /// <summary>No instant (the field is unset).</summary>
    public const long Missing = long.MinValue;

    /// <summary>The instant did not fit: read it from the fact's overflow array.</summary>
    public const long Far = long.MinValue + 1;

    /// <summary>Below every stored value (for open window bounds).</summary>
    public const long BelowAll = long.MinValue + 2;

    private const long NanosPerDay = 86_400_000_000_000L;

    // Whole days on either side of the epoch whose every nanosecond fits in a long (sentinels excluded).
    private const int MinDay = -106_751;
    private const int MaxDay = 106_750;

    /// <summary>The compact form of <paramref name="at"/>, or false when it is out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryEncode(Instant at, out long raw)
    {
        var sinceEpoch = at - NodaConstants.UnixEpoch;
        var days = sinceEpoch.Days;
        if (days is < MinDay or > MaxDay)
        {
            raw = Far;
            return false;
        }
        raw = (days * NanosPerDay) + sinceEpoch.NanosecondOfDay;
        return true;
    }

    /// <summary>The instant of a stored value that is neither <see cref="Missing"/> nor <see cref="Far"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Instant Decode(long raw) => NodaConstants.UnixEpoch.PlusNanoseconds(raw);

    /// <summary>A stored value as an <c>Instant?</c>, looking far values up in <paramref name="far"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Instant? Read(long raw, Instant[]? far, int slot) => raw switch
    {
        Missing => null,
        Far => far![slot],
        _ => Decode(raw),
    };

    /// <summary>Stores <paramref name="at"/> (or null) into a field, using the overflow array when it must.</summary>
    public static void Write(ref long field, ref Instant[]? far, int slot, int slots, Instant? at)
    {
        if (at is not { } value)
        {
            field = Missing;
            return;
        }
        if (TryEncode(value, out field))
        {
            return;
        }
        far ??= new Instant[slots];
        far[slot] = value;
    }

    /// <summary>Keeps the earlier of the stored instant and <paramref name="at"/> ("first time X happened").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepEarliest(ref long field, ref Instant[]? far, int slot, int slots, Instant at)
    {
        var current = field;
        if (current == Missing)
        {
            Write(ref field, ref far, slot, slots, at);
        }
        else if (current != Far && TryEncode(at, out var raw))
        {
            if (raw < current)
            {
                field = raw;
            }
        }
        else if (at < Read(current, far, slot)!.Value)
        {
            Write(ref field, ref far, slot, slots, at);
        }
    }

    /// <summary>
    /// A window bound in compact form, for comparing stored values directly: stored values in range
    /// compare against it exactly as their instants compare against <paramref name="bound"/>.
    /// Null (no lower bound) gives <see cref="BelowAll"/>.
    /// </summary>
    public static long Bound(Instant? bound)
    {
        if (bound is not { } value)
        {
            return BelowAll;
        }
        if (TryEncode(value, out var raw))
        {
            return raw;
        }
        // Out of range: before every storable instant, or after all of them.
        return value < NodaConstants.UnixEpoch ? BelowAll : long.MaxValue;
    }

    /// <summary>The earlier of two stored values, either possibly <see cref="Missing"/>; <see cref="Far"/> when either is far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Min(long a, long b)
    {
        if (a == Missing)
        {
            return b;
        }
        if (b == Missing)
        {
            return a;
        }
        if (a == Far || b == Far)
        {
            return Far;
        }
        return Math.Min(a, b);
    }
}
