namespace Standing.Core.Policies;

/// <summary>A rule's outcome for one seller, with the reason in words.</summary>
public sealed record RuleVerdict(string Id, string Outcome, bool Triggered, string Reason);
