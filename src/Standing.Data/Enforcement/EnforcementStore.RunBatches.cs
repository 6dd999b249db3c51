using System.Data.Common;
using System.Globalization;
using NodaTime;
using Standing.Data.Store;
using Standing.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Data.Enforcement;

/// <summary>
/// A daily run stored a batch of sellers at a time, so that what it holds is bounded by the batch: each batch's
/// changed books are stored with a row per seller (<c>enforcement_run_sellers</c>) in one transaction, and the run of
/// (policy, as-of) is recorded, and those rows cleared, only once every batch is stored. A run cut short leaves its
/// stored sellers' rows: the next run of that as-of skips them and ends where one uninterrupted run would have.
/// </summary>
public sealed partial class EnforcementStore
{
    /// <summary>The sellers whose books an unfinished run of <paramref name="policy"/> as of <paramref name="asOf"/> has stored.</summary>
    public IReadOnlySet<string> SellersStored(string policy, Instant asOf)
    {
        using var command = Command("SELECT seller FROM enforcement_run_sellers WHERE policy = @policy AND as_of = @asof",
            ("policy", policy), ("asof", EnforcementJson.Instant(asOf)));
        var sellers = new HashSet<string>(StringComparer.Ordinal);
        using var r = command.ExecuteReader();
        while (r.Read()) sellers.Add(r.GetString(0));
        return sellers;
    }

    /// <summary>The as-ofs of <paramref name="policy"/> whose run stored some sellers and was cut short, earliest first.</summary>
    public IReadOnlyList<Instant> UnfinishedRuns(string policy)
    {
        using var command = Command("SELECT DISTINCT as_of FROM enforcement_run_sellers WHERE policy = @policy", ("policy", policy));
        var asOfs = new List<Instant>();
        using var r = command.ExecuteReader();
        while (r.Read()) asOfs.Add(EnforcementJson.ParseInstant(r.GetString(0)));
        asOfs.Sort();
        return asOfs;
    }

    /// <summary>
    /// Stores one batch of a run's changed books (each of a seller not stored yet for this run) and a row per seller
    /// saying it is done, in one transaction; refused, as <see cref="Save"/> is, when a later as-of was run meanwhile.
    /// </summary>
    public void SaveBatch(IReadOnlyCollection<CaseBook> books, string policy, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(books);
        if (books.Count == 0) return;
        using var transaction = _connection.BeginTransaction();
        try
        {
            LockRun(policy, asOf, transaction);
            var written = StartCounting(transaction);
            foreach (var book in books)
            {
                Write(book, transaction, written);
                var counts = RunCounts.Of(book);
                using var done = Command(
                    "INSERT INTO enforcement_run_sellers (policy, as_of, seller, opened, transitions, notices, reports) " +
                    "VALUES (@policy, @asof, @seller, @opened, @transitions, @notices, @reports)",
                    ("policy", policy), ("asof", EnforcementJson.Instant(asOf)), ("seller", book.Seller), ("opened", counts.Opened),
                    ("transitions", counts.Transitions), ("notices", counts.Notices), ("reports", counts.Reports));
                done.Transaction = transaction;
                done.ExecuteNonQuery();
            }
            KeepCounts(written, transaction);
            transaction.Commit();
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    /// <summary>
    /// Records the run of <paramref name="policy"/> as of <paramref name="asOf"/> once every batch is stored, and clears
    /// its sellers' rows, in one transaction. Returns what the whole run did, its earlier attempts' batches included.
    /// </summary>
    public RunCounts FinishRun(string policy, Instant asOf)
    {
        using var transaction = _connection.BeginTransaction();
        try
        {
            LockRun(policy, asOf, transaction);
            RunCounts counts;
            using (var sum = Command(
                "SELECT coalesce(sum(opened), 0), coalesce(sum(transitions), 0), coalesce(sum(notices), 0), coalesce(sum(reports), 0) " +
                "FROM enforcement_run_sellers WHERE policy = @policy AND as_of = @asof", ("policy", policy), ("asof", EnforcementJson.Instant(asOf))))
            {
                sum.Transaction = transaction;
                using var r = sum.ExecuteReader();
                r.Read();
                counts = new(Int(r, 0), Int(r, 1), Int(r, 2), Int(r, 3));
            }
            using (var clear = Command("DELETE FROM enforcement_run_sellers WHERE policy = @policy AND as_of = @asof",
                ("policy", policy), ("asof", EnforcementJson.Instant(asOf))))
            {
                clear.Transaction = transaction;
                clear.ExecuteNonQuery();
            }
            InsertRun(policy, asOf, transaction);
            transaction.Commit();
            return counts;
        }
        catch (DbException e)
        {
            throw new EventStoreException(StoreFailure.Describe(Name, e), e);
        }
    }

    private static int Int(DbDataReader r, int column) => Convert.ToInt32(r.GetValue(column), CultureInfo.InvariantCulture);
}
