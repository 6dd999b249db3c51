using BenchmarkDotNet.Running;

// Micro-benchmarks of the hot paths on 100,000 orders (dotnet run -c Release --project bench/Standing.Bench).
// For the full-scale run (100,000 sellers, 10 million orders) use `standing bench`.
BenchmarkSwitcher.FromAssembly(typeof(Standing.Bench.PipelineBenchmarks).Assembly).Run(args);
