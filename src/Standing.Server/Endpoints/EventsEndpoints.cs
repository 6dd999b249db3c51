using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Standing.Core.Events;
using Standing.Data.Keys;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Server.Access;
using Standing.Server.Documents;

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
        if (context.Request.ContentLength > limit) return Problems.TooLarge(limit);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        using var body = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(limit);
        }
        body.Position = 0;

        var events = new List<StandingEvent>();
        var lines = new List<int>();
        var rejects = new List<LineProblem>();
        NdjsonLines.Read(body, "body", (line, number) =>
        {
            if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
            if (line.IsEmpty || (line[0] != '{' && line.IndexOfAnyExcept(" \t"u8) < 0)) return;
            if (!NdjsonEventParser.TryParse(line, out var ev, out var reason)) rejects.Add(new LineProblem(number, reason));
            else if (ev.Marketplace is { } other && other != access.Marketplace)
            {
                // One request, one marketplace (the key's): a line of another is not stored in this one's store.
                rejects.Add(new LineProblem(number, $"field \"marketplace\": \"{Inputs.Shown(other)}\" is not this key's marketplace \"{access.Marketplace}\"; the line was not stored"));
            }
            else
            {
                events.Add(ev);
                lines.Add(number);
            }
        });
        if (events.Count == 0 && rejects.Count == 0)
            return Problems.BadField("body", "the body holds no event: send NDJSON, one event object per line");
        if (events.Count == 0)
            return Problems.Unprocessable($"no line is an event ({rejects.Count} rejected); nothing was stored", rejects.Cast<object>());

        // Facts current when the answer goes out: the sellers this batch changed are folded now.
        var result = Jobs.EventWriting.Append(access, events);
        var conflicts = new List<LineProblem>();
        long accepted = 0, duplicate = 0;
        for (var i = 0; i < events.Count; i++)
        {
            switch (result.Outcomes[i])
            {
                case EventLogOutcome.Accepted: accepted++; break;
                case EventLogOutcome.Duplicate: duplicate++; break;
                case EventLogOutcome.Conflict:
                    var with = result.Conflicts[i];
                    conflicts.Add(new LineProblem(lines[i], with == AppendResult.Stored
                        ? $"conflict: event id \"{events[i].Id}\" is already stored with a different body (the stored event is kept)"
                        : $"conflict: event id \"{events[i].Id}\" is at line {lines[with]} with a different body (the first is kept)"));
                    break;
            }
        }
        return TypedResults.Ok(new EventsReceipt(accepted, duplicate, conflicts.Count, rejects.Count, rejects, conflicts));
    }
}
