using NodaTime;
using Standing.Data.Enforcement;

namespace Standing.Data.Outbox;

/// <summary>
/// Delivers the outbox to its sinks, at least once: a notice counts as delivered to a sink only after
/// the sink took it, and every attempt is recorded. A failed send is retried with doubling back-off
/// (<see cref="RetryOptions"/>); a sink still failing is left for the next delivery, which resumes
/// with what it did not take — nothing is lost while a sink is down.
/// </summary>
public sealed class OutboxDelivery(EnforcementStore store, IClock clock, RetryOptions retry)
{
    public async Task<DeliveryReport> DeliverAsync(IReadOnlyList<INoticeSink> sinks, CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var failed = new List<string>();
        foreach (var sink in sinks)
        {
            foreach (var notice in store.Undelivered(sink.Name))
            {
                var error = await SendWithRetriesAsync(sink, notice, cancellationToken).ConfigureAwait(false);
                if (error is null)
                {
                    delivered++;
                    continue;
                }
                failed.Add($"{sink.Name}: {notice.Id}: {error}");
                break; // the sink is down: keep the order, try again next time
            }
        }
        return new DeliveryReport(delivered, failed);
    }

    private async Task<string?> SendWithRetriesAsync(INoticeSink sink, StoredNotice notice, CancellationToken cancellationToken)
    {
        var wait = retry.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            string? error = null;
            try
            {
                await sink.SendAsync(notice, cancellationToken).ConfigureAwait(false);
            }
            catch (SinkException e)
            {
                error = e.Message;
            }
            store.RecordAttempt(notice, sink.Name, clock.GetCurrentInstant(), error);
            if (error is null || attempt >= retry.Attempts) return error;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait += wait;
        }
    }
}
