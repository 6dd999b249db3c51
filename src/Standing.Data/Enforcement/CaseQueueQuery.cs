using NodaTime;

namespace Standing.Data.Enforcement;

/// <summary>
/// Which cases the operators' queue selects (<see cref="EnforcementStore.Queue"/>): of a policy and a kind,
/// whose seller id contains a text (case-blind), open ones (or also closed ones, or those in
/// <see cref="State"/> even when closed); then those in <see cref="State"/>, only the overdue ones at
/// <see cref="Now"/>. Null or empty texts select everything.
/// </summary>
public sealed record CaseQueueQuery(Instant Now, string? Policy = null, string? Kind = null, string? SellerContains = null,
    bool Closed = false, string? State = null, bool OverdueOnly = false);

/// <summary>One page of the queue, how many cases it has in all, and the counts per state of the cases the other filters select.</summary>
public sealed record CaseQueuePage(
    IReadOnlyList<Standing.Enforcement.Cases.EnforcementCase> Cases,
    int Total,
    IReadOnlyList<(string State, int Cases)> States);
