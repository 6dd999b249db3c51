using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Store;

/// <summary>A store that takes a batch already planned (so the planning can run on the reading thread).</summary>
internal interface IPlannedAppend
{
    AppendResult Append(BatchPlan plan);
}

/// <summary>The engine-independent part of appending a batch: ids repeated inside it, and body comparison.</summary>
internal sealed class BatchPlan
{
    private BatchPlan(IReadOnlyList<StandingEvent> batch)
    {
        Batch = batch;
        Outcomes = new EventLogOutcome[batch.Count];
        _lineOf = new int[batch.Count];
    }

    private readonly int[] _lineOf;
    private CanonicalLineBuffer _lines = null!;

    public IReadOnlyList<StandingEvent> Batch { get; }

    public EventLogOutcome[] Outcomes { get; }

    /// <summary>The log positions the events are to take (by batch index), or null: the next free ones.</summary>
    public long[]? Seqs { get; set; }

    /// <summary>The canonical line of a first event of its id in the batch, as UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8Line(int index) => _lines[_lineOf[index]];

    /// <summary>The canonical line of a first event of its id in the batch.</summary>
    public string Line(int index) => _lines.Text(_lineOf[index]);

    /// <summary>The id of a first event of its id in the batch, as UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8Id(int index) => _ids[_lineOf[index]];

    /// <summary>The seller of a first event of its id in the batch, as UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8Seller(int index) => _sellers[_lineOf[index]];

    private Utf8Texts _ids = null!;
    private Utf8Texts _sellers = null!;

    public Dictionary<int, int> Conflicts { get; } = [];

    /// <summary>Indexes of the first event of each id in the batch: the ones to offer the store.</summary>
    public List<int> Firsts { get; } = [];

