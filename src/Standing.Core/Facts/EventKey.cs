using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// The total order used to decide between two events: by instant, then by id. Folding keeps, per
/// field, the value of the first (or last) event under this order, so the result never depends on
/// the order events arrived in.
/// </summary>
internal readonly record struct EventKey(Instant At, string Id)
{
    public static EventKey Of(StandingEvent e) => new(e.At, e.Id);

    public bool IsBefore(EventKey other)
    {
        var c = At.CompareTo(other.At);
        return c < 0 || (c == 0 && string.CompareOrdinal(Id, other.Id) < 0);
    }
}

/// <summary>A value remembered with the key of the event that set it.</summary>
internal struct Keyed<T>
{
    private EventKey _key;
    private bool _has;

    public T Value { get; private set; }
    public readonly bool HasValue => _has;
    public readonly Instant? At => _has ? _key.At : null;

    /// <summary>Keeps the value of the earliest event.</summary>
    public void OfferFirst(EventKey key, T value)
    {
        if (!_has || key.IsBefore(_key)) Set(key, value);
    }

    /// <summary>Keeps the value of the latest event.</summary>
    public void OfferLast(EventKey key, T value)
    {
        if (!_has || _key.IsBefore(key)) Set(key, value);
    }

    private void Set(EventKey key, T value)
    {
        _key = key;
        _has = true;
        Value = value;
    }
}
