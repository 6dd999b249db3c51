using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Data.Ndjson;
using Standing.Policies;
using Standing.Simulation;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing bench</c>: the whole path at scale — write, parse+validate, fold, evaluate congocrea —
/// one core at a time, with throughput and memory per order fact. Timings are reported, never asserted.
/// </summary>
internal static class BenchCommand
{
    private const int DefaultSellers = 2_000;
    private const long DefaultOrders = 200_000;
    private const int FullSellers = 100_000;
    private const long FullOrders = 10_000_000;

    public static Command Create()
    {
        // A default that runs in under a minute; the full scale docs/performance.md reports is named in the help.
        var sellers = new Option<int>("--sellers") { Description = $"sellers (full scale: {FullSellers})", DefaultValueFactory = _ => DefaultSellers };
        var orders = new Option<long>("--orders")
        {
            Description = $"orders in total, approximately (the default writes about 60 MB of temporary files; full scale: --sellers {FullSellers} --orders {FullOrders}, about 3 GB and several minutes)",
            DefaultValueFactory = _ => DefaultOrders,
        };
        var file = new Option<string?>("--file") { Description = "where to write the generated NDJSON (default: a temporary file, deleted after)" };
        var ingest = new Option<long?>("--ingest") { Description = "instead: time standing ingest of this many events into SQLite against sqlite3's own .import of the same rows" };
        var postgres = new Option<string?>("--postgres") { Description = "with --ingest: also time PostgreSQL on this server (a throw-away database is created and dropped)" };
        var sqlite3 = new Option<string?>("--sqlite3") { Description = "with --ingest: the sqlite3 program to compare with (default: sqlite3 on the PATH)" };
        var repeat = new Option<int>("--repeat") { Description = "with --ingest: loads of each kind, taking turns (best and median reported)", DefaultValueFactory = _ => 3 };
        var keep = new Option<string?>("--keep") { Description = "with --ingest: write the inputs and databases into this folder and keep them" };
        var generateOnly = new Option<bool>("--generate-only")
        {
            Description = "with --file: only write the generated events there, sorted by time as a marketplace's exports arrive, and keep them (for standing ingest); nothing is measured",
        };
        var forecast = new Option<bool>("--forecast") { Description = "instead: time one seller's forecast under each built-in pack (the busiest seller of a generated year; target under 50 ms)" };
        var http = new Option<string?>("--http") { Description = "instead: drive standing serve at this URL on this machine (loopback only) with standing reads of random sellers of --db; bench/serve-load.sh runs the whole thing" };
        var key = new Option<string?>("--key") { Description = "with --http: the key the readers send (a reviewer's or an admin's)" };
        var db = new Option<string?>("--db") { Description = "with --http: the store the server serves, where the sellers to ask about are read from" };
        var policy = new Option<string>("--policy") { Description = "with --http: the policy of the standing reads", DefaultValueFactory = _ => "congocrea" };
        var asOf = new Option<string?>("--as-of") { Description = "with --http: the asOf of the standing reads (default: none, as of the store's data)" };
        var duration = new Option<int>("--duration") { Description = "with --http: seconds to drive the server for", DefaultValueFactory = _ => 30 };
        var requests = new Option<long>("--requests") { Description = "with --http: stop after this many reads (whichever of --duration and --requests comes first)", DefaultValueFactory = _ => 10_000_000 };
        var connections = new Option<int>("--connections") { Description = "with --http: readers, each on its own connection, one request at a time", DefaultValueFactory = _ => 32 };
        var writerKey = new Option<string?>("--writer-key") { Description = "with --http: also post batches of new events with this key (integration or admin) while the reads go on" };
        var batchEvents = new Option<int>("--batch-events") { Description = "with --writer-key: events per posted batch", DefaultValueFactory = _ => 1_000 };
        var pid = new Option<int?>("--server-pid") { Description = "with --http: the server's process id, to report its peak resident memory" };
        var command = new Command("bench", "Measure parse, fold and evaluate throughput on a generated marketplace (or ingest speed with --ingest); " +
            $"the default size runs in under a minute, --sellers {FullSellers} --orders {FullOrders} is the full scale")
        {
            sellers, orders, file, generateOnly, ingest, repeat, postgres, sqlite3, keep, forecast,
            http, key, db, policy, asOf, duration, requests, connections, writerKey, batchEvents, pid,
        };
        command.SetAction(parse =>
        {
            var stderr = Consoles.Error;
            if (parse.GetValue(http) is { } url)
            {
                if (HttpLoadBench.LoopbackProblem(url) is { } notHere) return Refuse(stderr, notHere);
                if (parse.GetValue(key) is not { } readKey) return Refuse(stderr, "--http needs --key KEY: a reviewer's or an admin's key (standing keys create)");
                if (parse.GetValue(db) is not { } store) return Refuse(stderr, "--http needs --db STORE: the store the server serves, to ask about its sellers");
                if (parse.GetValue(duration) < 1) return Refuse(stderr, $"--duration must be at least 1 second (got {parse.GetValue(duration)})");
                if (parse.GetValue(requests) < 1) return Refuse(stderr, $"--requests must be at least 1 (got {parse.GetValue(requests)})");
                if (parse.GetValue(connections) is < 1 or > 1_024) return Refuse(stderr, $"--connections must be from 1 to 1024 (got {parse.GetValue(connections)})");
                if (parse.GetValue(batchEvents) is < 1 or > 100_000) return Refuse(stderr, $"--batch-events must be from 1 to 100000 (got {parse.GetValue(batchEvents)})");
                var settings = new HttpLoadBench.Settings(new Uri(url), readKey, store, parse.GetValue(policy)!, TimeSpan.FromSeconds(parse.GetValue(duration)),
                    parse.GetValue(requests), parse.GetValue(connections), parse.GetValue(writerKey), parse.GetValue(batchEvents), parse.GetValue(pid), parse.GetValue(asOf));
                return HttpLoadBench.Run(settings, Console.Out, Console.Error).GetAwaiter().GetResult();
            }
            if (parse.GetValue(forecast))
            {
                if (parse.GetValue(repeat) < 1) return Refuse(stderr, $"--repeat must be at least 1 (got {parse.GetValue(repeat)})");
                return ForecastBench.Run(40, 365, Math.Max(parse.GetValue(repeat), 5));
            }
            if (parse.GetValue(ingest) is { } events)
            {
                if (events < 1) return Refuse(stderr, $"--ingest must be at least 1 (got {events})");
                if (parse.GetValue(keep) is { } folder && !OutputPaths.TryFolder(folder, "--keep", stderr)) return ExitCodes.Error;
                return IngestBench.Run(events, Math.Max(1, parse.GetValue(repeat)), parse.GetValue(postgres), parse.GetValue(sqlite3), parse.GetValue(keep));
            }
            if (parse.GetValue(sellers) < 1) return Refuse(stderr, $"--sellers must be at least 1 (got {parse.GetValue(sellers)})");
            if (parse.GetValue(orders) < 1) return Refuse(stderr, $"--orders must be at least 1 (got {parse.GetValue(orders)})");
            if (parse.GetValue(file) is { } path && !OutputPaths.TryWritableFile(path, "--file", stderr, "name a file for the generated events")) return ExitCodes.Error;
            if (parse.GetValue(generateOnly))
            {
                if (parse.GetValue(file) is not { } target) return Refuse(stderr, "--generate-only needs --file FILE: where to write the generated events");
                return Generate(parse.GetValue(sellers), parse.GetValue(orders), target);
            }
            return Run(parse.GetValue(sellers), parse.GetValue(orders), parse.GetValue(file));
        });
        return command;
    }

