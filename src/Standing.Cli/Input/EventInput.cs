using Spectre.Console;
using Standing.Cli.Output;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Cli.Input;

/// <summary>The accepted events of the <c>--events</c> files, and how many lines were rejected.</summary>
internal sealed record EventInput(IReadOnlyList<StandingEvent> Events, int RejectedCount)
{
    /// <summary>Files this large get a progress bar (when stderr is a terminal).</summary>
    private const long ProgressFrom = 64L << 20;

    /// <summary>
    /// The events of exactly one of <c>--events FILE...</c> or <c>--db TARGET</c>. From a store, only
    /// <paramref name="seller"/>'s events are read when one is named (facts are folded from the stored
    /// log at evaluation time).
    /// </summary>
    public static bool TryLoad(string[]? files, string? db, string? seller, string? rejectsPath, TextWriter stderr, out EventInput input, string? marketplace = null)
    {
        input = new EventInput([], 0);
        var hasFiles = files is { Length: > 0 };
        if (hasFiles == (db is not null))
        {
            stderr.WriteLine("give the events either with --events FILE... or with --db TARGET (exactly one of them)");
            return false;
        }
        if (hasFiles) return TryRead(files!, rejectsPath, stderr, out input) && OfMarketplace(input, marketplace, stderr, out input);
        if (rejectsPath is not null)
        {
            stderr.WriteLine("--rejects applies to --events files; events in a store were checked when they were ingested");
            return false;
        }
        try
        {
            using var store = EventStore.Open(db!, create: false);
            input = new EventInput(store.ReadAll(seller), 0);
            return true;
        }
        catch (EventStoreException e)
        {
            stderr.WriteLine(e.Message);
            return false;
        }
    }

    /// <summary>
    /// Reads every file; reports each rejected line on stderr as <c>FILE:LINE: reason</c> and, with a
    /// rejects path, keeps them there verbatim. A file that cannot be read at all stops the command.
    /// </summary>
    public static bool TryRead(IReadOnlyList<string> files, string? rejectsPath, TextWriter stderr, out EventInput input)
    {
        input = new EventInput([], 0);
        if (!RejectsTarget.TryCheck(rejectsPath, files, null, stderr)) return false;
        var reader = new NdjsonEventReader();
        try
        {
            var total = files.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0);
            if (total >= ProgressFrom && !Console.IsErrorRedirected) ReadWithProgress(reader, files, total);
            else foreach (var file in files) reader.ReadFile(file);
        }
        catch (EventFileException e)
        {
            stderr.WriteLine(e.Message);
            return false;
        }
        var result = reader.Result;
        foreach (var reject in result.Rejects) stderr.WriteLine(reject.Message);
        InputNotes.Write(files, result.Log.AcceptedCount + result.Log.DuplicateCount, result.Rejects, stderr);
        if (rejectsPath is not null)
        {
            try
            {
                RejectsWriter.WriteFile(rejectsPath, result.Rejects);
            }
            catch (EventFileException e)
            {
                stderr.WriteLine(e.Message);
                return false;
            }
        }
        if (result.Rejects.Count > 0)
            stderr.WriteLine($"{result.Rejects.Count} line{(result.Rejects.Count == 1 ? "" : "s")} rejected, {result.Log.AcceptedCount} events accepted ({result.Log.DuplicateCount} duplicates ignored)");
        input = new EventInput(result.Log.Events, result.Rejects.Count);
        return true;
    }

    /// <summary>
    /// The files' events of one marketplace (<paramref name="marketplace"/>, none: the default one, which
    /// holds the events without the field), as a store keeps them apart: nothing, not even Prom.ua's peer
    /// pool, crosses. The marketplaces left out are named on stderr with their counts.
    /// </summary>
    private static bool OfMarketplace(EventInput all, string? marketplace, TextWriter stderr, out EventInput input)
    {
        input = all;
        var chosen = marketplace ?? MarketplaceId.Default;
        if (MarketplaceId.Problem(chosen) is { } problem)
        {
            stderr.WriteLine($"--marketplace: {problem}");
            return false;
        }
        static string Of(StandingEvent e) => e.Marketplace ?? MarketplaceId.Default;
        var others = all.Events.Where(e => Of(e) != chosen).GroupBy(Of, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ({Plural.Of(g.Count(), "event")})").ToList();
        if (others.Count == 0) return true;
        var kept = all.Events.Where(e => Of(e) == chosen).ToList();
        stderr.WriteLine($"--events: marketplace {chosen} evaluated ({Plural.Of(kept.Count, "event")}); left out: {string.Join(", ", others)}; --marketplace ID chooses another");
        input = all with { Events = kept };
        return true;
    }

    private static void ReadWithProgress(NdjsonEventReader reader, IReadOnlyList<string> files, long total)
    {
        Consoles.Progress.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("reading events", maxValue: total);
            foreach (var file in files)
            {
                FileStream stream;
                try
                {
                    stream = File.OpenRead(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw EventFileException.CannotRead(file, e);
                }
                using var counting = new ProgressStream(stream, task);
                reader.Read(counting, file);
            }
        });
    }
}
