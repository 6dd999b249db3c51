namespace Standing.Enforcement.Cases;

/// <summary>The states cases move through; which ones a kind uses is its machine's business.</summary>
public static class CaseStates
{
    // warning
    public const string Issued = "issued";
    public const string Escalated = "escalated";
    public const string Resolved = "resolved";
    public const string Withdrawn = "withdrawn";

    // suspension proposal
    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";
    public const string Dismissed = "dismissed";

    // catalog exclusion, restriction
    public const string Excluded = "excluded";
    public const string Reinstated = "reinstated";
    public const string Restricted = "restricted";
    public const string Lifted = "lifted";

    // letter
    public const string AwaitingAnswer = "awaiting_answer";
    public const string Answered = "answered";

    // badge
    public const string Granted = "granted";

    // violation, attitude penalty
    public const string Recorded = "recorded";
    public const string Handled = "handled";
    public const string Cleared = "cleared";
    public const string AwaitingFine = "awaiting_fine";
    public const string Fined = "fined";

    // cases a policy's enforcement section opens
    public const string Open = "open";
    public const string AwaitingDecision = "awaiting_decision";

    // a periodic report (closed as it is recorded)
    public const string Sent = "sent";

    /// <summary>States in which the case waits for a person's decision.</summary>
    public static bool AwaitsPerson(string state) =>
        state is Proposed or AwaitingAnswer or AwaitingFine or Recorded or AwaitingDecision;

    /// <summary>The states <see cref="AwaitsPerson"/> holds for, listed (for queries that select them in SQL).</summary>
    public static IReadOnlyList<string> AwaitingPerson { get; } = [Proposed, AwaitingAnswer, AwaitingFine, Recorded, AwaitingDecision];
}
