using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Policies;
using Standing.Simulation;

namespace Standing.Bench;

/// <summary>
/// Congocrea's ODR two ways over the same generated orders, reviews and cases, in one run: our evaluation
/// pass over folded facts, and the same ODR written as SQL over DuckDB tables holding those events (with a
/// bare loop over arrays as the floor). Each is timed after warm-up, wall and process CPU time; the
/// per-seller counts of both are compared. Timings are printed, never asserted.
/// </summary>
internal static class OdrVersusDuckDb
{
    private static readonly Instant End = Instant.FromUtc(2026, 6, 1, 0, 0);

    // Congocrea's `odr` (docs/policies.md, the congocrea pack): orders placed in the 90 days before as-of
    // (UTC, start included, as-of excluded); defective when a review known at as-of has 2 stars or fewer,
    // or a case was opened on it before as-of; counted once per order. The bench's orders-only events never
    // update or remove a review, so the lowest current stars are the lowest posted.
    private const string OdrSql = """
        SELECT o.seller,
               count(*) FILTER (WHERE r.order_id IS NOT NULL OR c.order_id IS NOT NULL) AS defective,
               count(*) AS orders,
               defective / count(*) AS odr,
               defective / count(*) >= 0.01 AS breach
        FROM orders o
        LEFT JOIN (SELECT DISTINCT seller, order_id FROM reviews WHERE stars <= 2 AND posted_at < $as_of) r
               ON r.seller = o.seller AND r.order_id = o.order_id
        LEFT JOIN (SELECT DISTINCT seller, order_id FROM cases WHERE opened_at < $as_of) c
               ON c.seller = o.seller AND c.order_id = o.order_id
        WHERE o.placed_at >= $start AND o.placed_at < $as_of
        GROUP BY o.seller
        """;