    /// <summary>
    /// Settles repeats inside the batch (first wins) and renders the canonical lines, or takes them from
    /// <paramref name="rendered"/>: the line of every event of the batch, in batch order, rendered already (the
    /// demo writes each line to its file and hands the same bytes here, so no line is rendered twice).
    /// </summary>
    public static BatchPlan For(IReadOnlyList<StandingEvent> batch, CanonicalLineBuffer? rendered = null)
    {
        if (rendered is not null && rendered.Count != batch.Count)
        {
            throw new ArgumentException($"{rendered.Count} lines rendered for a batch of {batch.Count} events", nameof(rendered));
        }
        var plan = new BatchPlan(batch);
        var first = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var ev = batch[i];
            if (first.TryAdd(ev.Id, i))
            {
                plan._lineOf[i] = plan.Firsts.Count;
                plan.Firsts.Add(i);
                continue;
            }
            var earlier = first[ev.Id];
            if (batch[earlier].Equals(ev))
            {
                plan.Outcomes[i] = EventLogOutcome.Duplicate;
            }
            else
            {
                plan.Outcomes[i] = EventLogOutcome.Conflict;
                plan.Conflicts[i] = earlier;
            }
        }
        plan._lines = rendered is null ? new CanonicalLineBuffer(batch, plan.Firsts) : FirstsOf(rendered, plan.Firsts);
        plan._ids = new Utf8Texts(plan.Firsts.Count);
        plan._sellers = new Utf8Texts(plan.Firsts.Count);
        foreach (var i in plan.Firsts)
        {
            plan._ids.Add(batch[i].Id);
            plan._sellers.Add(batch[i].Seller);
            plan._ifAllAccepted.Add(batch[i].Seller, batch[i].At);
        }
        return plan;
    }

    /// <summary>The lines of the batch's first events, out of the lines of all its events (all of them when no id repeats).</summary>
    private static CanonicalLineBuffer FirstsOf(CanonicalLineBuffer rendered, List<int> firsts)
    {
        if (firsts.Count == rendered.Count) return rendered;
        var lines = new CanonicalLineBuffer(firsts.Count);
        foreach (var i in firsts) lines.Add(rendered[i]);
        return lines;
    }

    /// <summary>The first event of the batch at <paramref name="index"/> met a stored body with its id.</summary>
    public void AgainstStored(int index, string storedBody)
    {
        if (Same(Batch[index], Line(index), storedBody))
        {
            Outcomes[index] = EventLogOutcome.Duplicate;
        }
        else
        {
            Outcomes[index] = EventLogOutcome.Conflict;
            Conflicts[index] = AppendResult.Stored;
            _storedAgainst[index] = storedBody;
        }
    }

    /// <summary>The stored bodies that first events of the batch met and differ from, by the first's index.</summary>
    private readonly Dictionary<int, string> _storedAgainst = [];

    /// <summary>
    /// A repeat of a first event that met another stored body is judged against the stored one, which is
    /// what the store keeps: the same event is a duplicate, another one a conflict with the stored event.
    /// </summary>
    private void SettleRepeatsOfStoredConflicts()
    {
        var firstOf = new Dictionary<string, int>(_storedAgainst.Count, StringComparer.Ordinal);
        foreach (var first in _storedAgainst.Keys)
        {
            firstOf[Batch[first].Id] = first;
        }
        for (var i = 0; i < Batch.Count; i++)
        {
            if (!firstOf.TryGetValue(Batch[i].Id, out var first) || first == i) continue;
            var stored = _storedAgainst[first];
            if (Same(Batch[i], NdjsonEventWriter.ToLine(Batch[i]), stored))
            {
                Outcomes[i] = EventLogOutcome.Duplicate;
                Conflicts.Remove(i);
            }
            else
            {
                Outcomes[i] = EventLogOutcome.Conflict;
                Conflicts[i] = AppendResult.Stored;
            }
        }
    }

    /// <summary>The sellers of the events the store accepted (<see cref="Accepted"/> sets it).</summary>
    public SellerChanges Changes { get; private set; } = new();

    /// <summary>What the batch's first events would change if the store accepts them all (the usual case).</summary>
    private SellerChanges _ifAllAccepted = new();

    /// <summary>
    /// Tells the plan which of its first events the store took (every other one met a stored id); the
    /// seller changes are worked out on the reading thread beforehand and only redone when some were not.
    /// </summary>
    public void Accepted(int count, Func<int, bool> isNew)
    {
        if (count == Firsts.Count)
        {
            Changes = _ifAllAccepted;
            return;
        }
        Changes = new SellerChanges();
        foreach (var i in Firsts)
        {
            if (isNew(i)) Changes.Add(Batch[i].Seller, Batch[i].At);
        }
    }

    public AppendResult Result()
    {
        if (_storedAgainst.Count > 0) SettleRepeatsOfStoredConflicts();
        return new(Outcomes, Conflicts, [.. Changes.Sellers]);
    }

    private static bool Same(StandingEvent ev, string line, string storedBody) =>
        string.Equals(line, storedBody, StringComparison.Ordinal)
        || (NdjsonEventParser.TryParse(storedBody, out var stored, out _) && stored.Equals(ev));

    /// <summary>Parses a stored body; a body that does not parse means the store was damaged.</summary>
    public static StandingEvent Parse(string body, string storeName)
    {
        if (!NdjsonEventParser.TryParse(body, out var ev, out var reason))
        {
            throw new EventStoreException($"{storeName}: a stored event does not read back ({reason}): {body}");
        }
        return ev;
    }

    /// <summary>Parses a stored body given as its UTF-8 bytes (see <see cref="Parse(string, string)"/>).</summary>
    public static StandingEvent Parse(ReadOnlySpan<byte> utf8Body, string storeName)
    {
        if (!NdjsonEventParser.TryParse(utf8Body, out var ev, out var reason))
        {
            throw new EventStoreException($"{storeName}: a stored event does not read back ({reason}): {System.Text.Encoding.UTF8.GetString(utf8Body)}");
        }
        return ev;
    }

    /// <summary>Runs a query whose first column is stored bodies and appends the events they hold.</summary>
    public static void ReadBodies(System.Data.Common.DbCommand command, string storeName, List<StandingEvent> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(Parse(reader.GetString(0), storeName));
        }
    }
}
