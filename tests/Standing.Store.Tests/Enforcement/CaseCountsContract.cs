using Microsoft.Data.Sqlite;
using Npgsql;
using Standing.Data.Enforcement;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// The case counts a store keeps with its cases (the operators' queue reads its counts from them) are at every step what
/// counting every case again gives: after a replay that opens cases, excludes a shop and reinstates another, after
/// people's decisions, after a store made before the counts is opened, on SQLite and a real PostgreSQL. The version of
/// the cases moves with every write of cases and with nothing else. (The crash contract checks them after kills.)
/// </summary>
public abstract class CaseCountsContract : IDisposable
{
    private protected TempFolder Temp { get; } = new();

    protected abstract string NewTarget();

    /// <summary>Runs SQL on the store as an older program would: beside the enforcement store.</summary>
    protected abstract void Execute(string target, string sql);

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Policy => Temp.Write("promua.yaml", PromuaHistory.Policy);

    private static StandingProcess.Result Ok(params string[] args)
    {
        var run = StandingProcess.Run(args);
        Assert.True(run.ExitCode == 0, $"standing {string.Join(' ', args)} failed ({run.ExitCode}): {run.Stderr}");
        return run;
    }

    private static string Text(IReadOnlyDictionary<CaseCountKey, int> counts) =>
        string.Join("\n", counts.Select(c => $"{c.Key.Policy} {c.Key.Kind} {c.Key.State} closed={c.Key.Closed} undue={c.Key.Undue}: {c.Value}").Order(StringComparer.Ordinal));

    /// <summary>The kept counts equal a recount of every case; returns them and the cases' version.</summary>
    private static (string Counts, long Version) Kept(string target)
    {
        using var store = EnforcementStore.Open(target);
        var kept = Text(store.CaseCounts());
        Assert.Equal(Text(store.RecountCases()), kept);
        return (kept, Assert.NotNull(store.CaseVersion()));
    }

    /// <summary>The kept count of Prom.ua's cases of <paramref name="kind"/> in <paramref name="state"/>, open or closed.</summary>
    private static int Promua(string target, string kind, string state, bool closed)
    {
        using var store = EnforcementStore.Open(target);
        return store.CaseCounts().Where(c => c.Key.Policy == "promua" && c.Key.Kind == kind && c.Key.State == state && c.Key.Closed == closed).Sum(c => c.Value);
    }

    private static string IdOf(string target, string seller, string kind)
    {
        using var store = EnforcementStore.Open(target);
        return Assert.Single(store.Cases(seller: seller), c => c.Kind == kind).Id;
    }

    [Fact]
    public void The_kept_counts_are_a_recount_after_new_cases_decisions_and_reinstatements_and_the_version_moves_only_with_cases()
    {
        var target = NewTarget();
        Ok("ingest", Temp.Write("history.ndjson", PromuaHistory.Ndjson()), "--db", target);
        var (none, first) = Kept(target);
        Assert.Equal("", none);

        // The replay of docs/standards' Prom.ua history (see PromuaHistory): shop-letter excluded on 1 March and
        // reinstated on day 14 with its letter, shop-silent excluded and kept out (due day 28), the letter waiting
        // for the operator's answer.
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Policy);
        var (replayed, afterRun) = Kept(target);
        Assert.True(afterRun > first);
        Assert.Equal(1, Promua(target, "catalog_exclusion", "reinstated", closed: true));
        Assert.Equal(1, Promua(target, "catalog_exclusion", "excluded", closed: false));
        Assert.Equal(1, Promua(target, "letter", "awaiting_answer", closed: false));

        // Events change no case: the version stays.
        Ok("ingest", Temp.Write("again.ndjson", PromuaHistory.Ndjson()), "--db", target);
        Assert.Equal((replayed, afterRun), Kept(target));

        // People's decisions: the letter answered, the kept-out shop reinstated.
        Ok("cases", "decide", IdOf(target, "shop-letter", "letter"), "--db", target, "--decision", "answer", "--by", "olena",
            "--note", "thanks", "--at", "2026-03-16T09:00:00Z", "--force-at");
        var (_, afterAnswer) = Kept(target);
        Assert.True(afterAnswer > afterRun);
        Assert.Equal(0, Promua(target, "letter", "awaiting_answer", closed: false));
        Ok("cases", "decide", IdOf(target, "shop-silent", "catalog_exclusion"), "--db", target, "--decision", "reinstate", "--by", "olena",
            "--note", "appeal upheld", "--at", "2026-03-16T10:00:00Z", "--force-at");
        var (_, afterReinstating) = Kept(target);
        Assert.True(afterReinstating > afterAnswer);
        Assert.Equal(2, Promua(target, "catalog_exclusion", "reinstated", closed: true));
        Assert.Equal(0, Promua(target, "catalog_exclusion", "excluded", closed: false));
    }

    [Fact]
    public void A_store_made_before_the_counts_has_them_made_and_filled_when_opened()
    {
        var target = NewTarget();
        Ok("ingest", Temp.Write("history.ndjson", PromuaHistory.Ndjson()), "--db", target);
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Policy);
        var (counts, _) = Kept(target);
        Execute(target, "DROP TABLE enforcement_case_counts");
        Execute(target, "DROP TABLE enforcement_case_version");
        Assert.Equal((counts, 1L), Kept(target));
    }
}

public sealed class SqliteCaseCountsTests : CaseCountsContract
{
    private int _n;

    protected override string NewTarget() => Temp.File($"counts{++_n}.db");

    protected override void Execute(string target, string sql) => SqliteStatements.Execute(target, sql);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseCountsTests(PostgresCluster cluster) : CaseCountsContract
{
    protected override string NewTarget() => cluster.NewDatabase();

    protected override void Execute(string target, string sql)
    {
        using var connection = new NpgsqlConnection(target);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
