using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Cli.Commands;

/// <summary>
/// Writes events to an NDJSON file on a thread of its own, a chunk behind the thread that makes them: the demo's
/// generating thread is its one pass's slowest stage, and rendering and writing the lines is work another core
/// can take. The file is what <see cref="NdjsonEventWriter.WriteFile(string, IEnumerable{StandingEvent})"/> writes
/// from the same events, in their order; each line is also handed, as written, to <c>lineWritten</c> (the demo's store
/// takes the same bytes instead of rendering the line again).
/// </summary>
internal static class EventFileBehind
{
    /// <summary>Events handed over at a time: few enough to hold little, enough to pass few hand-overs.</summary>
    private const int ChunkSize = 4_096;

    /// <summary>Chunks waiting to be written: the making thread waits beyond this, so memory stays bounded.</summary>
    private const int ChunksAhead = 16;

    /// <summary>Walks <paramref name="events"/> on the calling thread and writes them to <paramref name="path"/> on another; returns how many.</summary>
    public static long Write(string path, IEnumerable<StandingEvent> events, NdjsonEventWriter.LineWritten? lineWritten = null)
    {
        using var queue = new BlockingCollection<StandingEvent[]>(boundedCapacity: ChunksAhead);
        long written = 0;
        Exception? failure = null;
        var writer = new Thread(() =>
        {
            try
            {
                written = NdjsonEventWriter.WriteFile(path, queue.GetConsumingEnumerable().SelectMany(chunk => chunk), lineWritten);
            }
            catch (Exception e)
            {
                failure = e;
                queue.CompleteAdding(); // the making thread stops at its next chunk
            }
        }) { IsBackground = true, Name = "standing-ndjson-writer" };
        writer.Start();
        try
        {
            foreach (var chunk in events.Chunk(ChunkSize))
            {
                if (!queue.TryAdd(chunk, Timeout.Infinite)) break;
            }
        }
        catch (InvalidOperationException) when (queue.IsAddingCompleted)
        {
            // The writer failed: its failure is thrown below.
        }
        finally
        {
            queue.CompleteAdding(); // a second call (after the writer's) changes nothing
            writer.Join();
        }
        if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
        return written;
    }
}
