using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Policies;

namespace Standing.Store.Tests;

/// <summary>The seller projection: kept with every batch, used to fold only changed sellers, rebuilt from the log.</summary>
public abstract partial class StoreContract
{
    /// <summary>Runs raw SQL on the store's database (to age or damage it on purpose).</summary>
    protected abstract void ExecuteSql(string target, string sql);

    private static readonly Instant Day2 = Events.T0.Plus(Duration.FromDays(1));

    /// <summary>Day 1: shop-1 … shop-5, four orders each, placed on T0.</summary>
    private static List<StandingEvent> DayOne() =>
        [.. Enumerable.Range(1, 5).SelectMany(s => Enumerable.Range(0, 4).Select(o => Events.Placed($"d1-{s}-{o}", $"shop-{s}", minute: o)))];

    /// <summary>
    /// Day 2 touches shop-2 (three new orders) and shop-4 (a one-star review of a day-1 order); it also
    /// repeats one of shop-1's day-1 events, which is a duplicate and changes nothing.
    /// </summary>
    private static List<StandingEvent> DayTwo() =>
    [
        .. Enumerable.Range(0, 3).Select(o => Events.Placed($"d2-2-{o}", "shop-2", minute: 1440 + o)),
        Events.Review("d2-4-r", "shop-4", "o-d1-4-0", stars: 1, minute: 1500),
        Events.Placed("d1-1-0", "shop-1", minute: 0),
    ];

    [Fact]
    public void Appending_a_day_folds_again_only_the_sellers_that_day_touched()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(DayOne());
        var projection = new FactProjection(store);
        Assert.Equal(["shop-1", "shop-2", "shop-3", "shop-4", "shop-5"], projection.Refresh());
        Assert.Empty(projection.Refresh()); // nothing changed: nothing folded

        var result = store.Append(DayTwo());
        Assert.Equal(["shop-2", "shop-4"], result.ChangedSellers.Order(StringComparer.Ordinal));
        Assert.Equal(["shop-2", "shop-4"], projection.Refresh());
        Assert.Equal(5 + 2, projection.Folds);