    private static int Refuse(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return ExitCodes.Error;
    }

    /// <summary>
    /// Untimed passes before a timed one (the cold first pass is timed and shown on its own): at least
    /// two, and for at least a second, so tiered compilation has optimized the hot loops.
    /// </summary>
    private static void WarmUp(Action pass)
    {
        var clock = Stopwatch.StartNew();
        for (var passes = 0; passes < 2 || clock.Elapsed < TimeSpan.FromSeconds(1); passes++) pass();
    }

    /// <summary><c>--generate-only</c>: the generated events in time order, written to <paramref name="path"/> and kept.</summary>
    private static int Generate(int sellers, long orders, string path)
    {
        var clock = Stopwatch.StartNew();
        Consoles.Error.WriteLine($"generating {sellers:N0} sellers' events (about {orders:N0} orders) and sorting them by time…");
        var events = BenchEvents.InTimeOrder(BenchEvents.Options(sellers, orders));
        Consoles.Error.WriteLine($"writing {events.Length:N0} events to {path}… ({clock.Elapsed.TotalSeconds:0} s)");
        var written = NdjsonEventWriter.WriteFile(path, events);
        var stdout = Console.Out;
        stdout.WriteLine($"wrote {written:N0} events of {sellers:N0} sellers in time order ({new FileInfo(path).Length / 1e6:N0} MB) in {clock.Elapsed.TotalSeconds:0.0} s to");
        stdout.WriteLine($"  {path}");
        stdout.WriteLine($"the year ends at {BenchEvents.End}; load them with: standing ingest {path} --db STORE");
        return ExitCodes.Ok;
    }

