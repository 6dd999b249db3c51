using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Standing.Core.Facts;
using Standing.Data.Documents;
using Standing.Data.Store;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Jobs;

/// <summary>One backtest the server was asked for: what, of which marketplace, who, when, and its outcome once done.</summary>
public sealed class BacktestRun(string id, string marketplace, BacktestPlan plan, string startedBy, Instant requestedAt)
{
    public string Id { get; } = id;

    /// <summary>The marketplace whose store it replays; only that marketplace's keys (and admins naming it) see it.</summary>
    public string Marketplace { get; } = marketplace;
    public BacktestPlan Plan { get; } = plan;
    public string StartedBy { get; } = startedBy;
    public Instant RequestedAt { get; } = requestedAt;

    /// <summary>queued, running, done or failed.</summary>
    public string State { get; internal set; } = BacktestRuns.Queued;
    public Instant? StartedAt { get; internal set; }
    public Instant? FinishedAt { get; internal set; }

    /// <summary>Why it failed, in words for the person who started it.</summary>
    public string? Error { get; internal set; }

    /// <summary>backtest.json, once done.</summary>
    public byte[]? Json { get; internal set; }

    /// <summary>backtest.html, once done.</summary>
    public string? Html { get; internal set; }
}

/// <summary>
/// The backtests an admin started on this server, each on the store of the marketplace it was started
/// for, replayed in the background one at a time (a replay takes a core for as long as it runs; the
/// others wait in order), every case in memory: the store is only read. Runs and reports are kept in memory, the latest <see cref="Kept"/>, until the server stops.
/// </summary>
public sealed partial class BacktestRuns(Deployment deployment, ServerOptions options, IHostApplicationLifetime lifetime, ILogger<BacktestRuns> logger)
{
    public const string Queued = "queued", Running = "running", Done = "done", Failed = "failed";

    /// <summary>How many runs are kept; beyond it the oldest finished one is forgotten.</summary>
    public const int Kept = 50;

    private readonly ConcurrentDictionary<string, BacktestRun> _runs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task _tail = Task.CompletedTask; // the runs chained one after the other

    /// <summary>Every run kept of <paramref name="marketplace"/>, latest first.</summary>
    public IReadOnlyList<BacktestRun> All(string marketplace) => _runs.Values.Where(r => r.Marketplace == marketplace)
        .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>The run <paramref name="id"/> if it is <paramref name="marketplace"/>'s: another marketplace's is unknown here.</summary>
    public BacktestRun? Find(string id, string marketplace) => _runs.GetValueOrDefault(id) is { } run && run.Marketplace == marketplace ? run : null;

    /// <summary>Queues a checked plan over <paramref name="marketplace"/>'s store and returns at once; the replay runs in the background.</summary>
    public BacktestRun Start(BacktestPlan plan, string marketplace, string startedBy)
    {
        var run = new BacktestRun("bt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), marketplace, plan, startedBy, options.Now());
        _runs[run.Id] = run;
        Forget();
        lock (_gate) _tail = _tail.ContinueWith(_ => Execute(run), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return run;
    }

    private void Execute(BacktestRun run)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            stopping.ThrowIfCancellationRequested();
            run.StartedAt = options.Now();
            run.State = Running;
            Replay(run, stopping);
        }
        catch (OperationCanceledException)
        {
            Finish(run, "the server stopped before the backtest finished");
        }
        catch (Exception e) when (e is EventStoreException or System.Data.Common.DbException)
        {
            ReplayFailed(logger, run.Id, e);
            Finish(run, "the store failed while the backtest read it; start it again");
        }
#pragma warning disable CA1031 // a background run must end in a state its reader sees, whatever went wrong; the detail is logged
        catch (Exception e)
        {
            ReplayFailed(logger, run.Id, e);
            Finish(run, "the backtest failed; the server's log has the detail");
        }
#pragma warning restore CA1031
    }

    /// <summary>Reads each batch of sellers' events once and folds each day's facts from them, as <c>standing backtest</c> does.</summary>
    private void Replay(BacktestRun run, CancellationToken stopping)
    {
        var plan = run.Plan;
        var backtest = plan.Start();
        var (start, end) = plan.Span();
        var lastAsOf = Instant.Max(backtest.Baseline.AsOfs[^1], backtest.Candidate.AsOfs[^1]);
        var access = deployment.Default.For(run.Marketplace);
        IReadOnlyDictionary<string, List<Dispute>> disputes;
        using (var enforcement = access.Enforcement())
        {
            disputes = enforcement.Disputes().GroupBy(d => d.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }
        using var store = access.Events();
        var rows = store.Sellers();
        var known = rows.Where(r => r.FirstAt < lastAsOf).ToList();
        var inRange = 0L;
        foreach (var chunk in known.Chunk(backtest.ComparesSellers ? Math.Max(1, known.Count) : FactProjection.Chunk))
        {
            stopping.ThrowIfCancellationRequested();
            var events = store.ReadSellers(chunk.Select(r => r.Seller).ToList());
            inRange += events.Count(e => e.At >= start && e.At < end);
            backtest.Replay(asOf => FactFolder.Fold(events, asOf), disputes);
        }
        if (inRange == 0)
        {
            Finish(run, plan.NoEventsText(rows.Count == 0 ? null : (rows.Min(r => r.FirstAt), rows.Max(r => r.LastAt))));
            return;
        }
        using var json = new MemoryStream();
        BacktestDocument.Write(json, backtest, plan.BaselineSource, plan.CandidateSource);
        run.Json = json.ToArray();
        run.Html = BacktestPage.Render(backtest);
        run.FinishedAt = options.Now();
        run.State = Done;
    }

    private void Finish(BacktestRun run, string error)
    {
        run.Error = error;
        run.FinishedAt = options.Now();
        run.State = Failed;
    }

    /// <summary>Forgets the oldest finished runs beyond <see cref="Kept"/>.</summary>
    private void Forget()
    {
        var finished = _runs.Values.Where(r => r.State is Done or Failed).OrderBy(r => r.RequestedAt).ToList();
        var excess = _runs.Count - Kept;
        foreach (var run in finished.Take(Math.Max(0, excess))) _runs.TryRemove(run.Id, out _);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "backtest {Id} failed")]
    private static partial void ReplayFailed(ILogger logger, string id, Exception exception);
}
