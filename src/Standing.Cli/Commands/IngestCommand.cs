using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Events;
using Standing.Data.Csv;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary><c>standing ingest</c>: append NDJSON files (or CSV exports through a mapping) to the event store.</summary>
internal static class IngestCommand
{
    /// <summary>Inputs this large get a progress bar when stderr is a terminal (a smaller one would only flash); plain progress lines are timed instead.</summary>
    private const long ProgressFrom = 64L << 20;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "NDJSON event files (or a folder of *.ndjson); with --mapping, CSV files or a folder of them",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = CommonOptions.Db(required: false);
        var mapping = new Option<string?>("--mapping") { Description = "a CSV mapping (YAML) saying how rows of your export become events" };
        var rejects = CommonOptions.Rejects();
        var batch = new Option<int>("--batch-size")
        {
            Description = "events per transaction",
            DefaultValueFactory = _ => EventIngester.DefaultBatchSize,
        };
        var command = new Command("ingest", "Append events to the event store (idempotent: loading the same files again changes nothing)")
        {
            paths, db, mapping, rejects, batch,
        };
        command.SetAction(parse => Run(
            parse.GetValue(paths)!, parse.GetValue(db) ?? EventStore.DefaultPath, parse.GetValue(mapping),
            parse.GetValue(rejects), parse.GetValue(batch)));
        return command;
    }

    private static int Run(string[] paths, string target, string? mappingPath, string? rejectsPath, int batchSize)
    {
        var stderr = Consoles.Error;
        if (batchSize < 1)
        {
            stderr.WriteLine("--batch-size must be at least 1");
            return ExitCodes.Error;
        }

        CsvMapping? mapping = null;
        if (mappingPath is not null)
        {
            var loaded = CsvMappingLoader.LoadFile(mappingPath);
            if (loaded.Errors.Count > 0)
            {
                foreach (var error in loaded.Errors) stderr.WriteLine(error);
                return ExitCodes.Error;
            }
            mapping = loaded.Mapping!;
        }

        IReadOnlyList<string> files;
        try
        {
            files = mapping is null ? ExpandNdjson(paths) : paths;
        }
        catch (EventFileException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Error;
        }

        var csv = mapping is null ? null : new CsvMappedReader(mapping);
        try
        {
            csv?.Prepare(paths); // missing files and unknown columns stop here, before the store is touched
        }
        catch (Exception e) when (e is EventFileException or CsvMappingException)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Error;
        }

        // --rejects is checked before the store is touched: it must not name an input or the store, and must be writable.
        if (!RejectsTarget.TryCheck(rejectsPath, paths.Concat(files), target, stderr)) return ExitCodes.Error;
        if (mapping is null)
        {
            foreach (var folder in paths.Where(p => Directory.Exists(p) && !files.Any(f => IsIn(f, p))))
                stderr.WriteLine($"note: no events in {folder}: it holds no *.ndjson or *.jsonl files");
        }

        var sqlite = !string.IsNullOrWhiteSpace(target) && !EventStore.IsPostgres(target);
        var newStore = sqlite && !File.Exists(target);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<MarketplaceIngest> ingested;
        IngestSummary summary;
        string storeName;
        MarketplaceIngester? started = null;
        var factsStored = 0;
        try
        {
            using var store = EventStore.Open(target, create: true);
            storeName = $"{store.Name} ({store.Engine})";
            // Each event goes to its marketplace's store (docs/marketplaces.md); most deployments have only the default one.
            // Into a store that has facts, each batch is folded onto them as it commits, as the server's writes are.
            using var ingester = started = new MarketplaceIngester(store, target, batchSize, NodaTime.SystemClock.Instance.GetCurrentInstant(), advanceFacts: true);
            if (csv is not null)
            {
                csv.Read(paths, ingester);
            }
            else
            {
                ReadWithProgress(files, ingester);
            }
            ingested = ingester.Complete();
            summary = IngestSummary.Sum(ingested.Select(m => m.Summary));
            // The facts of the sellers this load touched and could not advance (and of any left stale before)
            // are folded again and stored now, so that every job after it reads facts, never the log; a first
            // load folds them from the events it kept in memory.
            foreach (var marketplace in ingested)
            {
                var projection = new FactProjection(marketplace.Store);
                JobProgress.Run(ingested.Count == 1 ? "folding facts" : $"folding facts of {marketplace.Marketplace}", "sellers", progress => projection.Refresh(marketplace.Loaded, progress));
                factsStored += projection.LastStored;
            }
        }
        catch (Exception e) when (e is EventStoreException or EventFileException or CsvMappingException)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Error;
        }
        catch (DbException e)
        {
            // A batch failed (disk full, …) after others may have committed: those stay stored, and
            // the message says how many rather than "nothing was changed".
            stderr.WriteLine(StoreFailure.Describe(target, e, started is null ? null : (started.Committed, started.Batches)));
            return ExitCodes.Error;
        }

        foreach (var reject in summary.Rejects) stderr.WriteLine(reject.Message);
        if (files.Count > 0) InputNotes.Write(files, summary.Accepted + summary.Duplicates + summary.Conflicts, summary.Rejects, stderr);
        if (newStore && summary.Accepted == 0)
        {
            // Nothing was accepted: the store this command created would hold nothing, so it is not left behind.
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                try
                {
                    File.Delete(target + suffix);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"{target + suffix}: cannot remove: {e.Message}");
                }
            }
            stderr.WriteLine($"note: no event was accepted, so no store was created at {target}");
        }
        if (rejectsPath is not null)
        {
            try
            {
                RejectsWriter.WriteFile(rejectsPath, summary.Rejects);
            }
            catch (EventFileException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.Error;
            }
        }
        WriteSummary(Console.Out, storeName, summary, ingested, factsStored, clock.Elapsed);
        return summary.Rejects.Count > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
    }

    private static bool IsIn(string file, string folder) =>
        string.Equals(Path.GetFullPath(Path.GetDirectoryName(file) ?? "."), Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private static List<string> ExpandNdjson(string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw EventFileException.CannotRead(path, new FileNotFoundException(null, path));
            }
        }
        return files;
    }

    /// <summary>Reads the files into the store, with a progress bar on a terminal for inputs of <see cref="ProgressFrom"/> or more, plain lines otherwise.</summary>
    private static void ReadWithProgress(IReadOnlyList<string> files, IEventSink ingester)
    {
        var total = files.Sum(f => new FileInfo(f).Length);
        if (total < ProgressFrom && !Console.IsErrorRedirected)
        {
            foreach (var file in files) NdjsonFileSource.Read(file, ingester);
            return;
        }
        JobProgress.Run("ingesting events", "bytes", progress =>
        {
            long read = 0;
            foreach (var file in files) NdjsonFileSource.Read(file, ingester, n => progress(read += n, total));
        });
    }

    private static void WriteSummary(TextWriter output, string store, IngestSummary summary, IReadOnlyList<MarketplaceIngest> marketplaces, int factsStored, TimeSpan elapsed)
    {
        var conflicts = summary.Conflicts;
        var rejected = summary.Rejects.Count - conflicts;
        output.WriteLine($"ingested into {store} in {elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"  accepted (new)  {summary.Accepted,10}");
        output.WriteLine($"  duplicates      {summary.Duplicates,10}  (already stored with the same body: no-op)");
        output.WriteLine($"  conflicts       {conflicts,10}  (same id, different body: the first one is kept)");
        output.WriteLine($"  rejected        {rejected,10}  (invalid lines or rows)");
        output.WriteLine($"  sellers changed {marketplaces.Sum(m => m.Summary.ChangedSellers.Count),10}  (new events added to them)");
        output.WriteLine($"  facts stored    {factsStored,10}  (sellers folded again from their events: jobs read these facts)");
        if (summary.FactsAdvanced > 0)
            output.WriteLine($"  facts advanced  {summary.FactsAdvanced,10}  (a batch's events folded onto a seller's stored facts, without reading its events)");
        foreach (var (reason, count) in summary.Skipped)
            output.WriteLine($"  skipped         {count,10}  ({reason})");
        var byType = summary.AcceptedByType;
        if (byType.Count > 0)
        {
            output.WriteLine("  new events per type:");
            foreach (var (type, count) in byType.OrderBy(p => p.Key))
                output.WriteLine($"    {EventSchema.Name(type),-26}{count,10}");
        }
        // Only a deployment with several marketplaces gets the split: a seller id counts in each marketplace it is in.
        var met = marketplaces.Where(m => !MarketplaceId.IsDefault(m.Marketplace) || m.Summary.Accepted + m.Summary.Duplicates + m.Summary.Conflicts > 0).ToList();
        if (met.Count > 1 || met.Any(m => !MarketplaceId.IsDefault(m.Marketplace)))
        {
            output.WriteLine("  per marketplace:              accepted  duplicates   conflicts  sellers changed  store");
            foreach (var m in met)
                output.WriteLine($"    {m.Marketplace,-24}{m.Summary.Accepted,10}  {m.Summary.Duplicates,10}  {m.Summary.Conflicts,10}  {m.Summary.ChangedSellers.Count,15}  {m.Store.Name}");
        }
    }
}
