using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Standing.Core.Events;
using Standing.Data.Enforcement;
using Standing.Data.Ndjson;
using Standing.Data.Store;
using Standing.Enforcement.Cases;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// Through the real <c>standing</c> command, against SQLite and a real PostgreSQL: the daily job
/// never rewrites the past (a day before the latest one run is refused, a day already run is skipped),
/// people's decisions are audited with the metric values the case last had, and explain's JSON lists
/// the items of accepted disputes. Dates of the Prom.ua history: see <see cref="PromuaHistory"/>
/// (both companies are excluded by the run of 1 March; day 14 is 15 March).
/// </summary>
public abstract class EnforcementHistoryContract : IDisposable
{
    protected TempFolder Temp { get; } = new();

    /// <summary>A --db target for a new, empty store.</summary>
    protected abstract string NewTarget();

    /// <summary>Runs SQL on the store directly, as an older Standing would have left it.</summary>
    protected abstract void Execute(string target, string sql);

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Policy => Temp.Write("promua.yaml", PromuaHistory.Policy);

    private string StoreWith(string ndjson)
    {
        var target = NewTarget();
        var ingest = StandingProcess.Run("ingest", Temp.Write($"events-{Guid.NewGuid():N}.ndjson", ndjson), "--db", target);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        return target;
    }

    private static StandingProcess.Result Ok(params string[] args)
    {
        var run = StandingProcess.Run(args);
        Assert.True(run.ExitCode == 0, $"standing {string.Join(' ', args)} failed ({run.ExitCode}): {run.Stderr}");
        return run;
    }

    /// <summary>Every case with its audit trail and notices, as JSON text: what "nothing changed" compares.</summary>
    private static string Everything(string target)
    {
        var list = Ok("cases", "list", "--db", target, "--format", "json").Stdout;
        var shown = JsonDocument.Parse(list).RootElement.EnumerateArray()
            .Select(c => Ok("cases", "show", c.GetProperty("id").GetString()!, "--db", target, "--format", "json").Stdout);
        return list + string.Concat(shown);
    }

