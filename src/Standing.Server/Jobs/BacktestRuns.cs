using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Standing.Core.Facts;
using Standing.Data.Backtests;
using Standing.Data.Documents;
using Standing.Data.Store;
using Standing.Enforcement.Backtests;
using Standing.Enforcement.Disputes;
using Standing.Server.Documents;

namespace Standing.Server.Jobs;

/// <summary>
/// The backtests an admin starts on this server, kept in the store of the marketplace each replays
/// (<see cref="BacktestStore"/>): queued, replayed in the background one at a time (a replay takes a
/// core for as long as it runs; the others wait in order), every case in memory (the store's cases are
/// only read), then done with its two reports stored once, or failed with the reason. A run the server
/// stopped in, or was killed in, is marked interrupted (when the replay notices the stop, or when the
/// next server starts on the store); an admin may start it, or a failed one, again.
/// </summary>
public sealed partial class BacktestRuns(Deployment deployment, ServerOptions options, IHostApplicationLifetime lifetime, ILogger<BacktestRuns> logger)
{
    /// <summary>The reason an interrupted run carries.</summary>
    public const string StoppedReason = "the server stopped before the backtest finished; an admin may start it again";

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private Task _tail = Task.CompletedTask; // the runs chained one after the other

    /// <summary><paramref name="limit"/> runs of the marketplace from <paramref name="offset"/>, latest first.</summary>
    public IReadOnlyList<StoredBacktest> List(StoreAccess access, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.HasStore) return [];
        using var store = access.Backtests();
        return store.List(offset, limit);
    }

    /// <summary>The run <paramref name="id"/> of the marketplace: another marketplace's is in another store, so unknown here.</summary>
    public StoredBacktest? Find(StoreAccess access, string id)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.HasStore) return null;
        using var store = access.Backtests();
        return store.Find(id);
    }

    /// <summary>A done run's report: backtest.json (<paramref name="html"/> false) or backtest.html.</summary>
    public string? Report(StoreAccess access, string id, bool html)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.HasStore) return null;
        using var store = access.Backtests();
        return html ? store.ReportHtml(id) : store.ReportJson(id);
    }

    /// <summary>Stores a checked plan as a queued run of the marketplace and returns at once; the replay runs in the background.</summary>
    public StoredBacktest Start(BacktestPlan plan, BacktestPlan.Request request, StoreAccess access, string startedBy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(access);
        var run = new StoredBacktest
        {
            Id = "bt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Standard = plan.Candidate.Id,
            Baseline = plan.BaselineSource,
            BaselineVersion = plan.Baseline.Version,
            Candidate = plan.CandidateSource,
            CandidateVersion = plan.Candidate.Version,
            From = BacktestPlan.Date(plan.Days[0]),
            To = BacktestPlan.Date(plan.Days[^1]),
            Days = plan.Days.Count,
            State = BacktestStates.Queued,
            StartedBy = startedBy,
            RequestedAt = Instant.FromUnixTimeMilliseconds(options.Now().ToUnixTimeMilliseconds()),
        };
        using (var store = access.Backtests()) store.Add(run, JsonSerializer.Serialize(request, RequestJson));
        Enqueue(run.Id, access.Marketplace, plan);
        return run;
    }

    /// <summary>
    /// Starts a failed or interrupted run again, same id, from the request it was started with, checked
    /// again against the store as it is now. Null with the problem when it cannot be.
    /// </summary>
    public StoredBacktest? StartAgain(StoreAccess access, string id, out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(access);
        problem = null;
        using var store = access.Backtests();
        if (store.Find(id) is not { } run || store.Request(id) is not { } json)
        {
            problem = Problems.NotFound("id", $"no backtest \"{Inputs.Shown(id)}\"");
            return null;
        }
        if (!BacktestStates.MayStartAgain(run.State))
        {
            problem = Problems.Conflict($"backtest {id} is {run.State}: only a failed or interrupted backtest is started again (nothing was started)");
            return null;
        }
        var request = JsonSerializer.Deserialize<BacktestPlan.Request>(json, RequestJson) ?? throw new InvalidOperationException($"backtest {id}: its stored request is empty");
        if (!BacktestPlan.TryMake(request, access, out var plan, out problem)) return null;
        if (!store.Requeue(id))
        {
            problem = Problems.Conflict($"backtest {id} was started again meanwhile (nothing more was started)");
            return null;
        }
        Enqueue(id, access.Marketplace, plan);
        return store.Find(id);
    }

    /// <summary>
    /// At start: every run of the deployment's stores left queued or running (the server that had it
    /// stopped or was killed) is marked interrupted with <see cref="StoppedReason"/>. Not resumed: an
    /// admin decides whether it is still worth a core. Returns how many were marked.
    /// </summary>
    public int InterruptLeftOver()
    {
        var root = deployment.Default;
        IReadOnlyList<string> registered;
        using (var events = root.Events()) registered = events.RegisteredMarketplaces();
        var marked = 0;
        foreach (var marketplace in MarketplaceStores.All(registered))
        {
            var access = root.For(marketplace);
            if (!access.HasStore) continue;
            try
            {
                using var store = access.Backtests();
                foreach (var run in store.Unfinished())
                {
                    if (store.MarkEnded(run.Id, BacktestStates.Interrupted, StoppedReason, options.Now())) marked++;
                }
            }
            catch (EventStoreException e)
            {
                // A store that cannot be written (read-only) keeps its runs as they are; it serves reads still.
                SweepFailed(logger, access.Name, e.Message);
            }
        }
        if (marked > 0) Interrupted(logger, marked);
        return marked;
    }

    private void Enqueue(string id, string marketplace, BacktestPlan plan)
    {
        lock (_gate) _tail = _tail.ContinueWith(_ => Execute(id, marketplace, plan), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Execute(string id, string marketplace, BacktestPlan plan)
    {
        var stopping = lifetime.ApplicationStopping;
        var access = deployment.Default.For(marketplace);
        try
        {
            stopping.ThrowIfCancellationRequested();
            using (var store = access.Backtests())
            {
                if (!store.MarkRunning(id, options.Now())) return; // ended meanwhile (marked by another server's start)
            }
            var (report, failure) = Replay(plan, access, stopping);
            using (var store = access.Backtests())
            {
                if (report is { } r) store.MarkDone(id, r.Json, r.Html, options.Now());
                else store.MarkEnded(id, BacktestStates.Failed, failure!, options.Now());
            }
        }
        catch (OperationCanceledException)
        {
            End(access, id, BacktestStates.Interrupted, StoppedReason);
        }
        catch (Exception e) when (e is EventStoreException or System.Data.Common.DbException)
        {
            ReplayFailed(logger, id, e);
            End(access, id, BacktestStates.Failed, "the store failed while the backtest read it; start it again");
        }
#pragma warning disable CA1031 // a background run must end in a state its reader sees, whatever went wrong; the detail is logged
        catch (Exception e)
        {
            ReplayFailed(logger, id, e);
            End(access, id, BacktestStates.Failed, "the backtest failed; the server's log has the detail");
        }
#pragma warning restore CA1031
    }

    /// <summary>Records how a run ended; a store that fails now leaves it for the next start to mark interrupted.</summary>
    private void End(StoreAccess access, string id, string state, string reason)
    {
        try
        {
            using var store = access.Backtests();
            store.MarkEnded(id, state, reason, options.Now());
        }
        catch (EventStoreException e)
        {
            ReplayFailed(logger, id, e);
        }
    }

    /// <summary>
    /// Events a backtest of the server holds in memory at most (about 80 bytes each, some 300 MB): the server's memory
    /// stays within its bound (docs/performance.md); a store with more is read batch by batch.
    /// </summary>
    private const long HeldEventsAtMost = 4_000_000;

    /// <summary>Reads each batch of sellers' events once and folds each day's facts from them, as <c>standing backtest</c> does: the two reports, or why there are none.</summary>
    private static ((string Json, string Html)? Report, string? Failure) Replay(BacktestPlan plan, StoreAccess access, CancellationToken stopping)
    {
        var backtest = plan.Start();
        var (start, end) = plan.Span();
        var lastAsOf = Instant.Max(backtest.Baseline.AsOfs[^1], backtest.Candidate.AsOfs[^1]);
        IReadOnlyDictionary<string, List<Dispute>> disputes;
        using (var enforcement = access.Enforcement())
        {
            disputes = enforcement.Disputes().GroupBy(d => d.Seller, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }
        using var events = access.Events();
        var rows = events.Sellers();
        var known = rows.Where(r => r.FirstAt < lastAsOf).ToList();
        var inRange = 0L;
        // As the command: the events read in one pass in the file's order when they fit (a tighter bound here, the
        // server holding its pages' lists beside them), each batch folded a day at a time on a core of its own.
        var read = SellerEventsReadOnce.Read(events, known, HeldEventsAtMost, cancel: stopping);
        backtest.ReplayBatches(known.Chunk(backtest.ComparesSellers ? Math.Max(1, known.Count) : Backtest.DefaultBatch), chunk =>
        {
            stopping.ThrowIfCancellationRequested();
            var batch = read.ReadSellers(chunk.Select(r => r.Seller).ToList());
            Interlocked.Add(ref inRange, batch.Count(e => e.At >= start && e.At < end));
            return new IncrementalFold(batch).AdvanceTo;
        }, disputes);
        if (inRange == 0) return (null, plan.NoEventsText(rows.Count == 0 ? null : (rows.Min(r => r.FirstAt), rows.Max(r => r.LastAt))));
        using var json = new MemoryStream();
        BacktestDocument.Write(json, backtest, plan.BaselineSource, plan.CandidateSource);
        return ((System.Text.Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length), BacktestPage.Render(backtest)), null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "backtest {Id} failed")]
    private static partial void ReplayFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Runs} backtests left queued or running by a stopped server were marked interrupted")]
    private static partial void Interrupted(ILogger logger, int runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the backtests of {Store} were not checked for runs a stopped server left: {Reason}")]
    private static partial void SweepFailed(ILogger logger, string store, string reason);
}
