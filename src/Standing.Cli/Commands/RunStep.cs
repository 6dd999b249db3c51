using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Enforcement;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Machines;

namespace Standing.Cli.Commands;

/// <summary>
/// One policy to run at one as-of: what it was run up to before, its cases, and the sellers an earlier attempt at
/// this as-of stored already (cut short). Each batch's changed books are handed to the run's writer as the batch ends
/// (<see cref="Keep"/>), stored in order while the next batch is evaluated, so nothing of them is held until the end.
/// </summary>
internal sealed class RunStep(Policy policy, IPackMachine? machine, Instant asOf, Instant? previous, EnforcementStore store, RunBatchWriter writer, Action? batchStored)
{
    private readonly IReadOnlySet<string> _stored = machine is null ? new HashSet<string>() : store.SellersStored(policy.Id, asOf);

    public Policy Policy { get; } = policy;
    public IPackMachine? Machine { get; } = machine;
    public Instant AsOf { get; } = asOf;
    public Instant? Previous { get; } = previous;
    public ILookup<string, EnforcementCase> Cases { get; } = machine is null
        ? Array.Empty<EnforcementCase>().ToLookup(c => c.Seller, StringComparer.Ordinal)
        : store.Cases(policy.Id).ToLookup(c => c.Seller, StringComparer.Ordinal);
    public int Sellers { get; set; }

    /// <summary>The judged peer metrics of every seller at the step's as-of, for a policy that compares sellers.</summary>
    public PeerPool? Pool { get; set; }

    /// <summary>For a policy without enforcement: how many sellers each outcome was triggered for.</summary>
    public SortedDictionary<string, int> Triggered { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores one batch's changed books, leaving out those of sellers an earlier attempt stored: their cases were
    /// read after that attempt advanced them, so advancing them again would apply this as-of twice.
    /// </summary>
    public void Keep(IReadOnlyList<CaseBook> books)
    {
        var toStore = books.Where(b => !_stored.Contains(b.Seller)).ToList();
        writer.Post(() =>
        {
            store.SaveBatch(toStore, Policy.Id, AsOf);
            batchStored?.Invoke();
        });
    }

    /// <summary>Records the run once every batch handed over is stored: what the whole run did.</summary>
    public RunCounts Finish()
    {
        writer.Flush();
        return store.FinishRun(Policy.Id, AsOf);
    }
}
