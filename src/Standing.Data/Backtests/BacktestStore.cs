using System.Data.Common;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Store;

namespace Standing.Data.Backtests;

/// <summary>
/// The server's backtests in a marketplace's store (the <c>backtest_runs</c> table, the same SQL on
/// SQLite and PostgreSQL): each run's state, the request that makes it again, and once done its
/// backtest.json and backtest.html, written once. Every change of state is one conditional update, so
/// two servers or two clicks cannot both move a run.
/// </summary>
public sealed class BacktestStore : IDisposable
{
    private const string Columns = "id, standard, baseline, baseline_version, candidate, candidate_version, from_day, to_day, days, state, started_by, requested_at, started_at, finished_at, error, attempts";
    private readonly DbConnection _connection;

    private BacktestStore(string name, DbConnection connection)
    {
        Name = name;
        _connection = connection;
    }

    public string Name { get; }

    /// <summary>Opens the backtests of an existing store, checking it is ours and bringing its schema up to date.</summary>
    public static BacktestStore Open(string target)
    {
        string name;
        using (var events = EventStore.Open(target, create: false)) name = events.Name;
        return Connect(target, name);
    }

    /// <summary>Opens the backtests of a store already checked by <see cref="Open"/> or <see cref="EventStore.Open"/>, on a pooled connection.</summary>
    public static BacktestStore Connect(string target, string name)
    {
        return new BacktestStore(name, PooledStoreConnection.Open(target, name));
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Adds a queued run with <paramref name="request"/>, the JSON its starter posted (kept to start it again).</summary>
    public void Add(StoredBacktest run, string request)
    {
        ArgumentNullException.ThrowIfNull(run);
        Execute(
            $"INSERT INTO backtest_runs ({Columns}, requested_ms, request, report_json, report_html) VALUES " +
            "(@id, @standard, @baseline, @baseline_version, @candidate, @candidate_version, @from, @to, @days, @state, @by, @requested, NULL, NULL, NULL, @attempts, @ms, @request, NULL, NULL)",
            ("id", run.Id), ("standard", run.Standard), ("baseline", run.Baseline), ("baseline_version", run.BaselineVersion), ("candidate", run.Candidate),
            ("candidate_version", run.CandidateVersion), ("from", run.From), ("to", run.To), ("days", run.Days), ("state", BacktestStates.Queued),
            ("by", run.StartedBy), ("requested", EnforcementJson.Instant(run.RequestedAt)), ("attempts", run.Attempts),
            ("ms", run.RequestedAt.ToUnixTimeMilliseconds()), ("request", request));
    }

    /// <summary>How many runs the store holds.</summary>
    public long Count() => Scalar("SELECT count(*) FROM backtest_runs") is { } n ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary><paramref name="limit"/> runs from <paramref name="offset"/>, latest requested first (then by id).</summary>
    public IReadOnlyList<StoredBacktest> List(int offset, int limit) =>
        Read($"SELECT {Columns} FROM backtest_runs ORDER BY requested_ms DESC, id LIMIT @limit OFFSET @offset", ("limit", limit), ("offset", offset));

    /// <summary>The runs left queued or running, oldest first.</summary>
    public IReadOnlyList<StoredBacktest> Unfinished() =>
        Read($"SELECT {Columns} FROM backtest_runs WHERE state IN ('{BacktestStates.Queued}', '{BacktestStates.Running}') ORDER BY requested_ms, id");

    public StoredBacktest? Find(string id) => Read($"SELECT {Columns} FROM backtest_runs WHERE id = @id", ("id", id)).FirstOrDefault();

    /// <summary>The request JSON the run was started with.</summary>
    public string? Request(string id) => Scalar("SELECT request FROM backtest_runs WHERE id = @id", ("id", id)) as string;

    /// <summary>backtest.json of a done run, or null.</summary>
    public string? ReportJson(string id) => Scalar($"SELECT report_json FROM backtest_runs WHERE id = @id AND state = '{BacktestStates.Done}'", ("id", id)) as string;

    /// <summary>backtest.html of a done run, or null.</summary>
    public string? ReportHtml(string id) => Scalar($"SELECT report_html FROM backtest_runs WHERE id = @id AND state = '{BacktestStates.Done}'", ("id", id)) as string;

    /// <summary>Queued to running; false when the run is no longer queued (nothing changed).</summary>
    public bool MarkRunning(string id, Instant at) =>
        Execute($"UPDATE backtest_runs SET state = '{BacktestStates.Running}', started_at = @at WHERE id = @id AND state = '{BacktestStates.Queued}'",
            ("id", id), ("at", EnforcementJson.Instant(at))) == 1;

    /// <summary>Running to done with its two reports, stored once; false when it was not running.</summary>
    public bool MarkDone(string id, string json, string html, Instant at) =>
        Execute($"UPDATE backtest_runs SET state = '{BacktestStates.Done}', finished_at = @at, error = NULL, report_json = @json, report_html = @html " +
            $"WHERE id = @id AND state = '{BacktestStates.Running}'", ("id", id), ("at", EnforcementJson.Instant(at)), ("json", json), ("html", html)) == 1;

    /// <summary>Queued or running to <paramref name="state"/> (failed or interrupted) with the reason; false when it had ended already.</summary>
    public bool MarkEnded(string id, string state, string reason, Instant at)
    {
        if (state is not (BacktestStates.Failed or BacktestStates.Interrupted)) throw new ArgumentOutOfRangeException(nameof(state), state, "failed or interrupted");
        return Execute($"UPDATE backtest_runs SET state = @state, finished_at = @at, error = @reason WHERE id = @id AND state IN ('{BacktestStates.Queued}', '{BacktestStates.Running}')",
            ("id", id), ("state", state), ("at", EnforcementJson.Instant(at)), ("reason", reason)) == 1;
    }

    /// <summary>
    /// A failed or interrupted run queued again (one more attempt, its times and reason cleared, its
    /// request and id kept); false when it is in another state (nothing changed).
    /// </summary>
    public bool Requeue(string id) =>
        Execute($"UPDATE backtest_runs SET state = '{BacktestStates.Queued}', attempts = attempts + 1, started_at = NULL, finished_at = NULL, error = NULL " +
            $"WHERE id = @id AND state IN ('{BacktestStates.Failed}', '{BacktestStates.Interrupted}')", ("id", id)) == 1;

    private List<StoredBacktest> Read(string sql, params (string Name, object? Value)[] parameters)
    {
        try
        {
            using var command = Command(sql, parameters);
            using var r = command.ExecuteReader();
            var runs = new List<StoredBacktest>();
            while (r.Read())
            {
                runs.Add(new StoredBacktest
                {
                    Id = r.GetString(0),
                    Standard = r.GetString(1),
                    Baseline = r.GetString(2),
                    BaselineVersion = r.GetString(3),
                    Candidate = r.GetString(4),
                    CandidateVersion = r.GetString(5),
                    From = r.GetString(6),
                    To = r.GetString(7),
                    Days = Convert.ToInt32(r.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
                    State = r.GetString(9),
                    StartedBy = r.GetString(10),
                    RequestedAt = EnforcementJson.ParseInstant(r.GetString(11)),
                    StartedAt = r.IsDBNull(12) ? null : EnforcementJson.ParseInstant(r.GetString(12)),
                    FinishedAt = r.IsDBNull(13) ? null : EnforcementJson.ParseInstant(r.GetString(13)),
                    Error = r.IsDBNull(14) ? null : r.GetString(14),
                    Attempts = Convert.ToInt32(r.GetValue(15), System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            return runs;
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        try
        {
            using var command = Command(sql, parameters);
            var value = command.ExecuteScalar();
            return value is DBNull ? null : value;
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        try
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
