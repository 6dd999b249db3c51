namespace Standing.Data.Ndjson;

/// <summary>
/// A line that was not accepted: where it was (the file as the user named it, 1-based line), why,
/// and the line itself verbatim (without its line terminator), so nothing is silently dropped.
/// </summary>
public sealed record Reject(string File, int Line, string Reason, string Raw)
{
    /// <summary>The message form: <c>FILE:LINE: reason</c>.</summary>
    public string Message => $"{File}:{Line}: {Reason}";

    public override string ToString() => Message;
}
