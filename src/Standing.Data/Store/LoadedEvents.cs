using Standing.Core.Events;

namespace Standing.Data.Store;

/// <summary>
/// The events a first load stored, with the log position each took, kept in memory so that the sellers' facts are
/// folded from them when the load ends rather than read back from the log and parsed again (most of what a first load
/// cost). Each is held in its compact form (<see cref="CompactEvent"/>, 60–110 bytes for the bench's events rather than
/// the 0.6 kB of the event objects), in large blocks, linked to the previous event of its seller, so the 13 million
/// events of 100,000 sellers fit in about a gigabyte; a seller's events are made objects again only when its facts
/// are folded. Up to limits: past them the events are let go (<see cref="Abandoned"/>) and the fold reads the log,
/// so that what a load holds stays bounded whatever its size.
/// </summary>
public sealed class LoadedEvents
{
    /// <summary>Bytes of one block: large enough that few are needed, small enough not to sit in one huge array.</summary>
    private const int BlockBytes = 1 << 22;

    private readonly int _limit;
    private readonly long _byteLimit;
    private readonly CompactEvent.Vocabulary _words = new();
    private readonly Dictionary<string, int> _sellerNumbers = new(StringComparer.Ordinal);
    private CompactWriter _scratch = new(1024);
    private List<byte[]>? _blocks = [];
    private int _used = BlockBytes; // the last block is full: the first event opens one
    private List<string> _sellers = [];
    private List<long> _lastOf = []; // per seller: where its latest kept event starts (block × BlockBytes + offset)
    private List<int> _countOf = [];

    internal LoadedEvents(int limit, long byteLimit)
    {
        _limit = limit;
        _byteLimit = byteLimit;
    }

    /// <summary>Events kept.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the events were let go: past a limit, one stored without a known log position, or one the compact form cannot hold.</summary>
    public bool Abandoned => _blocks is null;

    /// <summary>Keeps the events of <paramref name="batch"/> that the store accepted (<paramref name="result"/>).</summary>
    internal void Keep(IReadOnlyList<IncomingEvent> batch, AppendResult result)
    {
        if (_blocks is null) return;
        for (var i = 0; i < batch.Count; i++)
        {
            if (result.Outcomes[i] != EventLogOutcome.Accepted) continue;
            // A batch written after a load without indexes ended early takes the next free positions, which this does not know.
            if (batch[i].Seq <= 0 || Count >= _limit || !TryKeep(batch[i].Event, batch[i].Seq))
            {
                LetGo();
                return;
            }
        }
    }

    private bool TryKeep(StandingEvent e, long position)
    {
        if (!_sellerNumbers.TryGetValue(e.Seller, out var seller))
        {
            _sellerNumbers[e.Seller] = seller = _sellers.Count;
            _sellers.Add(e.Seller);
            _lastOf.Add(-1);
            _countOf.Add(0);
        }
        _scratch.Clear();
        _scratch.Varint((ulong)position);
        if (!CompactEvent.TryWrite(ref _scratch, e, _words)) return false;
        var bytes = _scratch.Written;
        // Room for the link to the seller's previous event (at most 10 bytes) and the event.
        if (_used + bytes.Length + 10 > BlockBytes)
        {
            if (bytes.Length + 10 > BlockBytes || (long)(_blocks!.Count + 1) * BlockBytes > _byteLimit) return false;
            _blocks.Add(new byte[BlockBytes]);
            _used = 0;
        }
        var at = (long)(_blocks!.Count - 1) * BlockBytes + _used;
        var block = _blocks[^1];
        // The distance back to the seller's previous event, 0 for its first.
        var back = _lastOf[seller] < 0 ? 0UL : (ulong)(at - _lastOf[seller]);
        while (back >= 0x80)
        {
            block[_used++] = (byte)(back | 0x80);
            back >>= 7;
        }
        block[_used++] = (byte)back;
        bytes.CopyTo(block.AsSpan(_used));
        _used += bytes.Length;
        _lastOf[seller] = at;
        _countOf[seller]++;
        Count++;
        return true;
    }

    private void LetGo()
    {
        _blocks = null;
        (_sellers, _lastOf, _countOf) = ([], [], []);
        _sellerNumbers.Clear();
        _scratch = new CompactWriter(0);
        Count = 0;
    }

    /// <summary>How many of the events are the seller's (-1 for a seller with none, which no stored seller matches).</summary>
    public long CountOf(string seller) => _sellerNumbers.TryGetValue(seller, out var number) ? _countOf[number] : -1;

    /// <summary>
    /// Adds the seller's kept events to <paramref name="into"/> in log order: their positions' order, which events
    /// deferred until the indexes were built keep too (they are stored after the others but take their reading place).
    /// </summary>
    public void AddTo(List<StandingEvent> into, string seller)
    {
        if (_blocks is null || !_sellerNumbers.TryGetValue(seller, out var number)) return;
        var count = _countOf[number];
        var positions = new long[count];
        var events = new StandingEvent[count];
        var at = _lastOf[number];
        for (var k = count - 1; k >= 0; k--)
        {
            var block = _blocks[(int)(at / BlockBytes)].AsSpan((int)(at % BlockBytes));
            var reader = new CompactReader(block);
            var back = (long)reader.Varint();
            positions[k] = (long)reader.Varint();
            events[k] = CompactEvent.Read(ref reader, _sellers[number], _words);
            at -= back;
        }
        for (var k = 1; k < count; k++)
        {
            if (positions[k] < positions[k - 1])
            {
                Array.Sort(positions, events);
                break;
            }
        }
        into.AddRange(events);
    }
}