    private static int Run(int sellers, long orders, string? file)
    {
        var end = BenchEvents.End;
        var path = file ?? Path.Combine(Path.GetTempPath(), $"standing-bench-{Environment.ProcessId}.ndjson");
        var console = Consoles.Out;
        var rows = new List<(string Step, string Amount, TimeSpan Took, string Gc, string Rate)>();
        var gc = new GcMeter();
        try
        {
            var options = BenchEvents.Options(sellers, orders);
            var clock = Stopwatch.StartNew();
            var written = NdjsonEventWriter.WriteFile(path, new MarketplaceSimulator(options).Generate());
            var size = new FileInfo(path).Length;
            rows.Add(("generate + write NDJSON", $"{written:N0} events, {size / 1e6:N0} MB", clock.Elapsed, gc.Next(), PerSecond(written, clock.Elapsed, "events")));

            // The same parse and validation with every event dropped at once: what holding the log costs
            // (fresh memory, collections that find everything alive) is the difference to the next row.
            Collect();
            gc.Next();
            clock.Restart();
            var parsed = ParseAndDrop(path);
            rows.Add(("parse + validate, not kept (1 core)", $"{parsed:N0} events", clock.Elapsed, gc.Next(), PerSecond(parsed, clock.Elapsed, "events")));

            Collect();
            gc.Next();
            clock.Restart();
            var read = NdjsonEventReader.ReadFiles(path);
            rows.Add(("parse + validate + dedupe (1 core)", $"{read.Log.AcceptedCount:N0} events", clock.Elapsed, gc.Next(), PerSecond(read.Log.AcceptedCount, clock.Elapsed, "events")));

            gc.Next();
            clock.Restart();
            var warmSellers = FoldAndDrop(read.Log.Events, end);
            rows.Add(("fold (first, cold)", $"{warmSellers:N0} sellers", clock.Elapsed, gc.Next(), PerSecond(read.Log.AcceptedCount, clock.Elapsed, "events")));
            var before = Collect();
            gc.Next();
            clock.Restart();
            var facts = FactFolder.Fold(read.Log.Events, end);
            rows.Add(("fold into facts (1 core)", $"{facts.Count:N0} sellers", clock.Elapsed, gc.Next(), PerSecond(read.Log.AcceptedCount, clock.Elapsed, "events")));
            var factBytes = Collect() - before;
            var orderFacts = facts.Sum(f => (long)f.Orders.Count);
            var allFacts = orderFacts + facts.Sum(f => (long)f.Reviews.Count + f.Cases.Count);

            var policy = BuiltInPacks.Load("congocrea");
            var odrOnly = new PolicyEvaluator(policy with { Metrics = policy.Metrics.Where(m => m.Id == "odr").ToList(), Rules = [] });
            gc.Next();
            clock.Restart();
            odrOnly.Evaluate(facts, end, maxParallelism: 1);
            rows.Add(("evaluate odr (first, cold)", $"{orderFacts:N0} order facts", clock.Elapsed, gc.Next(), PerSecond(orderFacts, clock.Elapsed, "order facts")));
            // Steady state: more passes let tiered compilation finish optimizing the hot loop.
            WarmUp(() => odrOnly.Evaluate(facts, end, maxParallelism: 1));
            gc.Next();
            clock.Restart();
            odrOnly.Evaluate(facts, end, maxParallelism: 1);
            rows.Add(("evaluate odr, a rate metric (1 core)", $"{orderFacts:N0} order facts", clock.Elapsed, gc.Next(), PerSecond(orderFacts, clock.Elapsed, "order facts")));

            var pack = new PolicyEvaluator(policy);
            WarmUp(() => pack.Evaluate(facts, end, maxParallelism: 1));
            gc.Next();
            clock.Restart();
            var evaluation = pack.Evaluate(facts, end, maxParallelism: 1);
            rows.Add(("evaluate congocrea, 3 metrics (1 core)", $"{orderFacts:N0} order facts", clock.Elapsed, gc.Next(), PerSecond(orderFacts, clock.Elapsed, "order facts")));
            gc.Next();
            clock.Restart();
            pack.Evaluate(facts, end);
            rows.Add(($"evaluate congocrea ({Environment.ProcessorCount} cores)", $"{orderFacts:N0} order facts", clock.Elapsed, gc.Next(), PerSecond(orderFacts, clock.Elapsed, "order facts")));

            // At most 120 columns: a wider cell wraps inside its column instead of widening the table.
            var table = new Table { Width = Math.Min(120, console.Profile.Width) }.Border(TableBorder.Rounded)
                .AddColumns("step", "amount", "time", "throughput", "CPU user+sys; GC, gen0/1/2, alloc, faulted");
            foreach (var r in rows) table.AddRow(r.Step, r.Amount, $"{r.Took.TotalSeconds:0.000} s", r.Rate, r.Gc);
            console.Write(table);
            var warned = evaluation.Sellers.Count(s => s.Outcomes.Any(o => o.Triggered));
            var breach = evaluation.Sellers.Count(s => s.Metric("odr")!.Status == MetricStatus.Breach);
            console.MarkupLine($"facts held: {factBytes / 1e6:N0} MB for {allFacts:N0} facts ({orderFacts:N0} orders) ≈ {(double)factBytes / Math.Max(1, allFacts):N0} bytes per fact");
            console.MarkupLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB; sellers in ODR breach: {breach:N0}; warned: {warned:N0}");
            GC.KeepAlive(read);
            return ExitCodes.Ok;
        }
        finally
        {
            if (file is null && File.Exists(path)) File.Delete(path);
        }
    }

