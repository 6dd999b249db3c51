using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// The facts of one batch of sellers as of a rising sequence of instants, folding each event once: a
/// replay (one as-of per day) keeps each seller's working state from one as-of to the next and adds
/// only the events with <c>at</c> in [previous as-of, next as-of). Each call gives exactly what
/// <see cref="FactFolder.Fold(IEnumerable{StandingEvent}, Instant)"/> gives for the same events and as-of.
/// </summary>
/// <remarks>
/// The facts a call returns stay valid until the next call: the next one may update them in place (an
/// order's status, a review's stars), so a caller uses one as-of's facts before it asks for the next.
/// A seller with no new event keeps the very same <see cref="SellerFacts"/>. Asking for an earlier
/// instant than the last one starts again from no events (correct, but no longer incremental).
/// </remarks>
public sealed class IncrementalFold
{
    private readonly StandingEvent[] _events;
    private readonly int[] _byInstant; // event positions by instant, then arrival
    private readonly int[] _sellerOf; // per position: the seller's number
    private readonly string[] _names; // per seller number
    private readonly int[] _sellersInOrder; // seller numbers in id order
    private SellerFold?[] _folds;
    private SellerFacts?[] _facts;
    private bool[] _changed;
    private int _next;
    private Instant? _asOf;
    private IReadOnlyList<SellerFacts> _last = [];

    public IncrementalFold(IEnumerable<StandingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = [.. events];
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        _sellerOf = new int[_events.Length];
        for (var i = 0; i < _events.Length; i++)
        {
            var seller = _events[i].Seller;
            if (!numbers.TryGetValue(seller, out var number))
            {
                numbers[seller] = number = names.Count;
                names.Add(seller);
            }
            _sellerOf[i] = number;
        }
        _names = [.. names];
        _sellersInOrder = [.. Enumerable.Range(0, _names.Length).OrderBy(s => _names[s], StringComparer.Ordinal)];
        _byInstant = new int[_events.Length];
        for (var i = 0; i < _byInstant.Length; i++) _byInstant[i] = i;
        var all = _events;
        Array.Sort(_byInstant, (a, b) =>
        {
            var c = all[a].At.CompareTo(all[b].At);
            return c != 0 ? c : a.CompareTo(b);
        });
        _folds = new SellerFold?[_names.Length];
        _facts = new SellerFacts?[_names.Length];
        _changed = new bool[_names.Length];
    }

    /// <summary>The batch's events (another fold of the same batch may start from them).</summary>
    public IReadOnlyList<StandingEvent> Events => _events;

    /// <summary>The instant of the last call, or null before the first.</summary>
    public Instant? AsOf => _asOf;

    /// <summary>How many events have been folded, in all, since the last start from no events.</summary>
    public int Folded => _next;

    /// <summary>
    /// The facts of every seller of the batch with an event before <paramref name="asOf"/>, in seller
    /// order: those of the previous call updated with the events from its instant to this one.
    /// </summary>
    public IReadOnlyList<SellerFacts> AdvanceTo(Instant asOf)
    {
        if (_asOf is { } last)
        {
            if (asOf == last) return _last;
            if (asOf < last) Restart();
        }
        for (; _next < _byInstant.Length; _next++)
        {
            var position = _byInstant[_next];
            var e = _events[position];
            if (e.At >= asOf) break;
            var seller = _sellerOf[position];
            var fold = _folds[seller] ??= new SellerFold();
            fold.Add(e.Seller, e, position);
            _changed[seller] = true;
        }
        var result = new List<SellerFacts>(_names.Length);
        foreach (var seller in _sellersInOrder)
        {
            if (_folds[seller] is not { } fold) continue; // no event before as-of yet
            if (_changed[seller] || _facts[seller] is null)
            {
                _facts[seller] = fold.Build(_names[seller]);
                _changed[seller] = false;
            }
            result.Add(_facts[seller]!);
        }
        _asOf = asOf;
        _last = result;
        return result;
    }

    private void Restart()
    {
        _folds = new SellerFold?[_names.Length];
        _facts = new SellerFacts?[_names.Length];
        _changed = new bool[_names.Length];
        _next = 0;
    }
}
