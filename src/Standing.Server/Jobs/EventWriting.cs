using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Server.Jobs;

/// <summary>
/// Appending events, for <c>POST /v1/events</c> and the pages' forms that record an event (a seller's
/// improvement letter): idempotent by event id, and the facts of the sellers it changed are folded
/// before the answer, so what is read next is current.
/// </summary>
public static class EventWriting
{
    public static AppendResult Append(StoreAccess access, IReadOnlyList<StandingEvent> events)
    {
        using var store = access.Events();
        var result = store.Append(events);
        if (result.ChangedSellers.Count > 0) new FactProjection(store).Refresh();
        return result;
    }
}