        // The rows, worked out by hand: 4 events each on day 1; shop-2 gained 3, shop-4 gained 1,
        // both at the new log position; the others stayed where day 1 left them.
        var rows = store.Sellers().ToDictionary(r => r.Seller);
        Assert.Equal([4L, 7, 4, 5, 4], rows.Values.Select(r => r.Events));
        var position = store.LogPosition();
        Assert.Equal(position, rows["shop-2"].Changed);
        Assert.Equal(position, rows["shop-4"].Changed);
        Assert.All(new[] { "shop-1", "shop-3", "shop-5" }, s => Assert.True(rows[s].Changed < position));
        Assert.Equal(Day2.Plus(Duration.FromMinutes(2)), rows["shop-2"].LastAt);
        Assert.Equal(Events.T0, rows["shop-2"].FirstAt);
        Assert.Equal(Events.T0.Plus(Duration.FromMinutes(1500)), rows["shop-4"].LastAt);
    }

    [Fact]
    public void Facts_from_the_projection_equal_a_fresh_fold_of_the_log_at_any_as_of()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.Append(DayOne());
        var projection = new FactProjection(store);
        projection.Refresh();
        store.Append(DayTwo());
        var evaluator = new PolicyEvaluator(BuiltInPacks.Load("congocrea"));
        // Before any event, and between the days (shop-2 and shop-4 must be folded as of then).
        foreach (var asOf in new[] { Events.T0, Events.T0.Plus(Duration.FromHours(12)) })
        {
            Assert.Equal(Summary(evaluator.Evaluate(FactFolder.Fold(store.ReadAll(), asOf), asOf)), Summary(evaluator.Evaluate(projection.FactsAsOf(asOf), asOf)));
        }
        Assert.Equal(["shop-2", "shop-4"], projection.LastFolded);
        // Folding them as of an instant before their day-2 events kept nothing stale for later.
        Assert.Equal(["shop-2", "shop-4"], projection.Refresh());

        // After both days: every seller's facts are reused, none folded, and they equal a fresh fold.
        var after = Day2.Plus(Duration.FromDays(10));
        var projected = projection.FactsAsOf(after);
        Assert.Empty(projection.LastFolded);
        Assert.Equal(Summary(evaluator.Evaluate(FactFolder.Fold(store.ReadAll(), after), after)), Summary(evaluator.Evaluate(projected, after)));
    }

    [Fact]
    public void Rebuild_recomputes_a_damaged_projection_from_the_log_and_evaluation_is_unchanged()
    {
        var target = NewTarget();
        var day1 = Temp.File("day1.ndjson");
        var day2 = Temp.File("day2.ndjson");
        NdjsonEventWriter.WriteFile(day1, DayOne());
        NdjsonEventWriter.WriteFile(day2, DayTwo());
        Assert.Equal(0, StandingProcess.Run("ingest", day1, "--db", target).ExitCode);
        var second = StandingProcess.Run("ingest", day2, "--db", target);
        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);
        Assert.Matches(@"sellers changed\s+2\b", second.Stdout);

        // Damage the projection: a seller missing, counts wrong.
        ExecuteSql(target, "DELETE FROM seller_projection WHERE seller = 'shop-3'");
        ExecuteSql(target, "UPDATE seller_projection SET events = 99");
        var rebuild = StandingProcess.Run("rebuild", "--db", target);
        Assert.True(rebuild.ExitCode == 0, rebuild.Stderr + rebuild.Stdout);
        Assert.Matches(@"sellers\s+5\b", rebuild.Stdout);

        using (var store = EventStore.Open(target, create: false))
        {
            var rows = store.Sellers();
            Assert.Equal(["shop-1", "shop-2", "shop-3", "shop-4", "shop-5"], rows.Select(r => r.Seller));
            Assert.Equal([4L, 7, 4, 5, 4], rows.Select(r => r.Events));
            Assert.All(rows, r => Assert.Equal(store.LogPosition(), r.Changed));
        }

        var both = Temp.File("both.ndjson");
        NdjsonEventWriter.WriteFile(both, [.. DayOne(), .. DayTwo()]);
        var asOf = "2026-03-20T00:00:00Z";
        var fromFile = StandingProcess.Run("evaluate", "--events", both, "--policy", "congocrea", "--as-of", asOf, "--format", "json");
        var fromStore = StandingProcess.Run("evaluate", "--db", target, "--policy", "congocrea", "--as-of", asOf, "--format", "json");
        Assert.True(fromStore.ExitCode == 0, fromStore.Stderr);
        Assert.Contains("shop-4", fromStore.Stdout);
        Assert.Equal(fromFile.Stdout, fromStore.Stdout);
    }

    [Fact]
    public void A_version_1_store_is_migrated_and_its_projection_computed_from_the_log()
    {
        var target = NewTarget();
        using (var store = EventStore.Open(target, create: true)) store.Append([.. DayOne(), .. DayTwo()]);
        // Take it back to version 1: only the log; no projection, no log position, no enforcement tables.
        foreach (var table in (string[])["seller_projection", "seller_facts", "enforcement_cases", "enforcement_audit", "enforcement_notices", "enforcement_deliveries", "disputes", "enforcement_runs"])
        {
            ExecuteSql(target, $"DROP TABLE {table}");
        }
        ExecuteSql(target, "DELETE FROM standing_meta WHERE key = 'log_position'");
        ExecuteSql(target, "UPDATE standing_meta SET value = '1' WHERE key = 'schema_version'");

        using var migrated = EventStore.Open(target, create: false);
        var rows = migrated.Sellers();
        Assert.Equal([4L, 7, 4, 5, 4], rows.Select(r => r.Events));
        Assert.Equal(1, migrated.LogPosition());
        Assert.Equal(Day2.Plus(Duration.FromMinutes(2)), rows[1].LastAt);
        Assert.Equal(DayOne().Count + DayTwo().Count - 1, migrated.Count());
        Assert.Equal(5, new FactProjection(migrated).Refresh().Count);
    }

    [Fact]
    public void Ingest_stores_the_facts_of_the_sellers_it_touched_and_a_later_process_reads_them_instead_of_the_events()
    {
        var target = NewTarget();
        var day1 = Temp.File("day1.ndjson");
        var day2 = Temp.File("day2.ndjson");
        NdjsonEventWriter.WriteFile(day1, DayOne());
        NdjsonEventWriter.WriteFile(day2, DayTwo());
        const string asOf = "2026-03-20T00:00:00Z"; // after both days
        Assert.Equal(0, StandingProcess.Run("ingest", day1, "--db", target).ExitCode);
        Assert.Equal(0, StandingProcess.Run("evaluate", "--db", target, "--policy", "congocrea", "--as-of", asOf).ExitCode);
        var second = StandingProcess.Run("ingest", day2, "--db", target);
        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);

        // Day 2 touched two sellers: shop-2's later orders were folded onto its stored facts, and shop-4 (a review
        // of an earlier order) was folded again from its events; no other seller was.
        Assert.Matches(@"sellers changed\s+2\b", second.Stdout);
        Assert.Matches(@"facts advanced\s+1\b", second.Stdout);
        Assert.Matches(@"facts stored\s+1\b", second.Stdout);

        using var reopened = EventStore.Open(target, create: false);
        var now = reopened.Sellers().ToDictionary(r => r.Seller, r => r.Changed);
        var stored = reopened.ReadFacts();
        Assert.Equal(["shop-1", "shop-2", "shop-3", "shop-4", "shop-5"], stored.Select(f => f.Seller));
        Assert.All(stored, f => Assert.Equal(now[f.Seller], f.Changed));
        Assert.All(stored, f => Assert.Equal(FactSnapshot.Format, f.Format));

        // A new projection (as a new process would make) folds nobody after the last event...
        var projection = new FactProjection(reopened);
        var after = Day2.Plus(Duration.FromDays(10));
        var facts = projection.FactsAsOf(after);
        Assert.Empty(projection.LastFolded);
        Assert.Equal(5, projection.LastReused);
        Assert.Empty(projection.Refresh());
        // ...and its facts are the log's: shop-4's order o-d1-4-0 carries the day-2 one-star review.
        var evaluator = new PolicyEvaluator(BuiltInPacks.Load("congocrea"));
        Assert.Equal(Summary(evaluator.Evaluate(FactFolder.Fold(reopened.ReadAll(), after), after)), Summary(evaluator.Evaluate(facts, after)));
        Assert.Equal(1, facts.Single(f => f.Seller == "shop-4").Orders.Single(o => o.Order == "o-d1-4-0").LowestReviewStars);
        Assert.Equal(7, facts.Single(f => f.Seller == "shop-2").Orders.Count);
    }

    [Fact]
    public void Stale_foreign_or_damaged_stored_facts_are_folded_again_from_the_log()
    {
        var target = NewTarget();
        using var store = EventStore.Open(target, create: true);
        store.Append(DayOne());
        var projection = new FactProjection(store);
        Assert.Equal(5, projection.Refresh().Count);
        var position = store.Sellers("shop-1").Single().Changed;

        // shop-1: another build's format; shop-2: an older build's (format 6 held orders as fixed longs);
        // shop-3: bytes that are no snapshot; shop-5: appended to without a refresh (as a load killed
        // before its refresh leaves it).
        store.WriteFacts([
            new StoredFacts("shop-1", position, FactSnapshot.Format + 1, [1, 2, 3]),
            new StoredFacts("shop-2", store.Sellers("shop-2").Single().Changed, FactSnapshot.Format - 1, [6, 0, 0, 0]),
            new StoredFacts("shop-3", position, FactSnapshot.Format, [1, 2, 3]),
        ]);
        store.Append([Events.Placed("late-5", "shop-5", minute: 30)]);

        var after = Day2.Plus(Duration.FromDays(10));
        var facts = projection.FactsAsOf(after);
        Assert.Equal(["shop-1", "shop-2", "shop-3", "shop-5"], projection.LastFolded);
        var evaluator = new PolicyEvaluator(BuiltInPacks.Load("congocrea"));
        Assert.Equal(Summary(evaluator.Evaluate(FactFolder.Fold(store.ReadAll(), after), after)), Summary(evaluator.Evaluate(facts, after)));
        Assert.Equal(5, facts.Single(f => f.Seller == "shop-5").Orders.Count);

        // The read stored what it folded: nothing is left to fold, now or for a refresh.
        Assert.Equal(4, projection.LastStored);
        Assert.Empty(projection.Refresh());
        projection.FactsAsOf(after);
        Assert.Empty(projection.LastFolded);
        // A rebuild drops every stored fact: all sellers are folded again, once.
        store.RebuildProjection();
        Assert.Equal(5, projection.Refresh().Count);
        Assert.Empty(projection.Refresh());
    }

    [Fact]
    public void An_as_of_between_a_last_event_and_the_microsecond_the_store_rounds_it_to_is_not_served_stored_facts()
    {
        // The store keeps last_at to the microsecond; the event is at 10 min + 500 ns, as-of at 10 min + 100 ns:
        // the event is not yet known, so only one order may show, stored facts or not.
        var tenMinutes = Events.T0.Plus(Duration.FromMinutes(10));
        var asOf = tenMinutes.PlusNanoseconds(100);
        var nextDay = tenMinutes.Plus(Duration.FromDays(1));
        foreach (var refreshFirst in new[] { true, false })
        {
            using var store = EventStore.Open(NewTarget(), create: true);
            store.Append([Events.Placed("e-1", "shop-1"), Events.Placed("e-2", "shop-1", minute: 10) with { At = tenMinutes.PlusNanoseconds(500) }]);
            var projection = new FactProjection(store);
            if (refreshFirst) projection.Refresh(); // facts of both orders stored: they must not serve this as-of

            Assert.Single(projection.FactsAsOf(asOf).Single().Orders);
            // Nor are facts folded as of then stored as if they held every event.
            Assert.Equal(2, projection.FactsAsOf(nextDay).Single().Orders.Count);
        }
    }

    [Fact]
    public void Stored_facts_are_never_replaced_by_facts_folded_at_an_earlier_position()
    {
        using var store = EventStore.Open(NewTarget(), create: true);
        store.WriteFacts([new StoredFacts("shop-1", 7, FactSnapshot.Format, [7])]);
        store.WriteFacts([new StoredFacts("shop-1", 6, FactSnapshot.Format, [6])]);
        Assert.Equal([(byte)7], store.ReadFacts(["shop-1"]).Single().Body);
        store.WriteFacts([new StoredFacts("shop-1", 8, FactSnapshot.Format, [8]), new StoredFacts("shop-2", 1, FactSnapshot.Format, [1])]);
        Assert.Equal([[(byte)8], [(byte)1]], store.ReadFacts().Select(f => f.Body));
        Assert.Equal([8L, 1], store.ReadFacts(null, bodies: false).Select(f => f.Changed));
    }

    private static List<string> Summary(PolicyEvaluation evaluation) =>
    [
        .. evaluation.Sellers.SelectMany(s => s.Metrics.Select(m => $"{s.Seller} {m.Id} {m.Value} {m.Numerator}/{m.Denominator} {m.Pending} {m.Status}")
            .Concat(s.Outcomes.Select(o => $"{s.Seller} {o.Id} {o.Triggered}"))),
    ];
}
