using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Data.Tests.Properties;

/// <summary>What a reader gave, kept in memory in the order given: the long fuzz run's stand-in for a store, checked against a real one on a sample of inputs.</summary>
internal sealed class MemorySink : IEventSink
{
    public List<IncomingEvent> Added { get; } = [];

    public List<Reject> Rejects { get; } = [];

    public List<string> Skipped { get; } = [];

    public void Add(StandingEvent ev, string file, int line) => Added.Add(new IncomingEvent(ev, file, line));

    public void Reject(Reject reject) => Rejects.Add(reject);

    public void Skip(string reason) => Skipped.Add(reason);

    /// <summary>What a store keeps of <see cref="Added"/>: the first event of each id (a later one is a duplicate or a conflict).</summary>
    public List<StandingEvent> FirstOfEachId()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. Added.Select(a => a.Event).Where(e => seen.Add(e.Id))];
    }

    /// <summary>Events given after an event of the same id with other content: a store rejects them.</summary>
    public int Conflicts()
    {
        var first = new Dictionary<string, StandingEvent>(StringComparer.Ordinal);
        var conflicts = 0;
        foreach (var e in Added.Select(a => a.Event))
        {
            if (!first.TryAdd(e.Id, e) && first[e.Id] != e) conflicts++;
        }
        return conflicts;
    }
}
