using System.CommandLine;
using System.Diagnostics;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Documents;
using Standing.Data.Keys;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Policies;
using Standing.Simulation;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing demo</c>: a synthetic marketplace, evaluated by every built-in pack, summarised; the
/// events and JSON results are left in a folder so evaluate and explain can be run on them.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The demo's history ends here by default: fixed, so every run and every doc shows the same numbers.</summary>
    public const string DefaultEnd = "2026-06-01T00:00:00Z";

    /// <summary>Where the demo's hints (and <c>--serve</c>) put the server by default: loopback only.</summary>
    private const string DefaultListen = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "folder for events.ndjson and results-<pack>.json", DefaultValueFactory = _ => "standing-demo" };
        // Small enough for a first look in seconds; --sellers 300 --days 180 gives a marketplace ten times the size.
        var sellers = new Option<int>("--sellers") { Description = "number of sellers (more sellers, longer runs)", DefaultValueFactory = _ => 40 };
        var days = new Option<int>("--days") { Description = "days of history (the longest standard looks back 365 days)", DefaultValueFactory = _ => 120 };
        var seed = new Option<int>("--seed") { Description = "random seed (same seed, same marketplace)", DefaultValueFactory = _ => 42 };
        var end = new Option<string>("--as-of") { Description = "end of the history and evaluation instant", DefaultValueFactory = _ => DefaultEnd };
        var serve = new Option<bool>("--serve") { Description = "end by serving the demo's store (pages and API) until Ctrl-C" };
        var listen = new Option<string>("--listen") { Description = $"the URL the hints name and --serve listens on (default {DefaultListen})", DefaultValueFactory = _ => DefaultListen };
        var command = new Command("demo", "Generate a realistic marketplace, evaluate every built-in standard and summarise")
        {
            output, sellers, days, seed, end, serve, listen,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetValue(output)!;
            var url = parse.GetValue(listen)!.TrimEnd('/');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Consoles.Error.WriteLine($"--listen \"{url}\" is not an http:// URL (e.g. {DefaultListen})");
                return ExitCodes.Error;
            }
            var done = Run(folder, parse.GetValue(sellers), parse.GetValue(days), parse.GetValue(seed), parse.GetValue(end)!, url, parse.GetValue(serve));
            if (done != ExitCodes.Ok || !parse.GetValue(serve)) return done;
            return await ServeCommand.Host(Path.Combine(folder, "standing.db"), url, cancel);
        });
        return command;
    }

    private static int Run(string folder, int sellers, int days, int seed, string endText, string listen, bool serving)
    {
        if (sellers < 1 || days < 1)
        {
            Consoles.Error.WriteLine("--sellers and --days must be at least 1");
            return ExitCodes.Error;
        }
        if (!AsOfParser.TryParse(endText, NodaTime.DateTimeZone.Utc, out var asOf, out var error))
        {
            Consoles.Error.WriteLine(error);
            return ExitCodes.Error;
        }
        if (!OutputPaths.TryFolder(folder, "--out", Consoles.Error)) return ExitCodes.Error;
        var console = Consoles.Out;
        var clock = Stopwatch.StartNew();
        var eventsPath = Path.Combine(folder, "events.ndjson");
        var simulator = new MarketplaceSimulator(new SimulationOptions { Seed = seed, Sellers = sellers, Days = days, End = asOf });

        var storePath = Path.Combine(folder, "standing.db");
        var (evaluations, example, stored) = GenerateAndEvaluate(simulator, folder, eventsPath, storePath, asOf);
        DemoSummary.Write(console, evaluations, simulator.Profiles.ToDictionary(p => p.Seller, p => p.Kind));

        console.WriteLine();
        console.MarkupLine($"Enforcement on the event store [underline]{Markup.Escape(storePath)}[/]:");
        // The run takes the facts just folded and stored, and the packs' evaluations of them, instead of decoding
        // the stored facts and evaluating every pack again: the same cases and notices, for less.
        var enforced = RunCommand.Run(storePath, endText, null, null, null, null, null, known: new KnownFacts(asOf, stored, evaluations));
        if (enforced != ExitCodes.Ok) return enforced;

        console.WriteLine();
        console.MarkupLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s. Results: [underline]{Markup.Escape(folder)}/results-<pack>.json[/]. Try:");
        // Commands to copy: printed whole, never folded at the console's width.
        TextWrap.Unwrapped(console, $"  standing evaluate --events {eventsPath} --policy {evaluations[0].Policy.Id} --as-of {endText}");
        TextWrap.Unwrapped(console, $"  standing explain --events {eventsPath} --policy {evaluations[0].Policy.Id} --as-of {endText} --seller {example}");
        TextWrap.Unwrapped(console, $"  standing cases list --db {storePath}");
        WriteServeHints(console, storePath, example, endText, listen, serving);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// One pass over the generated marketplace: its events go to events.ndjson and to a fresh SQLite event store (the
    /// demo's own file, replaced on every run) as they are generated, each seller folded once its events are done;
    /// then every pack is evaluated on those facts and the facts are stored with the events. Returns the evaluations,
    /// the seller the hints use as their example and the facts stored, by seller.
    /// </summary>
    private static (List<PolicyEvaluation> Evaluations, string Example, IReadOnlyDictionary<string, SellerFacts> Stored) GenerateAndEvaluate(
        MarketplaceSimulator simulator, string folder, string eventsPath, string storePath, Instant asOf)
    {
        var (sellers, days) = (simulator.Options.Sellers, simulator.Options.Days);
        foreach (var suffix in (string[])["", "-wal", "-shm"]) File.Delete(storePath + suffix);
        using var store = EventStore.Open(storePath, create: true);
        using var ingester = new EventIngester(store);
        var evaluators = BuiltInPacks.Ids.Select(id => new PolicyEvaluator(BuiltInPacks.Load(id))).ToList();
        var pass = new DemoPass(asOf, evaluators);
        // The file's writing thread hands each line it writes to the store's ingester: each line rendered once.
        var written = JobProgress.Run($"generating {sellers} sellers over {days} days", "sellers", progress =>
            EventFileBehind.Write(eventsPath, pass.Through(SellerProgress(simulator.Generate(), sellers, progress)),
                (e, line, canonical) => ingester.Add(e, eventsPath, line, canonical)));
        var facts = pass.Facts;
        Consoles.Out.MarkupLine($"[bold]Standing demo[/]: {sellers} sellers, {days} days, {written:N0} events, {facts.Sum(f => f.Orders.Count):N0} orders → [underline]{Markup.Escape(eventsPath)}[/]");

        // The store's writing thread finishes the last batches and builds the event indexes meanwhile (one core),
        // and the facts are stored with the events, as the daily run of another process would read them.
        var storing = Task.Run(() =>
        {
            ingester.Complete();
            pass.StoreFacts(store);
        });
        List<PolicyEvaluation> evaluations;
        try
        {
            evaluations = Evaluate(folder, facts, asOf, evaluators, pass);
        }
        catch
        {
            // The store is closed only once its writing is over; the evaluation's failure is the one reported.
            try { storing.Wait(); } catch (AggregateException) { }
            throw;
        }
        JobProgress.Run("storing the events in a SQLite event store", "events", progress =>
        {
            storing.GetAwaiter().GetResult();
            progress(written, written);
        });
        return (evaluations, DemoSummary.ExampleSeller(evaluations[0]) ?? facts[0].Seller, pass.Stored);
    }

    /// <summary>The generated events, passed through, reporting each seller begun (the generator writes seller after seller).</summary>
    private static IEnumerable<StandingEvent> SellerProgress(IEnumerable<StandingEvent> events, int sellers, Action<long, long> progress)
    {
        string? current = null;
        long begun = 0;
        foreach (var e in events)
        {
            if (!string.Equals(e.Seller, current, StringComparison.Ordinal))
            {
                current = e.Seller;
                progress(++begun, sellers);
            }
            yield return e;
        }
    }

    /// <summary>
    /// The demo store behind the HTTP API: an admin key and the example seller's key, printed once (the
    /// store keeps only their hashes; the store is the demo's own, replaced on every run).
    /// </summary>
    private static void WriteServeHints(IAnsiConsole console, string storePath, string seller, string asOf, string listen, bool serving)
    {
        using var keys = KeyStore.Open(storePath);
        var now = SystemClock.Instance.GetCurrentInstant();
        var admin = keys.Create("demo-admin", "admin", null, null, now).Text;
        var own = keys.Create($"demo-{seller}", "seller", seller, null, now).Text;
        console.WriteLine();
        console.MarkupLine(serving
            ? $"Serving the store at {listen} (pages, API, reference at {listen}/scalar) until Ctrl-C, with these keys (shown once):"
            : $"Serve the store over HTTP (API reference at {listen}/scalar), with these keys (shown once):");
        if (!serving) TextWrap.Unwrapped(console, $"  standing serve --db {storePath} --listen {listen}");
        TextWrap.Unwrapped(console, $"  admin key: {admin}");
        TextWrap.Unwrapped(console, $"  seller key of {seller}: {own}");
        TextWrap.Unwrapped(console, $"  curl -H \"Authorization: Bearer {own}\" \"{listen}/v1/sellers/{seller}/standing?policy=congocrea&asOf={asOf}\"");
        TextWrap.Unwrapped(console, $"  pages: {listen}/sign-in (paste a key: the admin key opens {listen}/overview, the seller key {listen}/sellers/{seller})");
    }

    /// <summary>
    /// Every built-in pack evaluated on the facts (those that judge each seller alone were evaluated seller by seller
    /// on the way), each one's results written to results-&lt;pack&gt;.json.
    /// </summary>
    private static List<PolicyEvaluation> Evaluate(string folder, IReadOnlyList<SellerFacts> facts, Instant asOf, List<PolicyEvaluator> evaluators, DemoPass pass)
    {
        var evaluations = new List<PolicyEvaluation>();
        JobProgress.Run("evaluating every pack", "packs", progress =>
        {
            foreach (var evaluator in evaluators)
            {
                var evaluation = pass.EvaluatedOnTheWay(evaluator) ?? evaluator.Evaluate(facts, asOf);
                evaluations.Add(evaluation);
                using var file = File.Create(Path.Combine(folder, $"results-{evaluator.Policy.Id}.json"));
                EvaluationDocument.Write(file, [evaluation], explain: false);
                progress(evaluations.Count, evaluators.Count);
            }
        });
        return evaluations;
    }
}