    private static void AssertRefused(StandingProcess.Result run, string latest, string refused)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("promua: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"has been run up to {latest} (the latest as-of recorded)", run.Stderr);
        Assert.Contains($"refusing to run as of {refused}, earlier and never run: it would change cases in the past", run.Stderr);
        Assert.Contains("Replays of history belong on a fresh store", run.Stderr);
        Assert.Contains("Nothing was changed", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    /// <summary>The run of 4 March excludes both companies (the four February reviews, 2/4 = 50%); day 14 is 18 March.</summary>
    [Fact]
    public void A_day_before_the_latest_run_is_refused_and_nothing_changes()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--as-of", "2026-03-04", "--policy", Policy);
        var before = Everything(target);
        Assert.Equal(2, JsonDocument.Parse(Ok("cases", "list", "--db", target, "--format", "json").Stdout).RootElement.GetArrayLength());

        AssertRefused(StandingProcess.Run("run", "--db", target, "--as-of", "2026-03-01", "--policy", Policy),
            "2026-03-04T00:00:00+02:00", "2026-03-01T00:00:00+02:00");
        // An instant counts as much as a date: an hour before the latest run is refused too.
        AssertRefused(StandingProcess.Run("run", "--db", target, "--as-of", "2026-03-03T23:00:00+02:00", "--policy", Policy),
            "2026-03-04T00:00:00+02:00", "2026-03-03T23:00:00+02:00");
        Assert.Equal(before, Everything(target));

        // The day already run is a no-op, and the job goes on from there.
        var again = Ok("run", "--db", target, "--as-of", "2026-03-04", "--policy", Policy);
        Assert.Contains("2026-03-04T00:00:00+02:00 promua: already run; nothing changed", again.Stdout);
        Assert.Equal(before, Everything(target));
        Ok("run", "--db", target, "--from", "2026-03-05", "--to", "2026-03-18", "--policy", Policy);
        var cases = JsonDocument.Parse(Ok("cases", "list", "--db", target, "--format", "json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal("reinstated", cases.Single(c => c.GetProperty("seller").GetString() == "shop-letter" && c.GetProperty("kind").GetString() == "catalog_exclusion").GetProperty("state").GetString());
    }

    [Fact]
    public void A_range_with_a_day_before_the_latest_that_never_ran_is_refused_whole()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--as-of", "2026-03-01", "--policy", Policy);
        Ok("run", "--db", target, "--as-of", "2026-03-05", "--policy", Policy);
        var before = Everything(target);

        // 1 and 5 March ran; 2 March did not: the whole range is refused, so 6–16 March do not run either.
        AssertRefused(StandingProcess.Run("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-16", "--policy", Policy),
            "2026-03-05T00:00:00+02:00", "2026-03-02T00:00:00+02:00");
        Assert.Equal(before, Everything(target));

        // From the latest day on, it runs: 5 March is skipped, 6–16 March run, and day 14 re-checks.
        var run = Ok("run", "--db", target, "--from", "2026-03-05", "--to", "2026-03-16", "--policy", Policy);
        Assert.Contains("2026-03-05T00:00:00+02:00 promua: already run; nothing changed", run.Stdout);
        Assert.Contains("2026-03-15T00:00:00+02:00 promua: 2 sellers evaluated", run.Stdout);
        var cases = JsonDocument.Parse(Ok("cases", "list", "--db", target, "--format", "json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal("reinstated", cases.Single(c => c.GetProperty("seller").GetString() == "shop-letter" && c.GetProperty("kind").GetString() == "catalog_exclusion").GetProperty("state").GetString());

        // And the range run twice is a no-op throughout.
        var after = Everything(target);
        var twice = Ok("run", "--db", target, "--from", "2026-03-05", "--to", "2026-03-16", "--policy", Policy);
        Assert.DoesNotContain("sellers evaluated", twice.Stdout);
        Assert.Equal(after, Everything(target));
    }

    /// <summary>
    /// A store enforced by a Standing without run records (its schema at version 4, the table
    /// gone) learns its runs from the rule transitions of its audit trail when it is upgraded: the
    /// exclusions of 1 March and the re-checks of 15 March (the letter, opened at its own instant of
    /// 11 March 12:00, is not a run). So 2 March is refused, 15 March is skipped, 16 March runs.
    /// </summary>
    [Fact]
    public void A_store_upgraded_from_before_run_records_knows_its_latest_run_from_the_audit_trail()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Policy);
        // Back to the schema before run records: undo the migrations after it (outbox claims, API keys), then its own.
        foreach (var column in new[] { "failed_at", "claimed_by", "claimed_until", "next_attempt_at" })
            Execute(target, $"ALTER TABLE enforcement_deliveries DROP COLUMN {column}");
        Execute(target, "DROP TABLE enforcement_runs");
        Execute(target, "DROP TABLE api_keys");
        Execute(target, "UPDATE standing_meta SET value = '4' WHERE key = 'schema_version'"); // version 5 added the run records, 6 outbox claims, 7 API keys
        var before = Everything(target);

        AssertRefused(StandingProcess.Run("run", "--db", target, "--as-of", "2026-03-02", "--policy", Policy),
            "2026-03-15T00:00:00+02:00", "2026-03-02T00:00:00+02:00");
        AssertRefused(StandingProcess.Run("run", "--db", target, "--as-of", "2026-03-12", "--policy", Policy),
            "2026-03-15T00:00:00+02:00", "2026-03-12T00:00:00+02:00");
        Assert.Contains("already run", Ok("run", "--db", target, "--as-of", "2026-03-15", "--policy", Policy).Stdout);
        Assert.Equal(before, Everything(target));
        Assert.Contains("2 sellers evaluated", Ok("run", "--db", target, "--as-of", "2026-03-16", "--policy", Policy).Stdout);
    }

    /// <summary>Two runs at once: the one saving an as-of before one the other recorded meanwhile saves nothing.</summary>
    [Fact]
    public void A_run_saved_after_a_later_one_was_recorded_meanwhile_saves_nothing()
    {
        var target = NewTarget();
        using (var log = EventStore.Open(target, create: true)) log.Append([Events.Placed("a", "shop-1")]);
        using var store = EnforcementStore.Open(target);
        var day = NodaTime.Instant.FromUtc(2026, 3, 10, 0, 0);
        store.Save([], ("promua", day));

        var book = new CaseBook("shop-1", "promua", []);
        var earlier = day - NodaTime.Duration.FromDays(1);
        book.Open(new EnforcementCase
        {
            Id = "promua.catalog_exclusion.shop-1.20260309", Seller = "shop-1", Policy = "promua", Kind = CaseKinds.CatalogExclusion,
            State = CaseStates.Excluded, OpenedAt = earlier, UpdatedAt = earlier,
        }, Actor.Rule("promua", "catalog_exclusion"), "test", []);
        var refused = Assert.Throws<EventStoreException>(() => store.Save([book], ("promua", earlier)));
        Assert.Contains("promua was run as of 2026-03-10T00:00:00Z meanwhile, after 2026-03-09T00:00:00Z", refused.Message);
        Assert.Empty(store.Cases());
        Assert.Equal(day, store.Runs("promua").Latest);
        Assert.False(store.Runs("promua").WasRun(earlier));

        store.Save([book], ("douyin", earlier)); // another policy's history is its own
        Assert.Single(store.Cases());
        Assert.Equal(earlier, store.Runs("douyin").Latest);
    }

    [Fact]
    public void A_persons_decision_is_audited_with_the_metric_values_the_case_last_had()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Policy);
        var id = JsonDocument.Parse(Ok("cases", "list", "--db", target, "--seller", "shop-silent", "--kind", "catalog_exclusion", "--format", "json").Stdout)
            .RootElement[0].GetProperty("id").GetString()!;

        // The re-check of 15 March saw 6 reviews in 90 days, 2 of them negative: 2/6, below 40%.
        Ok("cases", "decide", id, "--db", target, "--decision", "reinstate", "--by", "olena", "--note", "letter came by post", "--at", "2026-03-15T09:00:00Z");
        var audit = JsonDocument.Parse(Ok("cases", "show", id, "--db", target, "--format", "json").Stdout).RootElement.GetProperty("audit").EnumerateArray().ToList();
        Assert.Equal(["opened", "re-checked", "reinstate"], audit.Select(a => a.GetProperty("action").GetString()));
        var decision = audit[2];
        Assert.Equal("person:olena", decision.GetProperty("actor").GetString());
        var rate = Assert.Single(decision.GetProperty("snapshot").EnumerateArray());
        Assert.Equal("negative_review_rate", rate.GetProperty("metric").GetString());
        Assert.Equal(2, rate.GetProperty("numerator").GetInt64());
        Assert.Equal(6, rate.GetProperty("denominator").GetInt64());
        Assert.Equal(audit[1].GetProperty("snapshot").GetRawText(), decision.GetProperty("snapshot").GetRawText());

        // A case a person opens carries the evaluation as of --at: Congocrea's ODR of shop-c, 1 defect in 10 orders.
        var events = new List<StandingEvent>();
        var t0 = NodaTime.Instant.FromUtc(2026, 4, 1, 0, 0);
        for (var i = 1; i <= 10; i++)
            events.Add(new StandingEvent { Id = $"p{i}", Type = EventType.OrderPlaced, At = t0 + NodaTime.Duration.FromHours(i), Seller = "shop-c", Order = $"o-{i}" });
        events.Add(new StandingEvent { Id = "r1", Type = EventType.ReviewPosted, At = NodaTime.Instant.FromUtc(2026, 4, 5, 10, 0), Seller = "shop-c", Review = "rv-1", Order = "o-1", Stars = 1 });
        var shop = StoreWith(string.Concat(events.Select(e => NdjsonEventWriter.ToLine(e) + "\n")));
        var opened = Ok("cases", "open", "--db", shop, "--seller", "shop-c", "--policy", "congocrea", "--kind", "suspension_proposal", "--by", "marie",
            "--note", "fake listings", "--at", "2026-04-06T09:00:00Z").Stdout.Trim();
        Ok("cases", "decide", opened, "--db", shop, "--decision", "dismiss", "--by", "amina", "--note", "listings were real", "--at", "2026-04-06T10:00:00Z");
        var trail = JsonDocument.Parse(Ok("cases", "show", opened, "--db", shop, "--format", "json").Stdout).RootElement.GetProperty("audit").EnumerateArray().ToList();
        Assert.Equal(["person:marie", "person:amina"], trail.Select(a => a.GetProperty("actor").GetString()));
        foreach (var entry in trail)
        {
            var odr = entry.GetProperty("snapshot").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "odr");
            Assert.Equal(1, odr.GetProperty("numerator").GetInt64());
            Assert.Equal(10, odr.GetProperty("denominator").GetInt64());
        }
    }

    /// <summary>
    /// Ten orders of shop-d, a one-star review on o-1 (ODR 1/10). The dispute of o-1 under ODR is
    /// accepted at 7 April 08:00Z; as of 8 April, explain's JSON has ODR 0/9 and lists o-1 under
    /// excluded_by_disputes with who accepted it, when, the note and the seller's reason. A rejected
    /// dispute of o-2 and an accepted one under another policy are not listed.
    /// </summary>
    [Fact]
    public void Explain_json_lists_the_items_of_accepted_disputes_with_who_when_and_why()
    {
        var events = new List<StandingEvent>();
        var t0 = NodaTime.Instant.FromUtc(2026, 4, 1, 0, 0);
        for (var i = 1; i <= 10; i++)
            events.Add(new StandingEvent { Id = $"p{i}", Type = EventType.OrderPlaced, At = t0 + NodaTime.Duration.FromHours(i), Seller = "shop-d", Order = $"o-{i}" });
        events.Add(new StandingEvent { Id = "r1", Type = EventType.ReviewPosted, At = NodaTime.Instant.FromUtc(2026, 4, 5, 10, 0), Seller = "shop-d", Review = "rv-1", Order = "o-1", Stars = 1 });
        var target = StoreWith(string.Concat(events.Select(e => NdjsonEventWriter.ToLine(e) + "\n")));

        var accepted = Ok("disputes", "open", "--db", target, "--seller", "shop-d", "--policy", "congocrea", "--metric", "odr", "--item", "o-1",
            "--reason", "buyer reviewed the wrong shop", "--at", "2026-04-06T08:00:00Z").Stdout.Trim();
        Ok("disputes", "decide", accepted, "--db", target, "--decision", "accept", "--by", "amina", "--note", "confirmed with the buyer", "--at", "2026-04-07T08:00:00Z", "--force-at"); // after the data: forced
        var rejected = Ok("disputes", "open", "--db", target, "--seller", "shop-d", "--policy", "congocrea", "--metric", "odr", "--item", "o-2",
            "--reason", "not my order", "--at", "2026-04-06T08:00:00Z").Stdout.Trim();
        Ok("disputes", "decide", rejected, "--db", target, "--decision", "reject", "--by", "amina", "--note", "it was", "--at", "2026-04-07T08:00:00Z", "--force-at");
        var elsewhere = Ok("disputes", "open", "--db", target, "--seller", "shop-d", "--policy", "econfiance", "--item", "o-3",
            "--reason", "other standard", "--at", "2026-04-06T08:00:00Z").Stdout.Trim();
        Ok("disputes", "decide", elsewhere, "--db", target, "--decision", "accept", "--by", "amina", "--note", "fine", "--at", "2026-04-07T08:00:00Z", "--force-at");

        JsonElement Odr(string asOf) => JsonDocument.Parse(Ok("explain", "--db", target, "--policy", "congocrea", "--as-of", asOf, "--seller", "shop-d", "--format", "json").Stdout)
            .RootElement.GetProperty("sellers")[0].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "odr");

        var before = Odr("2026-04-07T08:00:00Z");
        Assert.Equal(10, before.GetProperty("denominator").GetInt64());
        Assert.Equal(0, before.GetProperty("excluded_by_disputes").GetArrayLength());

        var after = Odr("2026-04-08");
        Assert.Equal(0, after.GetProperty("numerator").GetInt64());
        Assert.Equal(9, after.GetProperty("denominator").GetInt64());
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "o-1");
        var excluded = Assert.Single(after.GetProperty("excluded_by_disputes").EnumerateArray());
        Assert.Equal("o-1", excluded.GetProperty("item").GetString());
        Assert.Equal(accepted, excluded.GetProperty("dispute").GetString());
        Assert.Equal("amina", excluded.GetProperty("accepted_by").GetString());
        Assert.Equal("2026-04-07T08:00:00Z", excluded.GetProperty("accepted_at").GetString()); // congocrea's zone is UTC
        Assert.Equal("confirmed with the buyer", excluded.GetProperty("note").GetString());
        Assert.Equal("buyer reviewed the wrong shop", excluded.GetProperty("reason").GetString());

        // The table shows the same, and not the other policy's dispute.
        var table = Ok("explain", "--db", target, "--policy", "congocrea", "--as-of", "2026-04-08", "--seller", "shop-d", "--metric", "odr").Stdout;
        Assert.Contains("1 excluded by accepted disputes", table); // the summary line, shown before any item
        Assert.DoesNotContain(elsewhere, table);
    }
}

