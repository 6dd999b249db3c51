using System.Data.Common;
using Npgsql;
using NodaTime;
using Standing.Data.Store;

namespace Standing.Data.Enforcement;

/// <summary>The outbox's delivery records: claims, attempts, dead letters, retries.</summary>
public sealed partial class EnforcementStore
{
    /// <summary>
    /// Claims <paramref name="notice"/> for <paramref name="sink"/> on behalf of <paramref name="owner"/>
    /// until <paramref name="until"/>, in one write transaction: SQLite's writer lock, or PostgreSQL's
    /// row lock taken with <c>FOR UPDATE SKIP LOCKED</c>. False when the sink has it already, it is a
    /// dead letter, another deliverer (still running, <see cref="Outbox.ClaimOwner"/>) holds an unexpired claim, or a <c>Retry-After</c> is not over.
    /// </summary>
    public bool TryClaim(StoredNotice notice, string sink, string owner, Instant now, Instant until)
    {
        ArgumentNullException.ThrowIfNull(notice);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using (var ensure = Command(
                "INSERT INTO enforcement_deliveries (seller, notice_id, sink, attempts, last_attempt_at) VALUES (@seller, @id, @sink, 0, @now) " +
                "ON CONFLICT (seller, notice_id, sink) DO NOTHING",
                ("seller", notice.Seller), ("id", notice.Id), ("sink", sink), ("now", EnforcementJson.Instant(now))))
            {
                ensure.Transaction = transaction;
                ensure.ExecuteNonQuery();
            }
            using (var select = Command(
                "SELECT delivered_at, failed_at, claimed_by, claimed_until, next_attempt_at FROM enforcement_deliveries " +
                "WHERE seller = @seller AND notice_id = @id AND sink = @sink" + (_connection is NpgsqlConnection ? " FOR UPDATE SKIP LOCKED" : ""),
                ("seller", notice.Seller), ("id", notice.Id), ("sink", sink)))
            {
                select.Transaction = transaction;
                using var r = select.ExecuteReader();
                if (!r.Read()) return false; // locked by another deliverer's claim in progress
                if (!r.IsDBNull(0) || !r.IsDBNull(1)) return false;
                if (!r.IsDBNull(2) && r.GetString(2) != owner && EnforcementJson.ParseInstant(r.GetString(3)) > now && !Outbox.ClaimOwner.IsGone(r.GetString(2))) return false;
                if (!r.IsDBNull(4) && EnforcementJson.ParseInstant(r.GetString(4)) > now) return false;
            }
            using (var claim = Command(
                "UPDATE enforcement_deliveries SET claimed_by = @owner, claimed_until = @until WHERE seller = @seller AND notice_id = @id AND sink = @sink",
                ("owner", owner), ("until", EnforcementJson.Instant(until)), ("seller", notice.Seller), ("id", notice.Id), ("sink", sink)))
            {
                claim.Transaction = transaction;
                claim.ExecuteNonQuery();
            }
            transaction.Commit();
            return true;
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    /// <summary>
    /// Records one delivery attempt: delivered when <paramref name="error"/> is null; with
    /// <paramref name="permanent"/>, a refusal for good (a dead letter, the answer kept as the error);
    /// <paramref name="notBefore"/> keeps every deliverer from trying again before then.
    /// </summary>
    public void RecordAttempt(StoredNotice notice, string sink, Instant at, string? error, bool permanent = false, Instant? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var command = Command(
            "INSERT INTO enforcement_deliveries (seller, notice_id, sink, attempts, delivered_at, last_attempt_at, last_error, failed_at, next_attempt_at) " +
            "VALUES (@seller, @id, @sink, 1, @delivered, @at, @error, @failed, @next) " +
            "ON CONFLICT (seller, notice_id, sink) DO UPDATE SET attempts = enforcement_deliveries.attempts + 1, " +
            "delivered_at = COALESCE(enforcement_deliveries.delivered_at, excluded.delivered_at), last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error, " +
            "failed_at = excluded.failed_at, next_attempt_at = excluded.next_attempt_at",
            ("seller", notice.Seller), ("id", notice.Id), ("sink", sink), ("delivered", error is null ? EnforcementJson.Instant(at) : null),
            ("at", EnforcementJson.Instant(at)), ("error", error), ("failed", error is not null && permanent ? EnforcementJson.Instant(at) : null),
            ("next", notBefore is { } n ? EnforcementJson.Instant(n) : null));
        command.ExecuteNonQuery();
    }

    /// <summary>Gives up <paramref name="owner"/>'s claim of the notice for the sink (others may take it at once).</summary>
    public void Release(StoredNotice notice, string sink, string owner)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var command = Command(
            "UPDATE enforcement_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE seller = @seller AND notice_id = @id AND sink = @sink AND claimed_by = @owner",
            ("seller", notice.Seller), ("id", notice.Id), ("sink", sink), ("owner", owner));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Puts the dead letters of notice <paramref name="noticeId"/> back in the outbox (every sink that
    /// refused it): the next delivery sends them again. Returns how many deliveries were reopened.
    /// </summary>
    public int Retry(string noticeId)
    {
        try
        {
            using var command = Command(
                "UPDATE enforcement_deliveries SET failed_at = NULL, next_attempt_at = NULL WHERE notice_id = @id AND failed_at IS NOT NULL",
                ("id", noticeId));
            return command.ExecuteNonQuery();
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    public IReadOnlyList<Delivery> Deliveries()
    {
        using var command = Command("SELECT seller, notice_id, sink, attempts, delivered_at, last_attempt_at, last_error, failed_at, next_attempt_at FROM enforcement_deliveries");
        var list = new List<Delivery>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Delivery(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                r.IsDBNull(4) ? null : EnforcementJson.ParseInstant(r.GetString(4)), EnforcementJson.ParseInstant(r.GetString(5)), r.IsDBNull(6) ? null : r.GetString(6))
            {
                FailedAt = r.IsDBNull(7) ? null : EnforcementJson.ParseInstant(r.GetString(7)),
                NextAttemptAt = r.IsDBNull(8) ? null : EnforcementJson.ParseInstant(r.GetString(8)),
            });
        }
        return list;
    }
}
