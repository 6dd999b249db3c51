using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Data.Store;

/// <summary>
/// Where a reader puts what it read: events with their place, rejected lines or rows, rows skipped on
/// purpose. <see cref="EventIngester"/> stores them; the long fuzz run collects them in memory, so the
/// readers are tried a million times without a store.
/// </summary>
public interface IEventSink
{
    void Add(StandingEvent ev, string file, int line);

    void Reject(Reject reject);

    void Skip(string reason);
}