    public static int Run(string[] args)
    {
        var sellers = 2_000;
        long orders = 200_000;
        var repeat = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sellers" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s > 0:
                    sellers = s;
                    i++;
                    break;
                case "--orders" when i + 1 < args.Length && long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var o) && o > 0:
                    orders = o;
                    i++;
                    break;
                case "--repeat" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    repeat = r;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"odr-duckdb: unknown or bad argument \"{args[i]}\" (expected --sellers N, --orders N, --repeat N, each at least 1)");
                    return 1;
            }
        }

        var options = new SimulationOptions
        {
            Sellers = sellers, Days = 365, End = End, OrdersOnly = true, NewSellerShare = 0,
            OrdersPerSellerPerDay = (double)orders / sellers / 365,
        };
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Execute(duck, """
            CREATE TABLE orders (seller VARCHAR NOT NULL, order_id VARCHAR NOT NULL, placed_at TIMESTAMP NOT NULL);
            CREATE TABLE reviews (seller VARCHAR NOT NULL, review_id VARCHAR NOT NULL, order_id VARCHAR NOT NULL, posted_at TIMESTAMP NOT NULL, stars INTEGER NOT NULL);
            CREATE TABLE cases (seller VARCHAR NOT NULL, case_id VARCHAR NOT NULL, order_id VARCHAR NOT NULL, opened_at TIMESTAMP NOT NULL);
            """);

        // Generated, folded and loaded a thousand sellers at a time, so the events are never all held at once.
        var clock = Stopwatch.StartNew();
        var facts = new List<SellerFacts>(sellers);
        long events = 0, orderRows = 0, reviewRows = 0, caseRows = 0;
        using (var orderRowsOut = duck.CreateAppender("orders"))
        using (var reviewRowsOut = duck.CreateAppender("reviews"))
        using (var caseRowsOut = duck.CreateAppender("cases"))
        {
            var simulator = new MarketplaceSimulator(options);
            for (var first = 0; first < sellers; first += 1_000)
            {
                var chunk = simulator.Generate(first, Math.Min(1_000, sellers - first)).ToList();
                events += chunk.Count;
                facts.AddRange(FactFolder.Fold(chunk, End));
                foreach (var e in chunk)
                {
                    switch (e.Type)
                    {
                        case EventType.OrderPlaced:
                            orderRowsOut.CreateRow().AppendValue(e.Seller).AppendValue(e.Order).AppendValue(e.At.ToDateTimeUtc()).EndRow();
                            orderRows++;
                            break;
                        case EventType.ReviewPosted:
                            reviewRowsOut.CreateRow().AppendValue(e.Seller).AppendValue(e.Review).AppendValue(e.Order).AppendValue(e.At.ToDateTimeUtc()).AppendValue(e.Stars).EndRow();
                            reviewRows++;
                            break;
                        case EventType.CaseOpened:
                            caseRowsOut.CreateRow().AppendValue(e.Seller).AppendValue(e.Case).AppendValue(e.Order).AppendValue(e.At.ToDateTimeUtc()).EndRow();
                            caseRows++;
                            break;
                        default:
                            throw new InvalidOperationException($"the orders-only generator made a {e.Type} event, which this SQL does not read");
                    }
                }
            }
        }
        Console.WriteLine($"generated, folded and loaded: {events:N0} events ({orderRows:N0} orders, {reviewRows:N0} reviews, {caseRows:N0} cases) of {sellers:N0} sellers in {clock.Elapsed.TotalSeconds:N1} s");

        var policy = BuiltInPacks.Load("congocrea");
        var odr = new PolicyEvaluator(policy with { Metrics = policy.Metrics.Where(m => m.Id == "odr").ToList(), Rules = [] });
        var start = End - Duration.FromDays(90);
        var orderFacts = facts.Sum(f => (long)f.Orders.Count);
        var rows = new List<(string What, Timing Time)>();

        PolicyEvaluation? ours = null;
        rows.Add(("Standing: evaluate odr over facts, 1 core", Time(repeat, () => ours = odr.Evaluate(facts, End, maxParallelism: 1))));
        rows.Add(($"Standing: evaluate odr over facts, {Environment.ProcessorCount} cores", Time(repeat, () => odr.Evaluate(facts, End))));
        // The metric alone, without the evaluation's per-seller results, rules and parallel loop: what the rest costs.
        var calculator = Core.Metrics.MetricCalculator.For(odr.Policy.Metrics[0]);
        rows.Add(("Standing: the odr calculator alone, 1 core", Time(repeat, () =>
        {
            foreach (var seller in facts) calculator.Compute(seller, End, odr.Policy.Calendar, explain: false);
        })));

        Dictionary<string, (long Defective, long Orders)> sql = [];
        Execute(duck, "SET threads = 1");
        rows.Add(("DuckDB: the same ODR as SQL, 1 thread", Time(repeat, () => sql = Query(duck, start))));
        Execute(duck, $"SET threads = {Environment.ProcessorCount}");
        rows.Add(($"DuckDB: the same ODR as SQL, {Environment.ProcessorCount} threads", Time(repeat, () => sql = Query(duck, start))));

        var floor = BareLoop.From(facts);
        var loop = new long[2 * facts.Count];
        rows.Add(("bare loop over arrays, 1 core (the floor)", Time(repeat, () => floor.Count(start, End, loop))));

        Console.WriteLine($"{orderFacts:N0} order facts; best and median of {repeat} timed runs after warm-up; CPU = the process's user+system time of the best run");
        Console.WriteLine($"{"what",-48} {"best wall",10} {"median",10} {"CPU",10}");
        foreach (var (what, t) in rows)
        {
            Console.WriteLine($"{what,-48} {t.Best.TotalMilliseconds,8:N1}ms {t.Median.TotalMilliseconds,8:N1}ms {t.Cpu.TotalMilliseconds,8:N0}ms");
        }
        var ratio = rows[3].Time.Best / rows[0].Time.Best;
        Console.WriteLine($"DuckDB (1 thread) / Standing (1 core): {ratio:N1}×; DuckDB ({Environment.ProcessorCount} threads) / Standing (1 core): {rows[4].Time.Best / rows[0].Time.Best:N1}×");

        return Compare(ours!, sql, floor, loop, start) ? 0 : 1;
    }

    /// <summary>Both answers per seller: every seller's defective and counted orders must be the same.</summary>
    private static bool Compare(PolicyEvaluation ours, Dictionary<string, (long Defective, long Orders)> sql, BareLoop floor, long[] loop, Instant start)
    {
        floor.Count(start, End, loop);
        var differ = 0;
        var compared = 0;
        foreach (var seller in ours.Sellers)
        {
            var metric = seller.Metric("odr")!;
            var theirs = sql.GetValueOrDefault(seller.Seller);
            var index = floor.IndexOf(seller.Seller);
            compared++;
            if (metric.Numerator == theirs.Defective && metric.Denominator == theirs.Orders
                && loop[2 * index] == metric.Numerator && loop[(2 * index) + 1] == metric.Denominator)
            {
                continue;
            }
            if (++differ <= 5)
            {
                Console.WriteLine($"  {seller.Seller}: Standing {metric.Numerator}/{metric.Denominator}, DuckDB {theirs.Defective}/{theirs.Orders}, loop {loop[2 * index]}/{loop[(2 * index) + 1]}");
            }
        }
        var onlySql = sql.Keys.Count(k => floor.IndexOf(k) < 0);
        Console.WriteLine($"per-seller counts compared for {compared:N0} sellers: {(differ == 0 && onlySql == 0 ? "all equal" : $"{differ:N0} differ, {onlySql:N0} only in SQL")}; " +
            $"defective orders in total: {ours.Sellers.Sum(s => s.Metric("odr")!.Numerator):N0} of {ours.Sellers.Sum(s => s.Metric("odr")!.Denominator):N0}");
        return differ == 0 && onlySql == 0;
    }

    private static Dictionary<string, (long Defective, long Orders)> Query(DuckDBConnection duck, Instant start)
    {
        using var command = duck.CreateCommand();
        command.CommandText = OdrSql;
        command.Parameters.Add(new DuckDBParameter("as_of", End.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("start", start.ToDateTimeUtc()));
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return result;
    }

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private readonly record struct Timing(TimeSpan Best, TimeSpan Median, TimeSpan Cpu);

    /// <summary>Two untimed passes (and at least a second of them, for tiered compilation), then <paramref name="repeat"/> timed ones.</summary>
    private static Timing Time(int repeat, Action pass)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 2 || warm.Elapsed < TimeSpan.FromSeconds(1); i++) pass();
        var runs = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        for (var i = 0; i < repeat; i++)
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            pass();
            var wall = clock.Elapsed;
            runs.Add((wall, Process.GetCurrentProcess().TotalProcessorTime - cpu));
        }
        runs.Sort((a, b) => a.Wall.CompareTo(b.Wall));
        return new Timing(runs[0].Wall, runs[runs.Count / 2].Wall, runs[0].Cpu);
    }
}
