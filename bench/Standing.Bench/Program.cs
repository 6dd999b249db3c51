using BenchmarkDotNet.Running;

// Micro-benchmarks of the hot paths on 100,000 orders (dotnet run -c Release --project bench/Standing.Bench).
// `odr-duckdb [--sellers N] [--orders N]` instead times our ODR pass against the same ODR as SQL in DuckDB.
// For the full-scale run (100,000 sellers, 10 million orders) use `standing bench`.
if (args is ["odr-duckdb", .. var rest])
{
    return Standing.Bench.OdrVersusDuckDb.Run(rest);
}
BenchmarkSwitcher.FromAssembly(typeof(Standing.Bench.PipelineBenchmarks).Assembly).Run(args);
return 0;
