using NodaTime;
using Standing.Data.Enforcement;

namespace Standing.Data.Outbox;

/// <summary>
/// Delivers the outbox to its sinks, at least once and, with several deliverers at once, once per
/// receiver: a notice is claimed for a sink (<see cref="EnforcementStore.TryClaim"/>) before it is
/// sent, and counts as delivered only after the sink took it; every attempt is recorded. A failed
/// send is retried with jittered doubling back-off (<see cref="RetryOptions"/>), or after the
/// receiver's <c>Retry-After</c>; a sink still failing is left for the next delivery, which resumes
/// with what it did not take. A notice the receiver refuses for good becomes a dead letter (kept
/// with the answer, <c>outbox list --state failed</c>, <c>outbox retry ID</c>) and the others go on.
/// </summary>
public sealed class OutboxDelivery(EnforcementStore store, IClock clock, RetryOptions retry)
{
    private readonly string _owner = ClaimOwner.ForThisProcess();

    public Random Random { get; init; } = Random.Shared;

    /// <summary>The marketplace whose store this is: every notice sent names it (<see cref="NoticePayload"/>).</summary>
    public string Marketplace { get; init; } = Store.MarketplaceId.Default;

    private enum Outcome
    {
        Delivered,
        Refused,
        Failing,
    }

    public async Task<DeliveryReport> DeliverAsync(IReadOnlyList<INoticeSink> sinks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        var delivered = 0;
        var others = 0;
        var failed = new List<string>();
        var dead = new List<string>();
        foreach (var sink in sinks)
        {
            foreach (var notice in store.Undelivered(sink.Name))
            {
                var now = clock.GetCurrentInstant();
                if (!store.TryClaim(notice, sink.Name, _owner, now, now + Duration.FromTimeSpan(retry.Claim)))
                {
                    others++;
                    continue;
                }
                var (outcome, error) = await SendWithRetriesAsync(sink, NoticePayload.Sent(notice, Marketplace), cancellationToken).ConfigureAwait(false);
                store.Release(notice, sink.Name, _owner);
                if (outcome == Outcome.Delivered)
                {
                    delivered++;
                }
                else if (outcome == Outcome.Refused)
                {
                    dead.Add($"{sink.Name}: {notice.Id}: {error}");
                }
                else
                {
                    failed.Add($"{sink.Name}: {notice.Id}: {error}");
                    break; // the sink is down: keep the order, try again next time
                }
            }
        }
        return new DeliveryReport(delivered, failed) { DeadLetters = dead, Skipped = others };
    }

    private async Task<(Outcome, string?)> SendWithRetriesAsync(INoticeSink sink, StoredNotice notice, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            SinkException? failure = null;
            try
            {
                await sink.SendAsync(notice, cancellationToken).ConfigureAwait(false);
            }
            catch (SinkException e)
            {
                failure = e;
            }
            var now = clock.GetCurrentInstant();
            if (failure is null)
            {
                store.RecordAttempt(notice, sink.Name, now, null);
                return (Outcome.Delivered, null);
            }
            if (failure.Permanent)
            {
                store.RecordAttempt(notice, sink.Name, now, failure.Message, permanent: true);
                return (Outcome.Refused, failure.Message);
            }
            var wait = failure.RetryAfter ?? retry.Backoff(attempt, Random);
            var waitsTooLong = failure.RetryAfter > retry.LongestWait;
            store.RecordAttempt(notice, sink.Name, now, failure.Message, notBefore: waitsTooLong ? now + Duration.FromTimeSpan(wait) : null);
            if (waitsTooLong || attempt >= retry.Attempts) return (Outcome.Failing, failure.Message);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
