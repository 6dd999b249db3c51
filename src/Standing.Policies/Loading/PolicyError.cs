namespace Standing.Policies.Loading;

/// <summary>One problem in a policy file, at a 1-based line and column.</summary>
public sealed record PolicyError(string File, long Line, long Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>A policy that did not load: every error found, not just the first.</summary>
public sealed class PolicyLoadException(IReadOnlyList<PolicyError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<PolicyError> Errors { get; } = errors;
}