    /// <summary>Parses and validates every line of the file and keeps nothing; returns how many lines were valid events.</summary>
    private static long ParseAndDrop(string path)
    {
        long valid = 0;
        using var stream = File.OpenRead(path);
        NdjsonLines.Read(stream, path, (line, number) =>
        {
            if (NdjsonEventParser.TryParse(line.TrimEnd((byte)'\r'), out _, out _)) valid++;
        });
        return valid;
    }

    /// <summary>
    /// Folds once and lets the facts go. In a method of its own: a temporary of <see cref="Run"/> holding
    /// the result would keep the cold fold's facts alive (and its memory out of reach) during the measured one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FoldAndDrop(IReadOnlyList<Core.Events.StandingEvent> events, Instant asOf) => FactFolder.Fold(events, asOf).Count;

    /// <summary>
    /// Since the last reading: the process's CPU time (all threads), the garbage collector's pause time,
    /// collections per generation, bytes allocated, and fresh memory faulted in (first touch of a page
    /// is costly on some virtual machines: seconds per GB).
    /// </summary>
    private sealed class GcMeter
    {
        private TimeSpan _pause = GC.GetTotalPauseDuration();
        private readonly int[] _counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        private long _allocated = GC.GetTotalAllocatedBytes();
        private long _faults = PageFaults();
        private TimeSpan _user;
        private TimeSpan _system;

        public GcMeter() => Next();

        public string Next()
        {
            var pause = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes();
            var counts = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            var faults = PageFaults();
            using var process = Process.GetCurrentProcess();
            var user = process.UserProcessorTime;
            var system = process.PrivilegedProcessorTime;
            var text = $"{(user - _user).TotalSeconds:0.00}+{(system - _system).TotalSeconds:0.00} s; GC {(pause - _pause).TotalSeconds:0.00} s, {counts[0] - _counts[0]}/{counts[1] - _counts[1]}/{counts[2] - _counts[2]}, {(allocated - _allocated) / 1e6:N0} MB"
                + (faults >= 0 ? $", {(faults - _faults) * Environment.SystemPageSize / 1e6:N0} MB" : "");
            _faults = faults;
            _user = user;
            _system = system;
            _pause = pause;
            _allocated = allocated;
            counts.CopyTo(_counts, 0);
            return text;
        }
    }

    /// <summary>Minor page faults of this process so far (Linux), or -1: fresh memory is expensive on some VMs.</summary>
    private static long PageFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static long Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    private static string PerSecond(long count, TimeSpan took, string unit) =>
        $"{count / Math.Max(took.TotalSeconds, 1e-9) / 1e6:N2} M {unit}/s";
}
