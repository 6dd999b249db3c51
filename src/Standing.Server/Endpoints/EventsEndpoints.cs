using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Standing.Data.Keys;
using Standing.Server.Access;

namespace Standing.Server.Endpoints;

/// <summary>
/// <c>POST /v1/events</c>: an NDJSON batch in the event format, appended in one transaction and
/// idempotent by event id (a retried batch is all duplicates). Bad lines are rejected with their line
/// and reason while the good ones are stored; a body where no line is good stores nothing (422). Events
/// go to the key's marketplace (a line without the field belongs to it; a line of another is rejected). The
/// changed sellers' facts are folded before the answer, so a read right after sees the events.
/// </summary>
public static class EventsEndpoints
{
    public sealed record LineProblem(int Line, string Reason);

    public sealed record EventsReceipt(long Accepted, long Duplicate, long Conflict, long Rejected, IReadOnlyList<LineProblem> Rejects, IReadOnlyList<LineProblem> Conflicts);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/events", Post)
            .Allow(KeyRoles.Admin, KeyRoles.Integration).WithTags("events").WithName("postEvents")
            .Accepts<string>("application/x-ndjson", "application/ndjson", "application/jsonl", "text/plain")
            .Produces<EventsReceipt>()
            .WithSummary("Append a batch of events (NDJSON, one event per line); idempotent by event id");
    }

    private static async Task<IResult> Post(HttpContext context, StoreAccess access, ServerOptions options)
    {
        var key = context.Key();
        if (!access.HasStore) return Problems.Forbidden(Problems.NoStore(access, "stored"));
        var limit = options.MaxEventsBytes;
        if (await EventsBody.ReadAsync(context, limit) is not { } body) return Problems.TooLarge(limit, events: true);
        // One request, one marketplace (the key's): a line of another is not stored in this one's store.
        body.RejectOtherMarketplaces(access.Marketplace);
        if (body.IsEmpty)
            return Problems.BadField("body", "the body holds no event: send NDJSON, one event object per line");
        if (body.Events.Count == 0)
            return Problems.Unprocessable($"no line is an event ({body.Rejects.Count} rejected); nothing was stored", body.Rejects.Cast<object>());

        // Facts current when the answer goes out: the sellers this batch changed are folded now.
        return TypedResults.Ok(body.Receipt(Jobs.EventWriting.Append(access, body.Events)));
    }
}
