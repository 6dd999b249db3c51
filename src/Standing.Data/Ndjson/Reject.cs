namespace Standing.Data.Ndjson;

/// <summary>
/// A line that was not accepted: where it was (the file as the user named it, 1-based line), why,
/// and the line itself verbatim (without its line terminator), so nothing is silently dropped.
/// </summary>
public sealed record Reject(string File, int Line, string Reason, string Raw)
{
    /// <summary>Where in the line the value at fault starts (1-based), when one value is (a seller that is not an id).</summary>
    public int? Column { get; init; }

    /// <summary>The message form: <c>FILE:LINE: reason</c>, or <c>FILE:LINE:COLUMN: reason</c>.</summary>
    public string Message => Column is { } column ? $"{File}:{Line}:{column}: {Reason}" : $"{File}:{Line}: {Reason}";

    public override string ToString() => Message;
}
