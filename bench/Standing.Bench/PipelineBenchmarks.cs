using BenchmarkDotNet.Attributes;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Ndjson;
using Standing.Policies;
using Standing.Simulation;

namespace Standing.Bench;

/// <summary>Parse, fold and evaluate over a generated marketplace of about 100,000 orders.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly Instant End = Instant.FromUtc(2026, 6, 1, 0, 0);
    private byte[] _ndjson = [];
    private IReadOnlyList<StandingEvent> _events = [];
    private IReadOnlyList<SellerFacts> _facts = [];
    private PolicyEvaluator _odr = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SimulationOptions { Sellers = 1_000, Days = 365, End = End, OrdersOnly = true, NewSellerShare = 0, OrdersPerSellerPerDay = 100_000.0 / 1_000 / 365 };
        using var buffer = new MemoryStream();
        using (var writer = new NdjsonEventWriter(buffer, leaveOpen: true)) writer.WriteAll(new MarketplaceSimulator(options).Generate());
        _ndjson = buffer.ToArray();
        _events = Parse().Log.Events;
        _facts = FactFolder.Fold(_events, End);
        var policy = BuiltInPacks.Load("congocrea");
        _odr = new PolicyEvaluator(policy with { Metrics = policy.Metrics.Where(m => m.Id == "odr").ToList(), Rules = [] });
    }

    [Benchmark]
    public EventReadResult Parse()
    {
        var reader = new NdjsonEventReader();
        reader.Read(new MemoryStream(_ndjson, writable: false), "bench.ndjson");
        return reader.Result;
    }

    [Benchmark]
    public IReadOnlyList<SellerFacts> Fold() => FactFolder.Fold(_events, End);

    [Benchmark]
    public PolicyEvaluation EvaluateOdr() => _odr.Evaluate(_facts, End, maxParallelism: 1);
}