public sealed class SqliteEnforcementHistoryTests : EnforcementHistoryContract
{
    private int _n;

    protected override string NewTarget() => Temp.File($"history{++_n}.db");

    protected override void Execute(string target, string sql) => SqliteStatements.Execute(target, sql);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEnforcementHistoryTests(PostgresCluster cluster) : EnforcementHistoryContract
{
    private int _n;

    protected override string NewTarget()
    {
        var connectionString = cluster.NewDatabase();
        return ++_n % 2 == 0 ? cluster.Url(connectionString) : connectionString;
    }

    /// <summary>
    /// Read committed would let two runs both pass the check for a later run: a run's save waits for
    /// the policy's lock, so it sees the other run's as-of once that commits. Here the other run holds
    /// the lock (taken by hand), records a later day and commits while this save waits.
    /// </summary>
    [Fact]
    public void A_run_saving_while_another_run_of_the_policy_commits_a_later_day_waits_and_saves_nothing()
    {
        var target = NewTarget();
        var connectionString = target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target;
        using (var log = EventStore.Open(target, create: true)) log.Append([Events.Placed("a", "shop-1")]);
        using var store = EnforcementStore.Open(target);
        var later = NodaTime.Instant.FromUtc(2026, 3, 10, 0, 0);
        var earlier = later - NodaTime.Duration.FromDays(1);

        using var other = new NpgsqlConnection(connectionString);
        other.Open();
        using var transaction = other.BeginTransaction();
        using (var take = new NpgsqlCommand(EnforcementStore.RunLockStatement, other, transaction))
        {
            take.Parameters.AddWithValue("policy", "promua");
            take.ExecuteNonQuery();
        }

        var saving = Task.Run(() => store.Save([], ("promua", earlier)));
        using (var watch = new NpgsqlConnection(connectionString))
        {
            watch.Open();
            using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", watch); // not another test's
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while ((long)waiting.ExecuteScalar()! == 0 && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
            Assert.False(saving.IsCompleted, "the save should wait for the other run's lock");
        }
        using (var record = new NpgsqlCommand("INSERT INTO enforcement_runs (policy, as_of) VALUES ('promua', '2026-03-10T00:00:00Z')", other, transaction)) record.ExecuteNonQuery();
        transaction.Commit();

        var refused = Assert.Throws<AggregateException>(() => saving.Wait(TimeSpan.FromSeconds(30)));
        Assert.Contains("promua was run as of 2026-03-10T00:00:00Z meanwhile", Assert.IsType<EventStoreException>(refused.InnerException).Message);
        Assert.False(store.Runs("promua").WasRun(earlier));
    }

    protected override void Execute(string target, string sql)
    {
        using DbConnection connection = new NpgsqlConnection(target.Contains("://", StringComparison.Ordinal) ? EventStore.FromUrl(target) : target);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
