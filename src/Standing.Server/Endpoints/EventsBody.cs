using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Server.Access;
using Standing.Server.Documents;

namespace Standing.Server.Endpoints;

/// <summary>
/// The body of <c>POST /v1/events</c> read as the CLI reads an NDJSON file (<see cref="NdjsonFileSource"/>:
/// blank lines ignored, CRLF tolerated, a leading BOM skipped, a bad line a reject at its number), and a
/// line whose seller no request could name a reject too: the events with their line numbers, and the
/// rejected lines. Kept apart from the endpoint so the body
/// reader is fuzzed on its own as well as through a real server.
/// </summary>
public sealed class EventsBody : IEventSink
{
    private readonly List<StandingEvent> _events = [];
    private readonly List<int> _lines = [];
    private readonly List<EventsEndpoints.LineProblem> _rejects = [];

    private EventsBody()
    {
    }

    /// <summary>The events in body order.</summary>
    public IReadOnlyList<StandingEvent> Events => _events;

    /// <summary>Each event's line (1-based), parallel to <see cref="Events"/>.</summary>
    public IReadOnlyList<int> Lines => _lines;

    /// <summary>The lines that are not events, with their number and reason, in body order.</summary>
    public IReadOnlyList<EventsEndpoints.LineProblem> Rejects => _rejects;

    /// <summary>No line that is not blank.</summary>
    public bool IsEmpty => _events.Count == 0 && _rejects.Count == 0;

    /// <summary>Reads an NDJSON body already in memory.</summary>
    public static EventsBody Parse(Stream utf8)
    {
        var body = new EventsBody();
        NdjsonFileSource.Read(utf8, "body", body); // an event whose seller is not an id is rejected there, as ingest does
        return body;
    }

    /// <summary>
    /// Reads the request's body up to <paramref name="limit"/> bytes; null when it is larger (announced or
    /// found while reading), which the caller answers 413.
    /// </summary>
    public static async Task<EventsBody?> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit) return null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        buffer.Position = 0;
        return Parse(buffer);
    }

    /// <summary>
    /// Turns each event naming a marketplace other than <paramref name="marketplace"/> into a reject at its
    /// line; an event without the field belongs to the request's marketplace.
    /// </summary>
    public void RejectOtherMarketplaces(string marketplace) =>
        RejectWhere(ev => ev.Marketplace is { } other && other != marketplace
            ? $"field \"marketplace\": \"{Inputs.Shown(other)}\" is not this key's marketplace \"{marketplace}\"; the line was not stored"
            : null);

    private void RejectWhere(Func<StandingEvent, string?> reason)
    {
        var kept = 0;
        for (var i = 0; i < _events.Count; i++)
        {
            if (reason(_events[i]) is { } why)
            {
                _rejects.Add(new(_lines[i], why));
                continue;
            }
            _events[kept] = _events[i];
            _lines[kept] = _lines[i];
            kept++;
        }
        _events.RemoveRange(kept, _events.Count - kept);
        _lines.RemoveRange(kept, _lines.Count - kept);
        _rejects.Sort((a, b) => a.Line.CompareTo(b.Line));
    }

    /// <summary>The answer to a batch appended: counts per outcome, and each conflict named at its line.</summary>
    public EventsEndpoints.EventsReceipt Receipt(AppendResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var conflicts = new List<EventsEndpoints.LineProblem>();
        long accepted = 0, duplicate = 0;
        for (var i = 0; i < _events.Count; i++)
        {
            switch (result.Outcomes[i])
            {
                case EventLogOutcome.Accepted: accepted++; break;
                case EventLogOutcome.Duplicate: duplicate++; break;
                case EventLogOutcome.Conflict:
                    var with = result.Conflicts[i];
                    conflicts.Add(new(_lines[i], with == AppendResult.Stored
                        ? $"conflict: event id \"{_events[i].Id}\" is already stored with a different body (the stored event is kept)"
                        : $"conflict: event id \"{_events[i].Id}\" is at line {_lines[with]} with a different body (the first is kept)"));
                    break;
            }
        }
        return new(accepted, duplicate, conflicts.Count, _rejects.Count, _rejects, conflicts);
    }

    void IEventSink.Add(StandingEvent ev, string file, int line)
    {
        _events.Add(ev);
        _lines.Add(line);
    }

    void IEventSink.Reject(Reject reject) => _rejects.Add(new(reject.Line, reject.Reason));

    // An NDJSON reader skips nothing on purpose; a blank line is simply not a line of the batch.
    void IEventSink.Skip(string reason)
    {
    }
}
