using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Standing.Cli.Commands;

/// <summary>
/// Stores a run's batches on a thread of its own, one after another in the order they were handed over, while the run
/// evaluates the next batch: a batch's store (its transaction and synced commit) no longer holds up the evaluation. At
/// most <see cref="Pending"/> batches wait, so what is held stays bounded by the batch size. A store that failed stops
/// every later one; the failure is thrown, as it was, on the thread that hands over the next batch or waits for them.
/// </summary>
internal sealed class RunBatchWriter : IDisposable
{
    /// <summary>How many batches may wait to be stored before the run waits for them.</summary>
    private const int Pending = 2;

    private readonly BlockingCollection<(Action Work, bool Marker)> _queue = new(Pending);
    private readonly Thread _thread;
    private volatile ExceptionDispatchInfo? _failure;
    private volatile bool _abandoned;

    public RunBatchWriter()
    {
        _thread = new Thread(Write) { IsBackground = true, Name = "run batch writer" };
        _thread.Start();
    }

    /// <summary>Hands a batch's store over; throws the failure of an earlier one.</summary>
    public void Post(Action store)
    {
        ThrowIfFailed();
        _queue.Add((store, false));
    }

    /// <summary>Waits until every batch handed over is stored; throws the failure of any.</summary>
    public void Flush()
    {
        using var done = new ManualResetEventSlim();
        _queue.Add((done.Set, true));
        done.Wait();
        ThrowIfFailed();
    }

    private void ThrowIfFailed() => _failure?.Throw();

    private void Write()
    {
        foreach (var (work, marker) in _queue.GetConsumingEnumerable())
        {
            // After a failure, or once the run gave up, the batches still waiting are dropped, as a run cut short there would.
            if (!marker && (_failure is not null || _abandoned)) continue;
            try
            {
                work();
            }
            catch (Exception e)
            {
                // Any failure of a store is the run's: thrown again on the run's thread.
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    /// <summary>
    /// Ends the thread. Batches still waiting (the run failed or was stopped before <see cref="Flush"/>) are dropped, and the
    /// one being stored ends before this returns, so the store is never closed under it.
    /// </summary>
    public void Dispose()
    {
        _abandoned = true;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}
