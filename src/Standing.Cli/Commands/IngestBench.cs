using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using Npgsql;
using Standing.Cli.Input;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Simulation;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing bench --ingest N</c>: the time <c>standing ingest</c> takes to load N events into a new
/// SQLite store, against the time <c>sqlite3</c>'s own <c>.import</c> takes to load the same rows
/// (id, seller, type, at, body as CSV) into a table with a unique key on id, both run as separate
/// processes on the same files; with <c>--postgres</c>, the same for PostgreSQL against a plain
/// <c>COPY</c> of the CSV. Events are in time order, as a marketplace's daily exports would be.
/// </summary>
internal static class IngestBench
{
    public static int Run(long count, int repeat, string? postgres, string? sqlite3, string? keep)
    {
        var console = Console.Out;
        var folder = keep is null ? Directory.CreateTempSubdirectory("standing-ingest-bench-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            var ndjson = Path.Combine(folder, "events.ndjson");
            var csv = Path.Combine(folder, "events.csv");
            var clock = Stopwatch.StartNew();
            var written = WriteInputs(count, ndjson, csv);
            GC.Collect(); // the generated events: gone before anything is measured
            console.WriteLine($"generated {written:N0} events in time order ({new FileInfo(ndjson).Length / 1e6:N0} MB NDJSON, {new FileInfo(csv).Length / 1e6:N0} MB CSV) in {clock.Elapsed.TotalSeconds:0.0} s");

            // The two loads take turns, each into a new file, so that other work on the machine weighs
            // on both alike; the best and the median of each are compared.
            var tool = sqlite3 ?? "sqlite3";
            var imports = new List<Measured>();
            var ingests = new List<Measured>();
            var ours = "";
            for (var run = 1; run <= repeat; run++)
            {
                var theirs = Path.Combine(folder, $"import-{run}.db");
                Measure([tool], [theirs, "CREATE TABLE events (id TEXT NOT NULL UNIQUE, seller TEXT NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL)"]);
                imports.Add(Measure([tool], [theirs, $".import --csv {csv} events"]));
                ours = Path.Combine(folder, $"standing-{run}.db");
                ingests.Add(Measure(StandingCommand(), ["ingest", ndjson, "--db", ours]));
                console.WriteLine($"run {run}: sqlite3 .import {imports[^1].Seconds:0.00} s, standing ingest {ingests[^1].Seconds:0.00} s (peak {ingests[^1].PeakMegabytes:N0} MB)");
                var size = (Theirs: new FileInfo(theirs).Length, Ours: new FileInfo(ours).Length);
                if (run < repeat || keep is null) File.Delete(theirs);
                if (run < repeat) DeleteStore(ours);
                if (run == repeat) console.WriteLine($"file sizes: sqlite3 {size.Theirs / 1e6:N0} MB, standing {size.Ours / 1e6:N0} MB (with its WAL checkpointed)");
            }
            var (importBest, importMedian) = (imports.Min(m => m.Seconds), Median(imports));
            var (ingestBest, ingestMedian) = (ingests.Min(m => m.Seconds), Median(ingests));
            console.WriteLine($"sqlite3 .import into a table with a unique id:   best {importBest,7:0.00} s  median {importMedian,7:0.00} s  {written / importBest,10:N0} events/s");
            console.WriteLine($"standing ingest into SQLite:                      best {ingestBest,7:0.00} s  median {ingestMedian,7:0.00} s  {written / ingestBest,10:N0} events/s  peak {ingests.Max(m => m.PeakMegabytes):N0} MB");
            console.WriteLine($"ratio standing / sqlite3 .import: best {ingestBest / importBest:0.00}, median {ingestMedian / importMedian:0.00} (aim: at most 1.50)");
            var again = Measure(StandingCommand(), ["ingest", ndjson, "--db", ours]);
            console.WriteLine($"standing ingest again (all duplicates):           {again.Seconds,7:0.00} s  {written / again.Seconds,10:N0} events/s");

            if (postgres is not null)
            {
                BenchPostgres(postgres, ndjson, csv, written);
            }
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or NpgsqlException)
        {
            Console.Error.WriteLine($"bench --ingest: {e.Message}");
            return ExitCodes.Error;
        }
        finally
        {
            if (keep is null) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A run of a child process: wall time and peak resident memory (VmHWM).</summary>
    private sealed record Measured(double Seconds, double PeakMegabytes);

    private static long WriteInputs(long count, string ndjson, string csv)
    {
        var sellers = (int)Math.Clamp(count / 100, 1, 100_000);
        const int days = 365;
        var options = new SimulationOptions
        {
            Sellers = sellers, Days = days, End = Instant.FromUtc(2026, 6, 1, 0, 0), OrdersOnly = true, NewSellerShare = 0,
            OrdersPerSellerPerDay = count / 1.3 / sellers / days,
        };
        var events = new MarketplaceSimulator(options).Generate().Take(checked((int)count)).ToArray();
        var keys = events.Select(e => e.At).ToArray();
        Array.Sort(keys, events);
        NdjsonEventWriter.WriteFile(ndjson, events);
        using var writer = new StreamWriter(csv, append: false, new UTF8Encoding(false), 1 << 20);
        foreach (var e in events)
        {
            writer.Write(Quote(e.Id));
            writer.Write(',');
            writer.Write(Quote(e.Seller));
            writer.Write(',');
            writer.Write(EventSchema.Name(e.Type));
            writer.Write(',');
            writer.Write((e.At.ToUnixTimeTicks() / 10).ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Quote(NdjsonEventWriter.ToLine(e)));
            writer.Write('\n');
        }
        return events.Length;
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>How to start this same <c>standing</c>: its apphost, or <c>dotnet</c> with its assembly.</summary>
    private static string[] StandingCommand()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(IngestBench).Assembly.Location] : [host];
    }

    private static double Median(List<Measured> runs)
    {
        var sorted = runs.Select(m => m.Seconds).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void DeleteStore(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
    }

    private static Measured Measure(string[] command, string[] args)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1).Concat(args)) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, PeakKilobytes(process.Id));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command.Skip(1).Concat(args))} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
        return new Measured(seconds, peak / 1024.0);
    }

    private static long PeakKilobytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>PostgreSQL: a throw-away database on the server given; COPY of the CSV into a table with a unique id, then standing ingest.</summary>
    private static void BenchPostgres(string target, string ndjson, string csv, long written)
    {
        var console = Console.Out;
        var server = target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target;
        var database = $"standing_bench_{Environment.ProcessId}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            create.ExecuteNonQuery();
        }
        try
        {
            var bench = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            var clock = Stopwatch.StartNew();
            using (var connection = new NpgsqlConnection(bench))
            {
                connection.Open();
                using (var table = new NpgsqlCommand("CREATE TABLE copied (id text NOT NULL UNIQUE, seller text NOT NULL, type text NOT NULL, at bigint NOT NULL, body text NOT NULL)", connection))
                {
                    table.ExecuteNonQuery();
                }
                clock.Restart();
                using var copy = connection.BeginTextImport("COPY copied FROM STDIN (FORMAT csv)");
                using var reader = new StreamReader(csv);
                var buffer = new char[1 << 16];
                int n;
                while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) copy.Write(buffer, 0, n);
            }
            var copySeconds = clock.Elapsed.TotalSeconds;
            console.WriteLine($"PostgreSQL COPY (csv) into a table with a unique id: {copySeconds,5:0.00} s  {written / copySeconds,10:N0} events/s");
            var ingest = Measure(StandingCommand(), ["ingest", ndjson, "--db", bench]);
            console.WriteLine($"standing ingest into PostgreSQL (binary COPY):   {ingest.Seconds,8:0.00} s  {written / ingest.Seconds,10:N0} events/s  peak {ingest.PeakMegabytes,6:N0} MB");
            console.WriteLine($"ratio standing / COPY: {ingest.Seconds / copySeconds:0.00}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
    }
}
