using NodaTime;
using Standing.Data.Backtests;
using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Store.Tests;

/// <summary>The server's backtests in the store (schema 9): kept by state, and added to a store of version 8 without losing its data.</summary>
public abstract partial class StoreContract
{
    private static readonly Instant Asked = Instant.FromUtc(2026, 4, 2, 9, 30);

    private static StoredBacktest Backtest(string id, Instant requestedAt) => new()
    {
        Id = id, Standard = "congocrea", Baseline = "congocrea", BaselineVersion = "1", Candidate = "policy_yaml", CandidateVersion = "2",
        From = "2026-03-04", To = "2026-03-06", Days = 3, State = BacktestStates.Queued, StartedBy = "admin", RequestedAt = requestedAt,
    };

    [Fact]
    public void A_backtest_moves_through_its_states_once_each_and_keeps_its_reports()
    {
        var target = NewTarget();
        using (var events = EventStore.Open(target, create: true)) events.Append([Events.Placed("a", "shop-1")]);
        using var store = BacktestStore.Open(target);
        store.Add(Backtest("bt-1", Asked), """{"policy":"congocrea"}""");
        store.Add(Backtest("bt-2", Asked + Duration.FromMinutes(1)), "{}");
        store.Add(Backtest("bt-3", Asked + Duration.FromMinutes(2)), "{}");

        Assert.Equal(["bt-3", "bt-2", "bt-1"], store.List(0, 10).Select(r => r.Id));
        Assert.Equal(["bt-2"], store.List(1, 1).Select(r => r.Id));
        Assert.Equal("""{"policy":"congocrea"}""", store.Request("bt-1"));

        Assert.False(store.MarkDone("bt-1", "{}", "<html>", Asked)); // not running yet
        Assert.True(store.MarkRunning("bt-1", Asked));
        Assert.False(store.MarkRunning("bt-1", Asked)); // a second runner does not take it
        Assert.Null(store.ReportHtml("bt-1"));
        Assert.True(store.MarkDone("bt-1", """{"standard":"congocrea"}""", "<!DOCTYPE html><p>report</p>", Asked + Duration.FromSeconds(5)));
        Assert.Equal("<!DOCTYPE html><p>report</p>", store.ReportHtml("bt-1"));
        Assert.Equal("""{"standard":"congocrea"}""", store.ReportJson("bt-1"));
        Assert.False(store.MarkEnded("bt-1", BacktestStates.Interrupted, "stopped", Asked)); // done stays done
        Assert.False(store.Requeue("bt-1"));

        Assert.True(store.MarkRunning("bt-2", Asked));
        Assert.Equal(["bt-2", "bt-3"], store.Unfinished().Select(r => r.Id));
        Assert.True(store.MarkEnded("bt-2", BacktestStates.Interrupted, "the server stopped", Asked + Duration.FromMinutes(3)));
        var interrupted = store.Find("bt-2")!;
        Assert.Equal((BacktestStates.Interrupted, "the server stopped", 1), (interrupted.State, interrupted.Error, interrupted.Attempts));
        Assert.Null(store.ReportJson("bt-2"));

        Assert.True(store.Requeue("bt-2"));
        Assert.False(store.Requeue("bt-2")); // queued already: a second click starts nothing more
        var again = store.Find("bt-2")!;
        Assert.Equal((BacktestStates.Queued, (string?)null, (Instant?)null, 2), (again.State, again.Error, again.StartedAt, again.Attempts));
        Assert.Equal(Asked + Duration.FromMinutes(1), again.RequestedAt);
        Assert.Equal(3, store.Count());
    }

    [Fact]
    public void A_store_of_version_8_gets_the_backtests_table_and_keeps_its_events_keys_and_marketplaces()
    {
        var target = NewTarget();
        var events = Events.Mixed(60);
        using (var store = EventStore.Open(target, create: true)) store.Append(events);
        using (var keys = KeyStore.Open(target)) Assert.NotNull(keys.Create("ops", KeyRoles.Operator, null, null, Asked).Key);
        // Back to the schema before backtests: its own table gone, version 8.
        ExecuteSql(target, "DROP TABLE backtest_runs");
        ExecuteSql(target, "UPDATE standing_meta SET value = '8' WHERE key = 'schema_version'");
        string before;
        using (var old = EventStore.Open(target, create: false)) before = string.Join('\n', old.ReadAll().Select(Standing.Data.Ndjson.NdjsonEventWriter.ToLine).Order(StringComparer.Ordinal));

        using var backtests = BacktestStore.Open(target); // opens (and migrates) as the server does
        backtests.Add(Backtest("bt-1", Asked), "{}");
        Assert.Equal("bt-1", Assert.Single(backtests.List(0, 10)).Id);
        using var migrated = EventStore.Open(target, create: false);
        Assert.Equal(before, string.Join('\n', migrated.ReadAll().Select(Standing.Data.Ndjson.NdjsonEventWriter.ToLine).Order(StringComparer.Ordinal)));
        Assert.Equal(events.Count, migrated.Count());
        using var kept = KeyStore.Open(target);
        Assert.Equal("ops", Assert.Single(kept.List()).Name);
    }
}
