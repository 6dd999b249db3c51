using Standing.Core.Events;
using Standing.Data.Store;

namespace Standing.Server.Jobs;

/// <summary>
/// Appending events, for <c>POST /v1/events</c> and the pages' forms that record an event (a seller's
/// improvement letter): idempotent by event id, and the facts of the sellers it changed are folded
/// before the answer, so what is read next is current: the batch's events are folded onto their stored
/// facts where that gives what a fold of the whole log gives (<see cref="FactProjection.Advance"/>), and
/// the other sellers it changed are folded from the log.
/// </summary>
public static class EventWriting
{
    public static AppendResult Append(StoreAccess access, IReadOnlyList<StandingEvent> events)
    {
        using var store = access.Events();
        var projection = new FactProjection(store);
        var before = projection.RowsBefore(events);
        var result = store.Append(events);
        if (result.ChangedSellers.Count > 0) projection.Advance(before, events, result);
        return result;
    }
}
