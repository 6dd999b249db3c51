using Microsoft.Data.Sqlite;
using Standing.Core.Events;
using Standing.Data.Ndjson;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>
/// A first load into an empty SQLite store folds every seller's facts from the events it kept in memory
/// (<see cref="EventIngester.Loaded"/>) rather than from the log: the facts it stores must be, byte for byte, what a
/// fold of the log stores (<c>standing rebuild</c>), whatever the repeats, conflicts and batch ends met on the way.
/// </summary>
public sealed class SqliteFirstLoadFactsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(7, true)] // more repeats deferred than a batch holds: the indexes are built midway, and the events are let go
    [InlineData(100, true)] // the repeats deferred until the indexes are built at the end
    [InlineData(1_000, true)] // one batch: the repeats settled inside it
    [InlineData(100, false)] // a keep limit below the load's size: folded from the log
    public void A_first_loads_facts_folded_from_memory_are_those_a_fold_of_the_log_stores(int batchSize, bool keepAll)
    {
        // Events of a seller not in time order, reviews read before their orders, order updates in later batches, then
        // repeats (duplicates) and changed bodies (conflicts): each fact list's order is the order its ids were first
        // read, and only the events the store accepted may count.
        var events = Enumerable.Range(0, 60).SelectMany(i => new[]
        {
            // Texts, amounts and currencies as the facts keep them: what the compact kept form must give back exactly.
            Events.Review($"r{i}", $"s-{i % 9}", $"o-p{59 - i}", stars: 1 + (i % 5), minute: 300 - i) with { Text = $"très bien {i} 👍" },
            Events.Placed($"p{i}", $"s-{i % 9}", minute: 120 - i) with { Amount = 10.50m + i, Currency = i % 2 == 0 ? "EUR" : "PLN" },
        }).ToList();
        events.AddRange(Enumerable.Range(0, 60).Where(i => i % 4 == 0).Select(i => new StandingEvent
        {
            Id = $"x{i}", Type = EventType.OrderStatus, At = Events.T0.Plus(NodaTime.Duration.FromMinutes(400 + i)),
            Seller = $"s-{i % 9}", Order = $"o-p{i}", Status = OrderStatus.Cancelled, By = "buyer",
        }));
        var again = events.Where((_, i) => i % 3 == 0).ToList();
        var changed = events.Where((_, i) => i % 7 == 1 && events[i].Type == EventType.OrderPlaced)
            .Select(e => Events.Placed(e.Id, e.Seller, minute: 900)).ToList();
        var file = _temp.File("in.ndjson");
        var tail = Enumerable.Range(0, 9).Select(i => Events.Placed($"t{i}", $"s-{i}", minute: 1_000 + i)).ToList();
        File.WriteAllLines(file, events.Concat(again).Concat(changed).Concat(tail).Select(NdjsonEventWriter.ToLine));

        var fromMemory = _temp.File("memory.db");
        var kept = Load(fromMemory, file, batchSize, keepAll ? EventIngester.DefaultKeepUpTo : 100);
        var fromLog = _temp.File("log.db");
        Load(fromLog, file, batchSize, keepUpTo: 0);

        // Kept unless the load went on with its indexes (every event read after that takes the next free place).
        Assert.Equal(keepAll && batchSize > 7, kept);
        var sql = "SELECT seller, changed, format, body FROM seller_facts ORDER BY seller";
        var want = Query(fromLog, sql);
        var got = Query(fromMemory, sql);
        Assert.Equal(9, want.Count);
        Assert.Equal(want.Count, got.Count);
        for (var i = 0; i < want.Count; i++) Assert.True(want[i].SequenceEqual(got[i]), $"{want[i][0]}: the stored facts differ");
    }

    /// <summary>
    /// The acceptance scenarios' events, every file one after another into one store: every event kind of docs/events.md
    /// but order.risk_flagged (cases, refunds, chats, complaints, shipments, corrections, plans, registrations, reviews
    /// replied, resolved, flagged and removed), each field as the facts keep it. Folded from memory, they give the facts a
    /// fold of the log gives, byte for byte.
    /// </summary>
    [Theory]
    [InlineData(500)]
    [InlineData(50_000)]
    public void Every_event_kind_folded_from_memory_gives_the_facts_a_fold_of_the_log_gives(int batchSize)
    {
        var scenarios = Path.Combine(RepoRoot(), "tests", "Standing.Cli.Tests", "Acceptance", "Scenarios");
        var file = _temp.File("scenarios.ndjson");
        File.WriteAllLines(file, Directory.GetFiles(scenarios, "*.ndjson").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines));
        var fromMemory = _temp.File("memory.db");
        var fromLog = _temp.File("log.db");
        Assert.True(Load(fromMemory, file, batchSize, EventIngester.DefaultKeepUpTo, sellers: null));
        Load(fromLog, file, batchSize, keepUpTo: 0, sellers: null);

        var sql = "SELECT seller, changed, format, body FROM seller_facts ORDER BY seller";
        var want = Query(fromLog, sql);
        var got = Query(fromMemory, sql);
        Assert.True(want.Count > 10, "the scenarios' sellers were folded");
        Assert.Equal(want.Count, got.Count);
        for (var i = 0; i < want.Count; i++) Assert.True(want[i].SequenceEqual(got[i]), $"{want[i][0]}: the stored facts differ");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Standing.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Standing.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>Loads <paramref name="file"/> into a new store and folds its facts as <c>standing ingest</c> does; whether the events were kept.</summary>
    /// <param name="sellers">the sellers the store holds, all folded from the kept events when they were kept (null: not checked)</param>
    private static bool Load(string target, string file, int batchSize, int keepUpTo, int? sellers = 9)
    {
        using var store = EventStore.Open(target, create: true);
        LoadedEvents? loaded;
        using (var ingester = new EventIngester(store, batchSize, advanceFacts: true, keepUpTo))
        {
            NdjsonFileSource.Read(file, ingester);
            ingester.Complete();
            loaded = ingester.Loaded;
        }
        var projection = new FactProjection(store);
        projection.Refresh(loaded);
        // Kept events serve every seller (the store holds no other), or none.
        if (sellers is { } all) Assert.Equal(loaded is null ? 0 : all, projection.LastFromLoad);
        else Assert.True(loaded is null ? projection.LastFromLoad == 0 : projection.LastFromLoad > 0);
        return loaded is not null;
    }

    private static List<object?[]> Query(string target, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            for (var i = 0; i < row.Length; i++) if (row[i] is byte[] bytes) row[i] = Convert.ToHexString(bytes); // compared by value
            rows.Add(row);
        }
        return rows;
    }
}
