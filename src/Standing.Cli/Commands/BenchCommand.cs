using System.CommandLine;
using System.Diagnostics;
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
    public static Command Create()
    {
        var sellers = new Option<int>("--sellers") { Description = "sellers", DefaultValueFactory = _ => 100_000 };
        var orders = new Option<long>("--orders") { Description = "orders in total (approximately)", DefaultValueFactory = _ => 10_000_000 };
        var file = new Option<string?>("--file") { Description = "where to write the generated NDJSON (default: a temporary file, deleted after)" };
        var command = new Command("bench", "Measure parse, fold and evaluate throughput on a generated marketplace") { sellers, orders, file };
        command.SetAction(parse => Run(parse.GetValue(sellers), parse.GetValue(orders), parse.GetValue(file)));
        return command;
    }

    private static int Run(int sellers, long orders, string? file)
    {
        const int days = 365;
        var end = Instant.FromUtc(2026, 6, 1, 0, 0);
        var path = file ?? Path.Combine(Path.GetTempPath(), $"standing-bench-{Environment.ProcessId}.ndjson");
        var console = Consoles.Out;
        var rows = new List<(string Step, string Amount, TimeSpan Took, string Rate)>();
        try
        {
            var options = new SimulationOptions
            {
                Sellers = sellers, Days = days, End = end, OrdersOnly = true, NewSellerShare = 0,
                OrdersPerSellerPerDay = (double)orders / sellers / days,
            };
            var clock = Stopwatch.StartNew();
            var written = NdjsonEventWriter.WriteFile(path, new MarketplaceSimulator(options).Generate());
            var size = new FileInfo(path).Length;
            rows.Add(("generate + write NDJSON", $"{written:N0} events, {size / 1e6:N0} MB", clock.Elapsed, PerSecond(written, clock.Elapsed, "events")));

            Collect();
            clock.Restart();
            var read = NdjsonEventReader.ReadFiles(path);
            rows.Add(("parse + validate + dedupe (1 core)", $"{read.Log.AcceptedCount:N0} events", clock.Elapsed, PerSecond(read.Log.AcceptedCount, clock.Elapsed, "events")));

            var before = Collect();
            clock.Restart();
            var facts = FactFolder.Fold(read.Log.Events, end);
            rows.Add(("fold into facts (1 core)", $"{facts.Count:N0} sellers", clock.Elapsed, PerSecond(read.Log.AcceptedCount, clock.Elapsed, "events")));
            var factBytes = Collect() - before;
            var orderFacts = facts.Sum(f => (long)f.Orders.Count);
            var allFacts = orderFacts + facts.Sum(f => (long)f.Reviews.Count + f.Cases.Count);

            var policy = BuiltInPacks.Load("congocrea");
            var odrOnly = new PolicyEvaluator(policy with { Metrics = policy.Metrics.Where(m => m.Id == "odr").ToList(), Rules = [] });
            clock.Restart();
            odrOnly.Evaluate(facts, end, maxParallelism: 1);
            rows.Add(("evaluate odr, a rate metric (1 core)", $"{orderFacts:N0} order facts", clock.Elapsed, PerSecond(orderFacts, clock.Elapsed, "order facts")));

            var pack = new PolicyEvaluator(policy);
            clock.Restart();
            var evaluation = pack.Evaluate(facts, end, maxParallelism: 1);
            rows.Add(("evaluate congocrea, 3 metrics + rule (1 core)", $"{orderFacts:N0} order facts", clock.Elapsed, PerSecond(orderFacts, clock.Elapsed, "order facts")));
            clock.Restart();
            pack.Evaluate(facts, end);
            rows.Add(($"evaluate congocrea ({Environment.ProcessorCount} cores)", $"{orderFacts:N0} order facts", clock.Elapsed, PerSecond(orderFacts, clock.Elapsed, "order facts")));

            var table = new Table().Border(TableBorder.Rounded).AddColumns("step", "amount", "time", "throughput");
            foreach (var r in rows) table.AddRow(r.Step, r.Amount, $"{r.Took.TotalSeconds:0.000} s", r.Rate);
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
